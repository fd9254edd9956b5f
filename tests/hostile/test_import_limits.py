# ruff: noqa: F811 - the fixtures imported from test_imports are requested by name as arguments
"""Oversized and failing imports (issue 13, items 13 and 15), through the admin import pages.

A file over ``IMPORT_MAX_ROWS`` is refused by the size its sheet declares before any row is read,
and, since a declared size can be missing or false, by counting rows as they stream: no row past
the limit is read. To prove "not read", the sheets below end in broken XML after a few thousand
good rows: a reader that went on would fail on it and say something else.

Whatever goes wrong, the page shows a Vietnamese message, never a traceback or a class name.
"""

import logging
import re
import zipfile
from io import BytesIO

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from campaigns.models import Unit
from tests.hostile.test_imports import (  # noqa: F401 - the fixtures are used by name
    ACCOUNT_HEADERS,
    CRITERION_HEADERS,
    PERSON_HEADERS,
    RUBRIC,
    UNIT_HEADERS,
    administrator_client,
    counts,
    lan,
    secretary_client,
    upload,
    world,
    xlsx,
)
from tests.submissions.conftest import DURING

pytestmark = pytest.mark.django_db

SHEET = "xl/worksheets/sheet1.xml"
UNREADABLE = "Không đọc được tệp. Hãy chọn tệp Excel (.xlsx) lập theo mẫu của trang này."
UNEXPECTED = "Không nhập được tệp do lỗi của hệ thống; lỗi đã được ghi lại để quản trị viên kiểm tra."
# What a page must not show: a traceback, a source file, a server path, an exception's class.
LEAKS = re.compile(r"Traceback|File \"|\.py\b|site-packages|/work/|/home/|\b\w+(Error|Exception)\b")


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(DURING, tick=False):
        yield DURING


def unit_row(n):
    return ["bdt-vinh-long", f"dv-{n:07d}", f"Đơn vị {n}", "", n]


def person_row(n):
    return [f"cb-{n:07d}", f"Nguyễn Văn {n}", "Chuyên viên", "van-phong", ""]


def account_row(n):
    return [f"tk{n:07d}", f"Người {n}", "", "Có", "Cán bộ, công chức", ""]


def criterion_row(n):
    return [RUBRIC, f"TC{n}", f"Tiêu chí {n}", "", 1, n, "", "Có", "Có"]


IMPORTS = {
    "units": ("admin:campaigns_unit_import", "secretary_client", UNIT_HEADERS, unit_row),
    "people": ("admin:campaigns_person_import", "secretary_client", PERSON_HEADERS, person_row),
    "accounts": ("admin:auth_user_import", "administrator_client", ACCOUNT_HEADERS, account_row),
    "criteria": ("admin:criteria_criterion_import", "secretary_client", CRITERION_HEADERS, criterion_row),
}


def edit_sheet(content: bytes, change) -> bytes:
    """The workbook with its first sheet's XML passed through ``change``."""
    source = zipfile.ZipFile(BytesIO(content))
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, change(data.decode()).encode() if item.filename == SHEET else data)
    return buffer.getvalue()


def declaring(ref):
    """Sets the sheet's declared size (``<dimension ref=…>``), adding it where the writer left it out."""

    def change(xml):
        if "<dimension " in xml:
            return re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="{ref}"/>', xml)
        return xml.replace("<sheetViews>", f'<dimension ref="{ref}"/><sheetViews>', 1)

    return change


def broken_from(row_number):
    """Cuts the sheet at ``row_number`` and ends it in broken XML: reading that far fails."""

    def change(xml):
        return xml[: xml.index(f'<row r="{row_number}"')] + "<row r=<<< broken"

    return change


def rows_then_broken_xml(headers, row, good_rows, **options):
    """A sheet of ``good_rows`` rows (enough to fill the reader's buffers), then broken XML."""
    content = xlsx(headers, (row(n) for n in range(1, good_rows + 2)), **options)
    return edit_sheet(content, broken_from(good_rows + 2))


def form_errors(response):
    assert response.status_code == 200
    return response.context["form"].errors


@pytest.mark.parametrize("target", IMPORTS.values(), ids=IMPORTS.keys())
def test_a_sheet_declaring_more_rows_than_the_limit_is_refused_before_any_row_is_read(request, world, lan, target):
    url, persona, headers, row = target
    client = request.getfixturevalue(persona)
    content = edit_sheet(rows_then_broken_xml(headers, row, 1_000), declaring("A1:I2000001"))
    before = counts()

    response = upload(client, content, url=url)

    assert form_errors(response) == {
        "import_file": ["Tệp có 2000000 dòng, quá giới hạn 5000 dòng một lần nhập; hãy chia thành nhiều tệp."]
    }
    assert counts() == before


