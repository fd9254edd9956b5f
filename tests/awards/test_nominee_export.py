"""The nominee list in the official Excel layout, opened with openpyxl as the leader's computer would."""

import io
import zipfile
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import lxml.html
import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from awards.exports import nominee_workbook
from awards.models import Nominee
from awards.services import approval, compilation
from campaigns.enums import ParticipantKind

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
POSTED = datetime(2023, 1, 10, 8, 0, tzinfo=VIETNAM)
F1 = "Bằng khen của Chủ tịch UBND tỉnh"
F2 = "Giấy khen của Trưởng Ban Dân tộc"
HEADER_ROW = 10


@pytest.fixture
def world(closing_world):
    """A collective and four individuals on two forms: Phòng Dân tộc; An; Bình; Chi and Dũng."""
    world = closing_world
    world.form("Giấy khen tập thể", kind=ParticipantKind.COLLECTIVE, min_score=75)
    world.form(F1, precedence=1, min_score=90, quota_count=1)
    world.form(F2, precedence=2, min_score=80, quota_count=3)
    world.enter(world.unit("Phòng Dân tộc"), 88.5)
    world.people = world.ranked([("An", 95), ("Bình", 91.5), ("Chi", 85), ("Dũng", 80), ("Em", 60)])
    world.nominee_list = compilation.compile_nominees(campaign=world.campaign)
    return world


def download(client, user, nominee_list):
    client.force_login(user)
    response = client.get(reverse("nominee_list_export", args=[nominee_list.code]))
    assert response.status_code == 200
    content = b"".join(response.streaming_content)  # read to the end, the test client closes the response
    return response, content


def open_sheet(content):
    return load_workbook(io.BytesIO(content)).active


def saved(workbook):
    """The file as it is downloaded (the workbook is written row by row: it is read back from the file)."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def texts(sheet):
    """Every non-empty cell value, as the sheet reads from top to bottom."""
    return [cell.value for row in sheet.iter_rows() for cell in row if cell.value not in (None, "")]


def table(sheet):
    """The table body: one list of six values per row after the header, up to the first empty row;
    a section's heading ("I. TẬP THỂ") is a row of its own text."""
    rows = []
    for row in sheet.iter_rows(min_row=HEADER_ROW + 1, max_col=6, values_only=True):
        if row[0] is None:
            break
        rows.append(row[0] if isinstance(row[0], str) else list(row))
    return rows


def body(sheet):
    return [row for row in table(sheet) if not isinstance(row, str)]


def page_rows(client, user, campaign):
    """(STT, name, position and unit, summary) of every row of the list page, in page order."""
    client.force_login(user)
    document = lxml.html.fromstring(client.get(reverse("nominee_list", args=[campaign.slug])).content.decode())
    rows = []
    for tr in document.xpath("//table/tbody/tr"):
        cells = [" ".join(td.text_content().split()) for td in tr.xpath("./td")]
        rows.append([int(cells[0]), cells[1], cells[2], cells[4]])
    return rows


def test_draft_workbook_has_the_official_header_title_and_draft_mark(world, client):
    response, content = download(client, world.secretary, world.nominee_list)
    sheet = open_sheet(content)

    assert response["Content-Disposition"] == (
        'attachment; filename="danh-sach-khen-thuong-169-kh-bdt-2022-v1-du-thao.xlsx"'
    )
    assert [sheet["A1"].value, sheet["A2"].value] == ["UBND TỈNH VĨNH LONG", "BAN DÂN TỘC"]
    assert [sheet["D1"].value, sheet["D2"].value] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert sheet["A6"].value == "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"
    assert sheet["A7"].value == "DỰ THẢO"
    assert sheet["A8"].value == "Phong trào thi đua theo Kế hoạch số 169/KH-BDT ngày 21 tháng 4 năm 2022"
    assert [c.value for c in sheet[HEADER_ROW]][:6] == [
        "STT",
        "Họ và tên / Tên tập thể",
        "Chức vụ, đơn vị",
        "Hình thức khen thưởng",
        "Tóm tắt thành tích / điểm",
        "Ghi chú",
    ]
    assert {sheet[ref].font.name for ref in ("A1", "D1", "A6", "A8", f"B{HEADER_ROW}", f"E{HEADER_ROW + 2}")} == {
        "Times New Roman"
    }


