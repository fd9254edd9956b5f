"""Earlier years' awards imported into the register from Excel in the admin (issue 17, item 5): a
template, a preview, every bad row refused on its Excel row and column in Vietnamese (a code not
in the directory named), nothing written unless every row is good, a file imported twice adds nothing."""

from datetime import date
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from campaigns.enums import Role
from criteria.enums import AwardKind
from honours.models import RegisterEntry
from tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db

HEADERS = [
    "Mã cá nhân",
    "Mã đơn vị (tập thể)",
    "Năm",
    "Danh hiệu, hình thức khen thưởng",
    "Loại",
    "Cấp quyết định",
    "Số quyết định",
    "Ngày quyết định",
    "Cơ quan, người quyết định",
    "Ghi chú",
]
AN = ["cb-001", None, 2021, "Lao động tiên tiến", "Danh hiệu thi đua", None, "12/QĐ-BDT", "20/12/2021", None, None]
PHONG = ["", "van-phong", 2020, "Giấy khen", "Hình thức khen thưởng", None, "5/QĐ-BDT", date(2021, 1, 8), None, None]


@pytest.fixture
def secretary(client, make_user):
    client.force_login(make_user("thuky", Role.SECRETARY, person=False))
    return client


@pytest.fixture
def directory():
    unit = UnitFactory(code="van-phong", name="Văn phòng")
    return {"unit": unit, "an": PersonFactory(code="cb-001", full_name="Nguyễn Văn An", unit=unit)}


def xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def preview(client, rows):
    upload = SimpleUploadedFile("so-khen-thuong.xlsx", xlsx(rows))
    response = client.post(reverse("admin:honours_registerentry_import"), {"import_file": upload, "format": "0"})
    assert response.status_code == 200
    return response


def confirm(client, response):
    assert "confirm_form" in response.context, response.text
    return client.post(reverse("admin:honours_registerentry_process_import"), response.context["confirm_form"].initial)


def shown_errors(response) -> list:
    return [(row.number, row.field_specific_errors) for row in response.context["result"].invalid_rows]


def stored():
    return list(
        RegisterEntry.objects.order_by("year").values_list(
            "person__code", "unit__code", "year", "title", "kind", "decision_number", "decision_date", "source"
        )
    )


def test_a_good_file_is_previewed_then_written_as_imported_rows(secretary, directory):
    response = preview(secretary, [AN, PHONG])
    assert RegisterEntry.objects.count() == 0

    assert confirm(secretary, response).status_code == 302
    assert stored() == [
        (None, "van-phong", 2020, "Giấy khen", AwardKind.COMMENDATION, "5/QĐ-BDT", date(2021, 1, 8), "imported"),
        ("cb-001", None, 2021, "Lao động tiên tiến", AwardKind.TITLE, "12/QĐ-BDT", date(2021, 12, 20), "imported"),
    ]


def test_a_code_not_in_the_directory_is_its_rows_error_naming_the_code_and_nothing_is_written(secretary, directory):
    unknown = ["cb-999", *AN[1:]]
    bad_date = [*PHONG[:7], "31/02/2020", None, None]

    response = preview(secretary, [AN, unknown, bad_date])

    assert shown_errors(response) == [
        (3, {"Mã cá nhân": ["Không có cá nhân mã “cb-999”. Kiểm tra lại mã hoặc nhập cá nhân đó trước."]}),
        (4, {"Ngày quyết định": ["“31/02/2020” không phải ngày dạng dd/mm/yyyy."]}),
    ]
    assert "confirm_form" not in response.context
    assert RegisterEntry.objects.count() == 0


def test_a_row_with_both_codes_or_neither_is_refused(secretary, directory):
    both = ["cb-001", "van-phong", *AN[2:]]
    neither = ["", "", *AN[2:]]

    response = preview(secretary, [both, neither])

    message = ["Ghi đúng một: mã cá nhân hoặc mã đơn vị (tập thể)."]
    assert [row.number for row in response.context["result"].invalid_rows] == [2, 3]
    assert all(row.non_field_specific_errors == message for row in response.context["result"].invalid_rows)
    assert RegisterEntry.objects.count() == 0


def test_a_kind_not_among_the_choices_names_them(secretary, directory):
    response = preview(secretary, [[*AN[:4], "Bằng khen", *AN[5:]]])

    assert shown_errors(response) == [
        (2, {"Loại": ["“Bằng khen” không hợp lệ; ghi một trong: “Danh hiệu thi đua”; “Hình thức khen thưởng”."]})
    ]


def test_importing_the_same_file_twice_adds_nothing(secretary, directory):
    confirm(secretary, preview(secretary, [AN, PHONG]))

    confirm(secretary, preview(secretary, [AN, PHONG]))

    assert RegisterEntry.objects.count() == 2


def test_the_template_holds_the_import_columns(secretary):
    response = secretary.get(reverse("admin:honours_registerentry_template"))

    sheet = load_workbook(BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert "Tải tệp mẫu" in secretary.get(reverse("admin:honours_registerentry_import")).text


def test_the_secretary_adds_an_earlier_award_by_hand_and_it_is_searchable(secretary, directory):
    response = secretary.post(
        reverse("admin:honours_registerentry_add"),
        {
            "person": directory["an"].pk,
            "unit": "",
            "year": "2019",
            "title": "Lao động tiên tiến",
            "kind": "title",
            "deciding_level": "agency_head",
            "decision_number": "3/QĐ-BDT",
            "decision_date": "10/01/2020",
            "authority": "",
            "note": "",
        },
    )
    found = secretary.get(reverse("admin:honours_registerentry_changelist"), {"q": "cb-001", "year": "2019"})

    assert response.status_code == 302
    assert stored() == [
        ("cb-001", None, 2019, "Lao động tiên tiến", AwardKind.TITLE, "3/QĐ-BDT", date(2020, 1, 10), "imported")
    ]
    assert list(found.context["cl"].result_list) == list(RegisterEntry.objects.all())