@pytest.mark.parametrize("declared", [None, "A1:E2", "A1"], ids=["no-size", "too-small", "one-cell"])
@pytest.mark.parametrize("target", IMPORTS.values(), ids=IMPORTS.keys())
def test_reading_stops_at_the_limit_when_the_declared_size_is_missing_or_false(
    request, world, lan, settings, target, declared
):
    settings.IMPORT_MAX_ROWS = 10
    url, persona, headers, row = target
    client = request.getfixturevalue(persona)
    content = rows_then_broken_xml(headers, row, 1_000, write_only=declared is None)
    if declared:
        content = edit_sheet(content, declaring(declared))
    before = counts()

    response = upload(client, content, url=url)

    assert form_errors(response) == {
        "import_file": ["Tệp có hơn 10 dòng, quá giới hạn 10 dòng một lần nhập; hãy chia thành nhiều tệp."]
    }
    assert counts() == before


def test_a_sheet_declaring_fewer_rows_than_it_holds_is_imported_whole(secretary_client, world):
    """Some writers record a size of one cell; the rows past it are still the secretary's data."""
    content = edit_sheet(xlsx(UNIT_HEADERS, [unit_row(n) for n in range(1, 4)]), declaring("A1:E2"))

    preview = upload(secretary_client, content)
    confirmed = secretary_client.post(
        reverse("admin:campaigns_unit_process_import"), preview.context["confirm_form"].initial
    )

    assert confirmed.status_code == 302
    assert sorted(Unit.objects.filter(code__startswith="dv-").values_list("code", flat=True)) == [
        "dv-0000001",
        "dv-0000002",
        "dv-0000003",
    ]


def test_a_file_of_exactly_the_limit_is_previewed(secretary_client, world, settings):
    settings.IMPORT_MAX_ROWS = 10

    response = upload(secretary_client, xlsx(UNIT_HEADERS, [unit_row(n) for n in range(1, 11)]))

    assert form_errors(response) == {}
    assert "confirm_form" in response.context


# --- Messages, not tracebacks -------------------------------------------------------------------


@pytest.mark.parametrize("target", IMPORTS.values(), ids=IMPORTS.keys())
def test_a_file_refused_as_a_whole_shows_its_message_and_no_traceback(request, world, target):
    """A missing code column is an error of the whole file, which the library's page prints with
    the traceback (server paths included) underneath."""
    url, persona, headers, row = target
    client = request.getfixturevalue(persona)
    content = xlsx(["Cột lạ", *headers[2:]], [row(1)[1:]])

    response = upload(client, content, url=url)

    result = response.context["result"]
    [message] = [str(error.error) for error in result.base_errors]
    assert message.startswith("Tệp thiếu cột ")
    assert message in response.text
    assert LEAKS.findall(response.text) == []
    assert str(settings.BASE_DIR) not in response.text


@pytest.mark.parametrize("target", IMPORTS.values(), ids=IMPORTS.keys())
def test_a_file_that_is_not_excel_is_refused_in_vietnamese_only(request, world, target, caplog):
    url, persona, _headers, _row = target
    client = request.getfixturevalue(persona)
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")

    with caplog.at_level(logging.WARNING, logger="common.imports"):
        response = upload(client, buffer.getvalue(), url=url)

    assert form_errors(response) == {"import_file": [UNREADABLE]}
    assert LEAKS.findall(response.text) == []
    assert [record.exc_info[0].__name__ for record in caplog.records] == ["KeyError"]  # logged for the administrator


def test_an_error_no_message_was_written_for_is_logged_and_shown_as_a_general_message(secretary_client, world, caplog):
    """An "inf" in the areas column of a criterion overflows while the row is read (an OverflowError,
    not one of the import's own refusals): the page says that the system failed, the log has the rest."""
    content = xlsx(CRITERION_HEADERS, [[RUBRIC, "TC1", "Tính mới", "", 100, 1, "inf", "Có", "Có"]])
    before = counts()

    with caplog.at_level(logging.ERROR, logger="common.imports"):
        response = upload(secretary_client, content, url="admin:criteria_criterion_import")

    shown = [str(e.error) for _line, errors in response.context["result"].row_errors() for e in errors]
    assert shown == [UNEXPECTED]
    assert UNEXPECTED in response.text
    assert LEAKS.findall(response.text) == []
    assert [record.exc_info[0].__name__ for record in caplog.records] == ["OverflowError"]
    assert counts() == before