def test_one_row_per_nominee_in_list_order_with_the_scores_of_the_page(world, client):
    _response, content = download(client, world.secretary, world.nominee_list)
    sections = table(open_sheet(content))
    rows = [row for row in sections if not isinstance(row, str)]

    assert [row if isinstance(row, str) else row[:4] for row in sections] == [
        "I. TẬP THỂ",
        [1, "Phòng Dân tộc", None, "Giấy khen tập thể"],  # a unit without a parent: an empty cell
        "II. CÁ NHÂN",
        [1, "An", "Chuyên viên, Phòng của An", F1],
        [2, "Bình", "Chuyên viên, Phòng của Bình", F2],
        [3, "Chi", "Chuyên viên, Phòng của Chi", F2],
        [4, "Dũng", "Chuyên viên, Phòng của Dũng", F2],
    ]
    assert [row[4] for row in rows] == [
        "88,5 điểm; 1 bài: Sáng kiến của Phòng Dân tộc",
        "95 điểm; 1 bài: Sáng kiến của An",
        "91,5 điểm; 1 bài: Sáng kiến của Bình",
        "85 điểm; 1 bài: Sáng kiến của Chi",
        "80 điểm; 1 bài: Sáng kiến của Dũng",
    ]
    assert [[row[1], row[2] or "", row[4]] for row in rows] == [
        r[1:] for r in page_rows(client, world.secretary, world.campaign)
    ]


def test_the_fingerprint_of_the_scores_is_in_the_footer(world, client):
    _response, content = download(client, world.secretary, world.nominee_list)
    sheet = open_sheet(content)
    fingerprint = world.nominee_list.fingerprint

    assert fingerprint == compilation.scores_fingerprint(world.campaign)
    assert sheet.oddFooter.left.text == f"Mã kiểm tra điểm (SHA-256): {fingerprint} · Phiên bản 1"
    assert sheet.oddFooter.right.text == "Trang &P/&N"
    assert not any(fingerprint in str(value) for value in texts(sheet))  # not in the body


def test_a_flagged_tie_and_the_councils_decision_are_noted(closing_world, client):
    closing_world.form(F1, min_score=80, quota_count=1)
    closing_world.ranked([("An", 90), ("Bình", 90)])
    nominee_list = compilation.compile_nominees(campaign=closing_world.campaign)
    approval.resolve_tie(
        nominee=nominee_list.nominees.get(position=2),
        by=closing_world.secretary,
        decision="drop",
        reason="Biên bản họp số 3",
    )

    _response, content = download(client, closing_world.secretary, nominee_list)

    assert [row[5] for row in body(open_sheet(content))] == [
        "Đồng hạng tại ngưỡng",
        "Đồng hạng tại ngưỡng; Hội đồng: Đưa ra khỏi danh sách (Biên bản họp số 3)",
    ]


