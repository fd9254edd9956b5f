"""Dates in documents (Nghị định 30/2020/NĐ-CP): a zero before days 1–9 and months 1–2 only."""

from datetime import date

import pytest

from common.formatting import document_date


@pytest.mark.parametrize(
    ("day", "written"),
    [
        (date(2023, 1, 5), "ngày 05 tháng 01 năm 2023"),
        (date(2023, 2, 28), "ngày 28 tháng 02 năm 2023"),
        (date(2023, 3, 1), "ngày 01 tháng 3 năm 2023"),
        (date(2023, 6, 15), "ngày 15 tháng 6 năm 2023"),
        (date(2022, 12, 31), "ngày 31 tháng 12 năm 2022"),
    ],
)
def test_a_document_date_has_a_zero_only_before_days_under_ten_and_months_one_and_two(day, written):
    assert document_date(day) == written
