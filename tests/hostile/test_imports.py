"""Hostile Excel imports of units, people, accounts and criteria: a clear message or success, all or nothing.

Files are read as the admin reads them (the XLSX format of ``ImportMessagesAdmin``) and imported
through the resources' ``import_data`` or through the admin import page as a secretary. A
refused import writes nothing; one that passes the preview writes every row once confirmed.
"""

import re
import zipfile
from contextlib import contextmanager
from datetime import datetime
from decimal import Decimal
from io import BytesIO

import pytest
import tablib
import time_machine
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils.html import escape
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from campaigns.enums import Role
from campaigns.models import Person, Unit
from campaigns.permissions import group_roles
from campaigns.resources import AccountResource, PersonResource, UnitResource
from common.excel import XLSX
from criteria.models import Criterion
from criteria.resources import CriterionResource
from tests.factories import AgencyFactory, CampaignFactory, ReformAreaFactory, UnitFactory
from tests.hostile.conftest import HOSTILE, hostile_chars, note_outcome, rolled_back
from tests.submissions.conftest import DURING

pytestmark = pytest.mark.django_db

UNIT_HEADERS = ["Mã cơ quan", "Mã đơn vị", "Tên đơn vị", "Mã đơn vị cấp trên", "Thứ tự"]
PERSON_HEADERS = ["Mã cán bộ", "Họ và tên", "Chức vụ", "Mã đơn vị", "Tên đăng nhập"]
ACCOUNT_HEADERS = ["Tên đăng nhập", "Họ và tên", "Email", "Hoạt động", "Vai trò", "Mã cán bộ"]
CRITERION_HEADERS = [
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
RUBRIC = "kh-2022-tieu-chi"  # the campaign whose criteria the criterion imports fill in
FORMULAS = ["=1+1", '=HYPERLINK("http://example.invalid/?q="&A1,"Bấm vào đây")', "=cmd|' /C calc'!A0", "@SUM(1)"]
EXCEL_ERRORS = ["#N/A", "#REF!", "#DIV/0!", "#VALUE!", "#NAME?"]


# What a message shows when it is an exception's own text rather than one written for people:
# exception class names, Python reprs, tracebacks, the library's internal names, English errors.
CRASH_MARKERS = re.compile(
    r"<class |Traceback|\b[A-Z][a-z]+(?:[A-Z][a-z]+)+\b|\w+Error\b|import_id_fields|conversion from|"
    r"not supported|not found in dataset|The following|magnitude exceeds|cannot contain NUL"
)


def looks_like_a_crash(message: str):
    return CRASH_MARKERS.search(message)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(DURING, tick=False):
        yield DURING


@pytest.fixture
def world(db):
    """The agency, one unit (``van-phong``) and a campaign with two reform areas and no criteria yet."""
    AgencyFactory()
    UnitFactory(code="van-phong", name="Văn phòng Ban")
    rubric = CampaignFactory(slug=RUBRIC, plan_number="170/KH-BDT", scale_total=Decimal(100))
    ReformAreaFactory(campaign=rubric, order=1, name="Cải cách thể chế")
    ReformAreaFactory(campaign=rubric, order=2, name="Cải cách tài chính công")
    return rubric


@pytest.fixture
def lan(world):
    """A person without an account yet, whom an account row may name."""
    return Person.objects.create(code="cb-001", full_name="Trần Thị Lan", unit=Unit.objects.get(code="van-phong"))


@pytest.fixture
def secretary_client(client, secretary):
    client.force_login(secretary)
    return client


def counts():
    """Rows an import may write: units, people, accounts (with their groups), criteria (with their areas)."""
    user = get_user_model()
    return (
        Unit.objects.count(),
        Person.objects.count(),
        Person.objects.filter(user__isnull=False).count(),
        user.objects.count(),
        user.groups.through.objects.count(),
        Criterion.objects.count(),
        Criterion.areas.through.objects.count(),
    )


def xlsx(headers, rows, *, write_only=False, edit=None) -> bytes:
    """An Excel file with one sheet; ``edit(sheet)`` may merge cells or write formulas afterwards."""
    workbook = Workbook(write_only=write_only)
    sheet = workbook.create_sheet() if write_only else workbook.active
    if headers is not None:
        sheet.append(headers)
    for row in rows:
        sheet.append(row)
    if edit is not None:
        edit(sheet)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read(content) -> tablib.Dataset:
    """The dataset the admin builds from an uploaded file."""
    return XLSX().create_dataset(content)


# --- import_data with hostile cells ---------------------------------------------------------


def hostile_cell():
    """Anything a cell of a spreadsheet can hold, and text no one should type (NUL aside: Excel cannot store it)."""
    text = st.text(hostile_chars.filter(lambda ch: ch != "\x00"), max_size=30)
    return st.one_of(
        st.none(),
        text,
        st.integers(-(10**20), 10**20),
        st.floats(allow_nan=False, allow_infinity=False),
        st.booleans(),
        st.datetimes(min_value=datetime(1900, 1, 1)),
        st.times(),
        st.sampled_from(FORMULAS + EXCEL_ERRORS + ["", " ", "NaN", "Infinity", "-1", "1e400", "٣"]),
    )


def column(valid):
    """A column's value: one that fits half the time, hostile otherwise."""
    return st.booleans().flatmap(lambda hostile: hostile_cell() if hostile else valid)


def rows_of(*columns, max_rows=3):
    return st.lists(st.tuples(*columns).map(list), min_size=1, max_size=max_rows)


def run(resource, headers, rows):
    """Import ``rows`` (not a dry run) and check it wrote all of them or nothing; the result."""
    dataset = tablib.Dataset(*rows, headers=headers)
    before = counts()

    result = resource.import_data(dataset)

    refused = result.has_errors() or result.has_validation_errors()
    note_outcome("refused" if refused else "imported")
    if refused:
        assert counts() == before
        assert result.base_errors or result.row_errors() or result.invalid_rows
    else:
        assert_imported_whole(resource, dataset)
    return result


def stored_value(instance, attribute):
    """What the database holds for a resource field's attribute, read back from it."""
    if attribute == "imported_roles":
        return group_roles(instance)
    if attribute == "imported_person":
        return Person.objects.filter(user=instance).first()
    value = getattr(instance, attribute)
    return set(value.all()) if hasattr(value, "all") else value


def assert_imported_whole(resource, dataset):
    """Every row is in the database: the record it names exists (found as the import finds it) and
    holds, field by field, what the last row naming it says."""
    loader = resource._meta.instance_loader_class(resource, dataset)
    last_row = {}
    for row in dataset.dict:
        instance = loader.get_instance(row)
        assert instance is not None, row
        last_row[instance.pk] = row
    for pk, row in last_row.items():
        instance = resource._meta.model.objects.get(pk=pk)
        for field in resource.get_import_fields():
            if field.column_name not in dataset.headers:
                continue  # an optional column the file leaves out (a unit's head) changes nothing
            cleaned = field.clean(row)
            model_field = next((f for f in instance._meta.concrete_fields if f.name == field.attribute), None)
            if model_field is not None and not model_field.is_relation:
                cleaned = model_field.to_python(cleaned)  # as the model stores it: 0 in a text column is "0"
            expected = set(cleaned) if hasattr(cleaned, "all") else cleaned
            assert (field.column_name, stored_value(instance, field.attribute)) == (field.column_name, expected)


unit_rows = rows_of(
    column(st.sampled_from(["bdt-vinh-long"])),
    column(st.sampled_from(["ban", "van-phong", "thanh-tra", "BAN", " ban "])),
    column(st.sampled_from(["Ban Dân tộc", "Thanh tra Ban", "Phòng Chính sách"])),
    column(st.sampled_from([None, "", "van-phong", "ban"])),
    column(st.integers(0, 100)),
)


@HOSTILE
@given(rows=unit_rows)
def test_hostile_unit_rows_are_imported_whole_or_not_at_all(world, rows):
    with rolled_back():
        run(UnitResource(), UNIT_HEADERS, rows)


person_rows = rows_of(
    column(st.sampled_from(["cb-001", "cb-002", "CB-001"])),
    column(st.sampled_from(["Nguyễn Văn An", "Trần Thị Bình"])),
    column(st.sampled_from(["Chuyên viên", "", None])),
    column(st.sampled_from(["van-phong"])),
    column(st.sampled_from([None, "", "thuky"])),
)


@HOSTILE
@given(rows=person_rows)
def test_hostile_person_rows_are_imported_whole_or_not_at_all(world, secretary, rows):
    with rolled_back():
        run(PersonResource(), PERSON_HEADERS, rows)


account_rows = rows_of(
    column(st.sampled_from(["lantt", "binhtt", "thuky"])),
    column(st.sampled_from(["Trần Thị Lan", ""])),
    column(st.sampled_from(["lan@example.invalid", "", None])),
    column(st.sampled_from([1, 0, "1", "0", True, None])),
    column(st.sampled_from(["Cán bộ, công chức", "Ủy viên Hội đồng TĐKT; Thư ký Hội đồng", "staff", ""])),
    column(st.sampled_from([None, "", "cb-001"])),
)


@HOSTILE
@given(rows=account_rows)
def test_hostile_account_rows_are_imported_whole_or_not_at_all(world, secretary, lan, rows):
    with rolled_back():
        run(AccountResource(), ACCOUNT_HEADERS, rows)


def criterion_rows():
    """Hostile rows, or a set that adds up to 100 (so that some imports succeed) with a hostile cell in it."""
    good = [
        [RUBRIC, "TC1", "Tính mới", "Nêu điểm mới.", 60, 1, None, "Có", "Có"],
        [RUBRIC, "TC2", "Hiệu quả", None, 40, 2, "1; 2", "x", "Có"],
    ]
    spoiled = st.tuples(st.integers(0, 1), st.integers(0, len(CRITERION_HEADERS) - 1), hostile_cell()).map(
        lambda r_c_v: [
            [r_c_v[2] if (i, j) == r_c_v[:2] else value for j, value in enumerate(row)] for i, row in enumerate(good)
        ]
    )
    hostile = rows_of(
        column(st.sampled_from([RUBRIC, " " + RUBRIC])),
        column(st.sampled_from(["TC1", "TC2"])),
        column(st.sampled_from(["Tính mới"])),
        column(st.sampled_from(["", None, "Nêu điểm mới."])),
        column(st.sampled_from([100, 60, 40, "40", "40,5", Decimal("99.99")])),
        column(st.integers(0, 10)),
        column(st.sampled_from([None, "", "1", "2", "1; 2", 1, "1,2"])),
        column(st.sampled_from(["Có", "Không", "x", True, 1])),
        column(st.sampled_from(["Có", "Không", "x", False, 0])),
    )
    return st.one_of(st.just(good), spoiled, hostile)


@HOSTILE
@given(rows=criterion_rows())
def test_hostile_criterion_rows_are_imported_whole_or_not_at_all(world, rows):
    with rolled_back():
        result = run(CriterionResource(), CRITERION_HEADERS, rows)

        if not (result.has_errors() or result.has_validation_errors()):
            assert sum(c.max_points for c in world.criteria.all()) == world.scale_total


# --- Clear messages for what the resources refuse --------------------------------------------


@pytest.mark.parametrize(
    ("resource", "headers", "row", "field"),
    [
        (UnitResource, UNIT_HEADERS, ["bdt-vinh-long", "ban", "Ban Dân tộc", None, "thứ nhất"], "Thứ tự"),
        (UnitResource, UNIT_HEADERS, ["bdt-vinh-long", "ban", "Ban Dân tộc", None, datetime(2022, 1, 2)], "Thứ tự"),
        (
            CriterionResource,
            CRITERION_HEADERS,
            [RUBRIC, "TC1", "Tính mới", None, "15 điểm", 1, None, "Có", "Có"],
            "Điểm tối đa",
        ),
    ],
    ids=["unit-order-text", "unit-order-date-cell", "criterion-max-points-text"],
)
def test_a_number_column_holding_text_or_a_date_is_refused_on_its_field(world, resource, headers, row, field):
    """resources.py promises every bad row reported on its own field in Vietnamese; a crash's text is not that."""
    before = counts()

    result = resource().import_data(tablib.Dataset(row, headers=headers))

    assert counts() == before
    assert [str(e.error) for _line, errors in result.row_errors() for e in errors] == []
    assert [row.number for row in result.invalid_rows] == [2]  # the Excel row: the heading is row 1
    assert field in result.invalid_rows[0].field_specific_errors


def test_an_account_marked_active_with_co_stays_active(world):
    """The criterion import reads "Có" as yes; the account import reads it as no and deactivates the account."""
    rows = [["lantt", "Trần Thị Lan", "", "Có", "Cán bộ, công chức", None]]

    result = AccountResource().import_data(tablib.Dataset(*rows, headers=ACCOUNT_HEADERS))

    assert not result.has_errors() and not result.has_validation_errors()
    assert get_user_model().objects.get(username="lantt").is_active is True


@pytest.mark.parametrize(
    ("resource", "headers", "row", "field"),
    [
        (
            AccountResource,
            ACCOUNT_HEADERS,
            ["lantt", "Trần Thị Lan", "", "chưa rõ", "Cán bộ, công chức", None],
            "Hoạt động",
        ),
        (
            CriterionResource,
            CRITERION_HEADERS,
            [RUBRIC, "TC1", "Tính mới", None, 100, 1, None, "Có", "hmm"],
            "Cá nhân",
        ),
    ],
    ids=["account-active", "criterion-for-individuals"],
)
def test_an_unknown_value_in_a_yes_no_column_is_refused_on_its_field_not_read_as_no(
    world, resource, headers, row, field
):
    before = counts()

    result = resource().import_data(tablib.Dataset(row, headers=headers))

    assert [row.number for row in result.invalid_rows] == [2]  # the Excel row: the heading is row 1
    assert field in result.invalid_rows[0].field_specific_errors
    assert counts() == before


def test_a_file_without_its_code_column_is_refused_in_vietnamese_naming_the_column(world):
    """The project translates this message, but the library fills in the column before translating,
    so the translation is never found and the secretary reads English about 'import_id_fields'."""
    headers = ["Mã cơ quan", "Ma don vi", "Tên đơn vị", "Mã đơn vị cấp trên", "Thứ tự"]  # typed without accents
    before = counts()

    result = UnitResource().import_data(
        tablib.Dataset(["bdt-vinh-long", "ban", "Ban Dân tộc", None, 1], headers=headers)
    )

    assert counts() == before
    [message] = [str(error.error) for error in result.base_errors]
    assert "Mã đơn vị" in message
    assert looks_like_a_crash(message) is None
    assert re.search(r"tiêu đề|cột", message), message


# --- Peculiar Excel files, read as the admin reads them --------------------------------------


def merge_name_cells(sheet):
    sheet.merge_cells("C2:C3")  # one name for two units: the second row's name cell is empty


def formulas_in_cells(sheet):
    sheet["C2"] = "=1+1"
    sheet["C3"] = '=HYPERLINK("http://example.invalid","Thanh tra Ban")'


def literal_formula_text(sheet):
    for cell in ("C2", "C3"):
        sheet[cell].value = "=1+1" if cell == "C2" else '=HYPERLINK("http://example.invalid","x")'
        sheet[cell].data_type = "s"  # stored as text: the cell shows the formula, nothing runs


THREE_UNITS = [
    ["bdt-vinh-long", "ban", "Ban Dân tộc", "", 1],
    ["bdt-vinh-long", "van-phong-2", "Văn phòng Ban", "ban", 2],
    ["bdt-vinh-long", "thanh-tra", "Thanh tra Ban", "ban", 3],
]


@pytest.mark.parametrize(
    "edit",
    [merge_name_cells, formulas_in_cells, literal_formula_text],
    ids=["merged-cells", "formulas", "formula-text"],
)
def test_merged_cells_and_formulas_are_imported_whole_or_refused_on_their_field(world, edit):
    before = counts()

    result = UnitResource().import_data(read(xlsx(UNIT_HEADERS, THREE_UNITS, edit=edit)))

    assert result.row_errors() == [] and result.base_errors == []
    if result.has_validation_errors():
        # A formula without a stored result reads as an empty cell; a refused unit is then no parent.
        assert counts() == before
        assert {field for row in result.invalid_rows for field in row.field_specific_errors} <= {
            "Tên đơn vị",
            "Mã đơn vị cấp trên",
        }
    else:
        assert Unit.objects.filter(code__in=["ban", "van-phong-2", "thanh-tra"]).count() == 3


def test_a_sheet_with_only_headers_imports_nothing_and_says_so(world):
    before = counts()

    result = UnitResource().import_data(read(xlsx(UNIT_HEADERS, [])))

    assert (result.total_rows, result.has_errors(), result.has_validation_errors()) == (0, False, False)
    assert counts() == before


def test_a_file_written_without_a_sheet_size_whose_last_cells_are_blank_is_read(world):
    """Files written row by row (openpyxl's write-only mode, many exports) carry no sheet dimension;
    a row ending in empty cells then comes out shorter than the header row."""
    rows = [
        ["bdt-vinh-long", "ban", "Ban Dân tộc", "", 1],
        ["bdt-vinh-long", "thanh-tra", "Thanh tra Ban", "ban", None],
    ]

    result = UnitResource().import_data(read(xlsx(UNIT_HEADERS, rows, write_only=True)))

    assert not result.has_errors() and not result.has_validation_errors()
    assert Unit.objects.get(code="thanh-tra").order == 0


# --- The admin import page -------------------------------------------------------------------


def upload(client, content, *, name="don-vi.xlsx", url="admin:campaigns_unit_import"):
    return client.post(reverse(url), {"import_file": SimpleUploadedFile(name, content), "format": "0"})


def not_excel_zip() -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def corrupt_xlsx() -> bytes:
    good = xlsx(UNIT_HEADERS, THREE_UNITS)
    return good[: len(good) // 2]


MALFORMED_FILES = {
    "pdf-bytes": b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
    "csv-text": "Mã cơ quan,Mã đơn vị,Tên đơn vị\nbdt-vinh-long,ban,Ban Dân tộc\n".encode(),
    "random-bytes": bytes(range(256)) * 8,
    "zip-not-excel": not_excel_zip(),
    "truncated-xlsx": corrupt_xlsx(),
    "old-xls-header": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504,
    "only-headers": xlsx(UNIT_HEADERS, []),
    "wrong-headers": xlsx(["Agency", "Code", "Name"], [["bdt-vinh-long", "ban", "Ban Dân tộc"]]),
    "duplicate-headers": xlsx(UNIT_HEADERS + ["Mã đơn vị"], [["bdt-vinh-long", "ban", "Ban Dân tộc", "", 1, "khac"]]),
    "merged-cells": xlsx(UNIT_HEADERS, THREE_UNITS, edit=merge_name_cells),
    "formulas": xlsx(UNIT_HEADERS, THREE_UNITS, edit=formulas_in_cells),
    "formula-text": xlsx(UNIT_HEADERS, THREE_UNITS, edit=literal_formula_text),
    "huge-cell": xlsx(UNIT_HEADERS, [["bdt-vinh-long", "ban", "Đ" * 32_767, "", 1]]),
    "dates-and-booleans": xlsx(UNIT_HEADERS, [[datetime(2022, 1, 1), True, 3.5, False, -1]]),
}


def assert_clear_message_or_preview_then_whole_import(client, response, before, confirm_url):
    """The preview page: a clear error on the form or in the rows and nothing written, or a
    confirmation that, once given, writes every row. The kind of outcome."""
    assert response.status_code == 200
    form, result = response.context["form"], response.context.get("result")
    page = response.content.decode()
    assert counts() == before
    if "confirm_form" in response.context:
        confirmed = client.post(reverse(confirm_url), response.context["confirm_form"].initial)
        assert confirmed.status_code == 302
        assert counts() != before
        return "imported"
    if form.errors:
        for message in form.errors["import_file"]:
            assert escape(message) in page
        return "refused by the form"
    assert result is not None and (result.has_errors() or result.has_validation_errors())
    shown = [str(e.error) for e in result.base_errors]
    shown += [str(e.error) for _line, errors in result.row_errors() for e in errors]
    shown += [m for row in result.invalid_rows for ms in row.error_dict.values() for m in ms]
    assert shown
    assert [message for message in shown if looks_like_a_crash(message)] == []
    return "refused in the rows"


@pytest.mark.parametrize("content", MALFORMED_FILES.values(), ids=MALFORMED_FILES.keys())
def test_a_malformed_file_uploaded_to_the_admin_ends_in_a_clear_message_or_a_whole_import(
    secretary_client, world, content
):
    before = counts()

    response = upload(secretary_client, content)

    assert_clear_message_or_preview_then_whole_import(
        secretary_client, response, before, "admin:campaigns_unit_process_import"
    )


def test_an_empty_file_is_refused_by_the_form(secretary_client, world):
    before = counts()

    response = upload(secretary_client, b"")

    assert response.status_code == 200
    assert response.context["form"].errors == {"import_file": ["Tập tin được gửi là rỗng."]}
    assert counts() == before


def test_a_workbook_whose_sheet_is_empty_is_refused_as_having_no_header_row(secretary_client, world):
    """The file is a good .xlsx: blaming its format (and naming 'StopIteration') sends the secretary
    the wrong way. The library has a message for a file without data; it should be that one."""
    before = counts()

    response = upload(secretary_client, xlsx(None, []))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "import_file": [
            "Không có dữ liệu hợp lệ để nhập. Đề nghị kiểm tra tệp có đúng dòng tiêu đề và dữ liệu cần nhập."
        ]
    }
    assert counts() == before


@pytest.fixture
def administrator_client(client, make_user):
    client.force_login(make_user("quantri", Role.ADMINISTRATOR, person=False))
    return client


OTHER_IMPORTS = {
    "people": ("admin:campaigns_person_import", "admin:campaigns_person_process_import", "secretary_client"),
    "accounts": ("admin:auth_user_import", "admin:auth_user_process_import", "administrator_client"),
    "criteria": ("admin:criteria_criterion_import", "admin:criteria_criterion_process_import", "secretary_client"),
}


@pytest.mark.parametrize("target", OTHER_IMPORTS.values(), ids=OTHER_IMPORTS.keys())
@pytest.mark.parametrize("kind", ["pdf-bytes", "csv-text", "truncated-xlsx", "zip-not-excel"])
def test_the_other_imports_refuse_files_that_are_not_excel_with_a_message_and_write_nothing(
    request, world, target, kind
):
    import_url, confirm_url, persona = target
    client = request.getfixturevalue(persona)
    before = counts()

    response = upload(client, MALFORMED_FILES[kind], url=import_url)

    outcome = assert_clear_message_or_preview_then_whole_import(client, response, before, confirm_url)
    assert outcome == "refused by the form"


# --- 50,000 rows ------------------------------------------------------------------------------

FIFTY_THOUSAND = 50_000
# The work the preview of 50,000 rows may take, counted in queries rather than seconds: a refusal
# needs a handful and an import in bulk a few per thousand rows, so 10,000 is generous. Row by row
# the preview spends about 7 queries per row (measured: 35,012 queries and 13 s for 5,000 people on
# SQLite), about 350,000 queries and more than two minutes for 50,000: far beyond the 30 s after
# which gunicorn (README, Deployment) kills the worker and the secretary gets an error page.
# The budget stops the request once spent, so the test answers in seconds either way.
QUERY_BUDGET = 10_000


class QueryBudgetSpent(BaseException):
    """Not an Exception: the import's per-row error handling does not swallow it, so the request stops."""


@contextmanager
def query_budget(limit):
    """Raise QueryBudgetSpent at the first query past ``limit``; let later ones (the rollbacks) through."""
    spent = [0]

    def count(execute, sql, params, many, context):
        spent[0] += 1
        if spent[0] == limit + 1:
            raise QueryBudgetSpent(f"more than {limit} queries")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        yield spent


def test_a_file_of_50000_people_is_answered_within_a_bounded_amount_of_work(secretary_client, world):
    content = xlsx(
        PERSON_HEADERS,
        ([f"cb-{n:05d}", f"Nguyễn Văn {n}", "Chuyên viên", "van-phong", ""] for n in range(FIFTY_THOUSAND)),
        write_only=True,
    )
    before = counts()

    with query_budget(QUERY_BUDGET):
        try:
            response = upload(secretary_client, content, name="can-bo.xlsx", url="admin:campaigns_person_import")
        except QueryBudgetSpent:
            response = None

    assert response is not None, f"the preview of {FIFTY_THOUSAND} rows needed more than {QUERY_BUDGET} queries"
    assert response.status_code == 200
    assert "confirm_form" not in response.context
    assert response.context["form"].errors == {  # written row by row: no declared size, counted as read
        "import_file": ["Tệp có hơn 5000 dòng, quá giới hạn 5000 dòng một lần nhập; hãy chia thành nhiều tệp."]
    }
    assert counts() == before
