"""Excel import of criteria: a set that does not add up to the scale writes nothing and names the gap."""

from decimal import Decimal
from io import BytesIO

import pytest
import tablib
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from criteria.models import Criterion
from criteria.resources import CriterionResource
from tests.criteria.conftest import campaign_of, vietnam
from tests.factories import ReformAreaFactory

pytestmark = pytest.mark.django_db

NOW = vietnam(2025, 3, 1, 9, 0, 0)
HEADERS = [
    "Mã phong trào",
    "Mã tiêu chí",
    "Tên tiêu chí",
    "Hướng dẫn chấm",
    "Điểm tối đa",
    "Thứ tự",
    "Nội dung áp dụng",
    "Tập thể",
    "Cá nhân",
]
SLUG = "12-kh-bdt-2025"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def campaign():
    """Plan 12/KH-BDT of 2025, open, with two reform areas and no criteria yet."""
    campaign = campaign_of(2025, slug=SLUG, plan_number="12/KH-BDT")
    ReformAreaFactory(campaign=campaign, order=1, name="Cải cách thể chế")
    ReformAreaFactory(campaign=campaign, order=2, name="Cải cách tài chính công")
    return campaign


def xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def run_import(content, dry_run=False):
    return CriterionResource().import_data(tablib.Dataset().load(content, format="xlsx"), dry_run=dry_run)


def criteria_rows(tc5_points=10):
    """TC1–TC4 for every area; TC5 only for area 1 and TC6 only for area 2, for collectives only."""
    return [
        [SLUG, "TC1", "Tính mới, tính sáng tạo", "Nêu rõ điểm mới.", 25, 1, None, "Có", "Có"],
        [SLUG, "TC2", "Hiệu quả đạt được", None, 30, 2, None, "Có", "Có"],
        [SLUG, "TC3", "Khả năng nhân rộng", None, 20, 3, "", "x", "x"],
        [SLUG, "TC4", "Minh chứng", None, 15, 4, None, "Có", "Có"],
        [SLUG, "TC5", "Đóng góp vào chỉ số CCHC", None, tc5_points, 5, "1", "Có", "Có"],
        [SLUG, "TC6", "Tham mưu thể chế", None, 10, 6, "2", "Có", "Có"],
    ]


def stored(campaign):
    return [
        (
            c.code,
            c.max_points,
            c.order,
            c.for_collectives,
            c.for_individuals,
            [a.order for a in c.areas.order_by("order")],
        )
        for c in Criterion.objects.filter(campaign=campaign).order_by("order")
    ]


def base_errors(result):
    return [str(error.error) for error in result.base_errors]


def test_set_adding_up_to_100_in_every_area_is_imported(campaign):
    result = run_import(xlsx(criteria_rows()))

    assert (result.has_errors(), result.has_validation_errors()) == (False, False)
    assert [row.import_type for row in result.rows] == ["new"] * 6
    assert stored(campaign) == [
        ("TC1", Decimal(25), 1, True, True, []),
        ("TC2", Decimal(30), 2, True, True, []),
        ("TC3", Decimal(20), 3, True, True, []),
        ("TC4", Decimal(15), 4, True, True, []),
        ("TC5", Decimal(10), 5, True, True, [1]),
        ("TC6", Decimal(10), 6, True, True, [2]),
    ]


def test_set_adding_up_to_95_writes_nothing_and_the_error_names_the_gap(campaign):
    result = run_import(xlsx(criteria_rows(tc5_points=5)))

    short = "tổng điểm tối đa các tiêu chí là 95, thiếu 5 điểm so với thang 100."
    assert base_errors(result) == [
        f"Bộ tiêu chí sau khi nhập chưa khớp thang điểm: 12/KH-BDT — 1. Cải cách thể chế (tập thể và cá nhân): {short}"
    ]
    assert Criterion.objects.count() == 0


def test_unknown_area_number_is_reported_on_the_rows_areas_field(campaign):
    rows = criteria_rows()
    rows[5][6] = "2; 7"

    result = run_import(xlsx(rows))

    assert [(row.number, row.field_specific_errors) for row in result.invalid_rows] == [
        (7, {"Nội dung áp dụng": ["Phong trào không có nội dung thi đua số 7."]})
    ]
    assert Criterion.objects.count() == 0