@pytest.mark.parametrize(
    ("signer_title", "written"),
    [("Trưởng ban", "TRƯỞNG BAN"), ("KT. Trưởng ban / Phó Trưởng ban", "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN")],
)
def test_approved_workbook_carries_the_decision_not_the_draft_mark(world, client, signer_title, written):
    with time_machine.travel(POSTED, tick=False):
        approval.publish_list(nominee_list=world.nominee_list, by=world.secretary, days=5)
    with time_machine.travel(POSTED + timedelta(days=5), tick=False):
        approval.approve_list(
            nominee_list=world.nominee_list,
            by=world.leader,
            decision_number="25/QĐ-BDT",
            decision_date=date(2023, 1, 15),
            signer_title=signer_title,
            signer="Nguyễn Văn Trưởng",
        )

    response, content = download(client, world.leader, world.nominee_list)
    sheet = open_sheet(content)

    assert response["Content-Disposition"] == 'attachment; filename="danh-sach-khen-thuong-169-kh-bdt-2022-v1.xlsx"'
    assert sheet["D4"].value == "Vĩnh Long, ngày 15 tháng 01 năm 2023"
    assert sheet["A6"].value == "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG"
    assert sheet["A7"].value == (
        "(Kèm theo Quyết định số 25/QĐ-BDT ngày 15 tháng 01 năm 2023 của Trưởng ban Ban Dân tộc tỉnh Vĩnh Long)"
    )
    assert "DỰ THẢO" not in texts(sheet)
    assert texts(sheet)[-2:] == [written, "Nguyễn Văn Trưởng"]


def test_values_that_look_like_formulas_are_written_as_text(world):
    Nominee.objects.filter(nominee_list=world.nominee_list, position=2).update(
        summary='=HYPERLINK("http://x.vn","Bấm")'
    )
    world.people["Bình"].full_name = "@SUM(A1:A9)"
    world.people["Bình"].save(update_fields=["full_name"])
    Nominee.objects.filter(nominee_list=world.nominee_list, position=4).update(summary="-1+2 điểm")

    buffer = io.BytesIO()
    nominee_workbook(nominee_list=world.nominee_list).save(buffer)
    sheet = open_sheet(buffer.getvalue())
    rows = body(sheet)

    assert [rows[1][4], rows[2][1], rows[3][4]] == ['=HYPERLINK("http://x.vn","Bấm")', "@SUM(A1:A9)", "-1+2 điểm"]
    assert {sheet.cell(row=HEADER_ROW + 4, column=5).data_type, sheet.cell(row=HEADER_ROW + 5, column=2).data_type} == {
        "s"
    }
    with zipfile.ZipFile(buffer) as package:
        assert "<f>" not in package.read("xl/worksheets/sheet1.xml").decode()


def test_the_workbook_prints_on_a4(world):
    """Issue 7: "Times New Roman, set column widths, A4 print setup"."""
    sheet = open_sheet(saved(nominee_workbook(nominee_list=world.nominee_list)))

    assert [sheet.column_dimensions[c].width for c in "ABCDEF"] == [6, 30, 34, 30, 48, 16]
    assert (sheet.page_setup.orientation, int(sheet.page_setup.paperSize)) == ("landscape", int(sheet.PAPERSIZE_A4))
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight, sheet.print_title_rows) == (1, 0, "$10:$10")


def test_a_row_is_as_high_as_its_longest_wrapped_cell(world):
    """Issue 14, item 4: Excel and LibreOffice keep the height written in the file; 48 characters
    of column E hold about 42 characters of Times New Roman 12 a line."""
    Nominee.objects.filter(nominee_list=world.nominee_list, position=2).update(summary="x" * 41)
    Nominee.objects.filter(nominee_list=world.nominee_list, position=3).update(summary="x " * 100)

    sheet = open_sheet(saved(nominee_workbook(nominee_list=world.nominee_list)))

    heights = [sheet.row_dimensions[HEADER_ROW + n].height for n in (4, 5)]
    assert heights == [16 * 2 + 4, 16 * 5 + 4]  # the award form "Bằng khen của Chủ tịch UBND tỉnh" takes two


def test_the_list_is_written_row_by_row_keeping_nothing_per_row(world):
    """Issue 16: the official list streams like every export; no row's cells or height stay in memory
    (23 rows: the table ends on row 17, the signer's name is four rows under the signature's title)."""
    workbook = nominee_workbook(nominee_list=world.nominee_list)
    sheet = workbook.worksheets[0]

    assert (workbook.write_only, len(sheet.row_dimensions), len(open_sheet(saved(workbook))["A"])) == (True, 0, 23)
