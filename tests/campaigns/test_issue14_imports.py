"""Issue 14, items 6 and 28: imports a second agency meets when it sets itself up from nothing.

Every test goes through the admin's import preview (and, where the file is good, its confirmation).
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns.enums import Role
from campaigns.models import Person, Unit
from tests.campaigns.test_imports import UNIT_HEADERS, xlsx
from tests.factories import AgencyFactory, UnitFactory

pytestmark = pytest.mark.django_db

PERSON_HEADERS = ["Mã cán bộ", "Họ và tên", "Chức vụ", "Mã đơn vị", "Tên đăng nhập"]
UNIT_HEAD_HEADERS = [*UNIT_HEADERS, "Mã cán bộ thủ trưởng"]


@pytest.fixture
def secretary(client, make_user):
    client.force_login(make_user("thuky", Role.SECRETARY, person=False))
    return client


def preview(client, model, headers, rows):
    upload = SimpleUploadedFile("tep.xlsx", xlsx(headers, rows))
    response = client.post(reverse(f"admin:campaigns_{model}_import"), {"import_file": upload, "format": "0"})
    assert response.status_code == 200
    return response


def confirm(client, model, response):
    assert "confirm_form" in response.context, response.text
    return client.post(reverse(f"admin:campaigns_{model}_process_import"), response.context["confirm_form"].initial)


def shown_errors(response) -> list:
    """(Excel row, {column: messages}) of every refused row, as the preview lists them."""
    result = response.context["result"]
    return [(row.number, row.field_specific_errors) for row in result.invalid_rows]


def test_a_code_repeated_in_one_people_file_is_refused_on_both_rows_naming_them(secretary):
    unit = UnitFactory(code="van-phong")
    Person.objects.create(code="cb-001", full_name="Nguyễn Văn An", unit=unit)
    rows = [
        ["cb-001", "Nguyễn Văn An", "Chuyên viên", "van-phong", None],
        ["cb-002", "Trần Thị Bình", "Chuyên viên", "van-phong", None],
        ["cb-001", "Lê Văn Cường", "Chuyên viên", "van-phong", None],
    ]

    response = preview(secretary, "person", PERSON_HEADERS, rows)

    repeated = "Mã “cb-001” ghi ở nhiều dòng của tệp (dòng 2, 4); mỗi mã chỉ được ghi một dòng."
    assert shown_errors(response) == [(2, {"Mã cán bộ": [repeated]}), (4, {"Mã cán bộ": [repeated]})]
    assert "confirm_form" not in response.context
    assert list(Person.objects.values_list("code", "full_name")) == [("cb-001", "Nguyễn Văn An")]


def test_errors_name_the_excel_row_and_the_vietnamese_column(secretary):
    AgencyFactory()
    rows = [
        ["bdt-vinh-long", "ban", "Ban Dân tộc", None, 1],
        ["bdt-vinh-long", "van-phong", "Văn phòng", "khong-co", "thứ hai"],
    ]

    response = preview(secretary, "unit", UNIT_HEADERS, rows)

    assert shown_errors(response) == [
        (
            3,
            {
                "Mã đơn vị cấp trên": ["Không có đơn vị mã “khong-co”. Kiểm tra lại mã hoặc nhập đơn vị đó trước."],
                "Thứ tự": ["“thứ hai” không phải là số."],
            },
        )
    ]
    assert "<td>3 </td>" in response.text
    assert "ORDER" not in response.text.upper().replace("BORDER", "")


def test_an_unknown_agency_code_is_one_rows_error_and_the_other_rows_errors_still_show(secretary):
    AgencyFactory()
    rows = [
        ["bdt-vinh-long", "ban", "Ban Dân tộc", None, 1],
        ["khong-co-co-quan", "van-phong", "Văn phòng", None, 2],
        ["bdt-vinh-long", "thanh-tra", None, "ban", 3],
    ]

    response = preview(secretary, "unit", UNIT_HEADERS, rows)

    assert response.context["result"].has_errors() is False
    assert shown_errors(response) == [
        (3, {"Mã cơ quan": ["Không có cơ quan mã “khong-co-co-quan”. Kiểm tra lại mã hoặc nhập cơ quan đó trước."]}),
        (4, {"Tên đơn vị": ["Trường này không thể để trống."]}),
    ]
    assert Unit.objects.count() == 0


def test_units_imported_again_with_their_heads_codes_link_the_heads(secretary, client):
    AgencyFactory()
    units = [["bdt-vinh-long", "ban", "Ban Dân tộc", None, 1], ["bdt-vinh-long", "van-phong", "Văn phòng", "ban", 2]]
    assert confirm(secretary, "unit", preview(secretary, "unit", UNIT_HEADERS, units)).status_code == 302
    people = [
        ["cb-001", "Nguyễn Văn An", "Trưởng ban", "ban", None],
        ["cb-002", "Trần Thị Bình", "Chánh Văn phòng", "van-phong", None],
    ]
    assert confirm(secretary, "person", preview(secretary, "person", PERSON_HEADERS, people)).status_code == 302

    with_heads = [[*units[0], "cb-001"], [*units[1], "cb-002"]]
    response = confirm(secretary, "unit", preview(secretary, "unit", UNIT_HEAD_HEADERS, with_heads))

    assert response.status_code == 302
    assert dict(Unit.objects.values_list("code", "head__code")) == {"ban": "cb-001", "van-phong": "cb-002"}


def test_an_unknown_head_code_is_refused_on_its_column(secretary):
    AgencyFactory()
    rows = [["bdt-vinh-long", "ban", "Ban Dân tộc", None, 1, "cb-999"]]

    response = preview(secretary, "unit", UNIT_HEAD_HEADERS, rows)

    assert shown_errors(response) == [
        (2, {"Mã cán bộ thủ trưởng": ["Không có cá nhân mã “cb-999”. Kiểm tra lại mã hoặc nhập cá nhân đó trước."]})
    ]


def test_a_unit_file_without_the_head_column_leaves_the_heads_as_they_are(secretary):
    agency = AgencyFactory()
    unit = Unit.objects.create(agency=agency, code="ban", name="Ban Dân tộc", order=1)
    unit.head = Person.objects.create(code="cb-001", full_name="Nguyễn Văn An", unit=unit)
    unit.save()

    response = preview(secretary, "unit", UNIT_HEADERS, [["bdt-vinh-long", "ban", "Ban Dân tộc mới", None, 1]])
    confirm(secretary, "unit", response)

    unit.refresh_from_db()
    assert (unit.name, unit.head.code) == ("Ban Dân tộc mới", "cb-001")


def test_home_tells_a_unit_head_not_linked_to_a_unit_why_they_cannot_submit_for_it(client, make_user):
    head = make_user("truongdonvi", Role.STAFF, Role.UNIT_HEAD)
    client.force_login(head)

    unlinked = client.get(reverse("home"))
    head.person.unit.head = head.person
    head.person.unit.save()
    linked = client.get(reverse("home"))

    assert unlinked.context["unit_head_unlinked"] is True
    assert "chưa được ghi là thủ trưởng của đơn vị nào" in unlinked.text
    assert linked.context["unit_head_unlinked"] is False
    assert "unit-head-unlinked" not in linked.text


def test_home_says_nothing_of_units_to_staff_who_are_not_unit_heads(client, make_user):
    client.force_login(make_user("canbo", Role.STAFF))

    response = client.get(reverse("home"))

    assert response.context["unit_head_unlinked"] is False