def test_area_numbers_that_are_not_numbers_are_explained(campaign):
    rows = criteria_rows()
    rows[4][6] = "một"

    result = run_import(xlsx(rows))

    assert [(row.number, row.field_specific_errors) for row in result.invalid_rows] == [
        (6, {"Nội dung áp dụng": ["Ghi số thứ tự các nội dung, cách nhau bởi dấu chấm phẩy, ví dụ: 1; 3; 5."]})
    ]
    assert Criterion.objects.count() == 0


def test_reimporting_the_same_file_changes_nothing(campaign):
    content = xlsx(criteria_rows())
    run_import(content)
    before = (list(Criterion.objects.order_by("pk").values()), stored(campaign))

    result = run_import(content)

    assert (result.has_errors(), result.has_validation_errors()) == (False, False)
    assert [row.import_type for row in result.rows] == ["skip"] * 6
    assert (list(Criterion.objects.order_by("pk").values()), stored(campaign)) == before


def test_import_into_a_campaign_whose_scoring_has_started_is_refused(campaign):
    campaign.scoring_started_at = vietnam(2025, 2, 1, 8)
    campaign.save()

    result = run_import(xlsx(criteria_rows()))

    refused = (
        "Hội đồng đã bắt đầu chấm điểm nên tiêu chí, thang điểm, cách tổng hợp, số thành viên tối thiểu, "
        "cách phân định người bằng điểm và các hình thức khen thưởng (số lượng, điểm tối thiểu) không được sửa nữa."
    )
    # Each row's own error on its campaign column, on the Excel rows 2-7 (issue 14, item 6).
    assert [(row.number, row.field_specific_errors) for row in result.invalid_rows] == [
        (number, {"Mã phong trào": [refused]}) for number in range(2, 8)
    ]
    assert Criterion.objects.count() == 0


def test_import_into_an_ended_campaign_is_refused():
    ended = campaign_of(2024, slug=SLUG)

    result = run_import(xlsx(criteria_rows()[:4]))

    refused = "Phong trào đã kết thúc nên mọi thiết lập chỉ được xem, không được sửa."
    # Each row's own error on its campaign column, on the Excel rows 2-5 (issue 14, item 6).
    assert [(row.number, row.field_specific_errors) for row in result.invalid_rows] == [
        (number, {"Mã phong trào": [refused]}) for number in range(2, 6)
    ]
    assert Criterion.objects.filter(campaign=ended).count() == 0


def test_admin_import_of_a_set_short_by_5_shows_the_gap_and_offers_no_confirmation(secretary_client, campaign):
    upload = SimpleUploadedFile("tieu-chi.xlsx", xlsx(criteria_rows(tc5_points=5)))

    response = secretary_client.post(reverse("admin:criteria_criterion_import"), {"import_file": upload, "format": "0"})

    assert response.status_code == 200
    assert "confirm_form" not in response.context
    assert (
        "12/KH-BDT — 1. Cải cách thể chế (tập thể và cá nhân): tổng điểm tối đa các tiêu chí là 95, thiếu 5 điểm"
        in response.text
    )
    assert Criterion.objects.count() == 0


def test_admin_import_of_a_good_set_is_written_after_confirmation(secretary_client, campaign):
    upload = SimpleUploadedFile("tieu-chi.xlsx", xlsx(criteria_rows()))
    preview = secretary_client.post(reverse("admin:criteria_criterion_import"), {"import_file": upload, "format": "0"})
    assert Criterion.objects.count() == 0

    response = secretary_client.post(
        reverse("admin:criteria_criterion_process_import"), preview.context["confirm_form"].initial
    )

    assert response.status_code == 302
    assert [code for code, *_ in stored(campaign)] == ["TC1", "TC2", "TC3", "TC4", "TC5", "TC6"]


def test_campaign_code_with_stray_spaces_finds_the_same_campaign_for_its_area_numbers(campaign):
    rows = criteria_rows()
    for row in rows:
        row[0] = f" {SLUG} "  # as typed or pasted into Excel

    result = run_import(xlsx(rows))

    assert [(row.number, row.field_specific_errors) for row in result.invalid_rows] == []
    assert [code for code, *_ in stored(campaign)] == ["TC1", "TC2", "TC3", "TC4", "TC5", "TC6"]
