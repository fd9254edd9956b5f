"""Excel import of units, people and accounts: all rows or nothing, errors named per row and field."""

from io import BytesIO

import pytest
import tablib
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from campaigns.enums import Role
from campaigns.models import Person, Unit
from campaigns.permissions import roles_of
from campaigns.resources import AccountResource, PersonResource, UnitResource
from tests.factories import AgencyFactory, UnitFactory

pytestmark = pytest.mark.django_db

UNIT_HEADERS = ["Mã cơ quan", "Mã đơn vị", "Tên đơn vị", "Mã đơn vị cấp trên", "Thứ tự"]


def xlsx(headers, rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def run_import(resource, content, dry_run=False):
    dataset = tablib.Dataset().load(content, format="xlsx")
    return resource.import_data(dataset, dry_run=dry_run)


def good_units():
    return [
        ["bdt-vinh-long", "ban", "Ban Dân tộc", None, 1],
        ["bdt-vinh-long", "van-phong", "Văn phòng Ban", "ban", 2],
        ["bdt-vinh-long", "thanh-tra", "Thanh tra Ban", "ban", 3],
    ]


def test_unit_import_creates_the_tree():
    AgencyFactory()
    result = run_import(UnitResource(), xlsx(UNIT_HEADERS, good_units()))
    assert not result.has_errors() and not result.has_validation_errors()
    assert list(Unit.objects.filter(parent__code="ban").order_by("order").values_list("code", flat=True)) == [
        "van-phong",
        "thanh-tra",
    ]


def test_one_bad_row_among_good_ones_writes_nothing_and_names_row_and_field():
    AgencyFactory()
    rows = good_units()
    rows[1][3] = "khong-co"  # parent code that does not exist
    result = run_import(UnitResource(), xlsx(UNIT_HEADERS, rows))
    assert Unit.objects.count() == 0
    invalid = result.invalid_rows
    assert [row.number for row in invalid] == [3]  # the Excel row: the heading is row 1
    assert list(invalid[0].field_specific_errors) == ["Mã đơn vị cấp trên"]
    assert "Không có đơn vị mã “khong-co”" in invalid[0].field_specific_errors["Mã đơn vị cấp trên"][0]


def test_reimporting_the_same_file_changes_nothing():
    AgencyFactory()
    content = xlsx(UNIT_HEADERS, good_units())
    run_import(UnitResource(), content)
    before = list(Unit.objects.order_by("pk").values())
    result = run_import(UnitResource(), content)
    assert [row.import_type for row in result.rows] == ["skip", "skip", "skip"]
    assert list(Unit.objects.order_by("pk").values()) == before


def test_unit_cannot_become_its_own_ancestor():
    AgencyFactory()
    run_import(UnitResource(), xlsx(UNIT_HEADERS, good_units()))
    rows = [["bdt-vinh-long", "ban", "Ban Dân tộc", "van-phong", 1]]
    result = run_import(UnitResource(), xlsx(UNIT_HEADERS, rows))
    assert list(result.invalid_rows[0].field_specific_errors) == ["Mã đơn vị cấp trên"]
    assert Unit.objects.get(code="ban").parent is None


def test_person_import_reports_missing_name_in_vietnamese():
    unit = UnitFactory(code="van-phong")
    headers = ["Mã cán bộ", "Họ và tên", "Chức vụ", "Mã đơn vị", "Tên đăng nhập"]
    rows = [
        ["cb-001", "Nguyễn Văn An", "Chuyên viên", unit.code, None],
        ["cb-002", None, "Chuyên viên", unit.code, None],
    ]
    result = run_import(PersonResource(), xlsx(headers, rows))
    assert Person.objects.count() == 0
    assert result.invalid_rows[0].number == 3
    assert result.invalid_rows[0].field_specific_errors["Họ và tên"] == ["Trường này không thể để trống."]


def test_account_import_sets_roles_and_links_the_person():
    person = Person.objects.create(code="cb-001", full_name="Trần Thị Lan", unit=UnitFactory())
    headers = ["Tên đăng nhập", "Họ và tên", "Email", "Hoạt động", "Vai trò", "Mã cán bộ"]
    rows = [["lantt", "Trần Thị Lan", "lan@example.invalid", 1, "Cán bộ, công chức, Ủy viên Hội đồng TĐKT", "cb-001"]]
    content = xlsx(headers, rows)
    result = run_import(AccountResource(), content)
    assert not result.has_validation_errors()
    user = get_user_model().objects.get(username="lantt")
    assert roles_of(user) == {Role.STAFF, Role.COUNCIL_MEMBER}
    assert user.is_staff is True
    assert user.has_usable_password() is False
    person.refresh_from_db()
    assert person.user == user
    again = run_import(AccountResource(), content)
    assert [row.import_type for row in again.rows] == ["skip"]


def test_account_import_refuses_unknown_role():
    headers = ["Tên đăng nhập", "Họ và tên", "Email", "Hoạt động", "Vai trò", "Mã cán bộ"]
    result = run_import(AccountResource(), xlsx(headers, [["x", "X", "", 1, "Hoàng đế", None]]))
    assert get_user_model().objects.filter(username="x").exists() is False
    assert "Vai trò không có: hoàng đế" in result.invalid_rows[0].field_specific_errors["Vai trò"][0]


def test_admin_import_shows_a_preview_before_anything_is_written(client, make_user):
    AgencyFactory()
    client.force_login(make_user("thuky", Role.SECRETARY))
    upload = SimpleUploadedFile("don-vi.xlsx", xlsx(UNIT_HEADERS, good_units()))
    response = client.post(reverse("admin:campaigns_unit_import"), {"import_file": upload, "format": "0"})
    assert response.status_code == 200
    assert "confirm_form" in response.context
    assert Unit.objects.exclude(code__startswith="don-vi-").count() == 0

    confirm = response.context["confirm_form"].initial
    response = client.post(reverse("admin:campaigns_unit_process_import"), confirm)
    assert response.status_code == 302
    assert Unit.objects.filter(code__in=["ban", "van-phong", "thanh-tra"]).count() == 3


def test_admin_import_with_a_bad_row_offers_no_confirmation(client, make_user):
    AgencyFactory()
    client.force_login(make_user("thuky", Role.SECRETARY))
    rows = good_units()
    rows[2][1] = None  # missing unit code
    upload = SimpleUploadedFile("don-vi.xlsx", xlsx(UNIT_HEADERS, rows))
    response = client.post(reverse("admin:campaigns_unit_import"), {"import_file": upload, "format": "0"})
    assert response.status_code == 200
    assert "confirm_form" not in response.context
    assert "Trường này không thể để trống." in response.text
    assert Unit.objects.filter(code__in=["ban", "van-phong"]).count() == 0


def test_unit_export_round_trips_through_import():
    AgencyFactory()
    run_import(UnitResource(), xlsx(UNIT_HEADERS, good_units()))
    exported = UnitResource().export().export("xlsx")
    sheet = load_workbook(BytesIO(exported)).active
    assert [cell.value for cell in sheet[1]] == [*UNIT_HEADERS, "Mã cán bộ thủ trưởng"]
    result = run_import(UnitResource(), exported)
    assert {row.import_type for row in result.rows} == {"skip"}
