"""The approved list's Word documents (issue 18, items 1-3): the decision with the list as its
appendix, and the proposal to the higher authority, opened with python-docx as the office would."""

import io
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import docx
import pytest
import time_machine
from django.urls import reverse
from docx.oxml.ns import qn
from docx.shared import Pt
from openpyxl import load_workbook

from awards.exports import nominee_workbook
from awards.models import Nominee, NomineeList
from awards.services import approval, compilation
from awards.word import decision_document, proposal_document
from campaigns.enums import ParticipantKind
from criteria.enums import DecidingLevel
from criteria.models import AwardForm

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
POSTED = datetime(2023, 1, 10, 8, 0, tzinfo=VIETNAM)
UNIT_FORM = "Giấy khen tập thể"
HIGHER = "Bằng khen của Chủ tịch UBND tỉnh"
OWN = "Giấy khen của Trưởng ban"


def approve(world, nominee_list):
    with time_machine.travel(POSTED, tick=False):
        approval.publish_list(nominee_list=nominee_list, by=world.secretary, days=5)
    with time_machine.travel(POSTED + timedelta(days=5), tick=False):
        return approval.approve_list(
            nominee_list=nominee_list,
            by=world.leader,
            decision_number="25/QĐ-BDT",
            decision_date=date(2023, 1, 15),
            signer_title="KT. Trưởng ban / Phó Trưởng ban",
            signer="Trần Văn Phó",
        )


@pytest.fixture
def world(closing_world):
    return approved_world(closing_world)


def approved_world(closing_world):
    """A collective on the agency's own form; An on the province's Bằng khen (decided above);
    Bình and Chi on the agency's Giấy khen; the list approved as decision 25/QĐ-BDT."""
    world = closing_world
    world.agency.parent_authority = "UBND tỉnh Vĩnh Long"
    world.agency.save()
    world.form(UNIT_FORM, kind=ParticipantKind.COLLECTIVE, min_score=75)
    world.form(HIGHER, precedence=1, min_score=90, quota_count=1)
    world.form(OWN, precedence=2, min_score=80, quota_count=3)
    AwardForm.objects.filter(name=HIGHER).update(deciding_level=DecidingLevel.HIGHER)
    world.enter(world.unit("Phòng Dân tộc"), 88.5)
    world.ranked([("An", 95), ("Bình", 91.5), ("Chi", 85), ("Em", 60)])
    world.nominee_list = approve(world, compilation.compile_nominees(campaign=world.campaign))
    return world


def opened(content: bytes):
    return docx.Document(io.BytesIO(content))


def body_texts(document) -> list[str]:
    """The text of each paragraph of the body and of its tables' cells, top to bottom."""
    texts = []
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            texts.append(docx.text.paragraph.Paragraph(element, document).text)
        elif element.tag == qn("w:tbl"):
            table = docx.table.Table(element, document)
            for row in table.rows:
                seen = []
                for cell in row.cells:
                    if cell._tc not in seen:  # a merged cell is listed once per column it spans
                        seen.append(cell._tc)
                        texts.extend(paragraph.text for paragraph in cell.paragraphs)
    return [text for text in texts if text.strip()]


def in_order(texts: list[str], expected: list[str]) -> list[str]:
    """The expected texts found one after the other: each the first text from there that contains it."""
    found, start = [], 0
    for wanted in expected:
        index = next((i for i in range(start, len(texts)) if wanted in texts[i]), None)
        if index is None:
            break
        found.append(wanted)
        start = index + 1
    return found


def appendix_rows(document) -> list[list[str]]:
    """The appendix table's rows below its header, each cell's text (a section heading is one cell)."""
    table = document.tables[-1]
    rows = []
    for row in table.rows[1:]:
        cells = []
        for cell in row.cells:
            if not cells or cell._tc is not cells[-1]._tc:
                cells.append(cell)
        rows.append([cell.text for cell in cells])
    return rows


def test_the_decision_reads_its_parts_in_the_decrees_order(world):
    agency = world.agency

    document = opened(decision_document(nominee_list=world.nominee_list))

    expected = [
        "UBND TỈNH VĨNH LONG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "BAN DÂN TỘC",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 25/QĐ-BDT",
        f"{agency.place_name}, ngày 15 tháng 01 năm 2023",
        "QUYẾT ĐỊNH",
        "Về việc khen thưởng tập thể, cá nhân có thành tích trong phong trào thi đua",
        f"TRƯỞNG BAN {agency.name.upper()}",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023",
        "Căn cứ Kế hoạch số 169/KH-BDT",
        f"Xét đề nghị của Hội đồng Thi đua - Khen thưởng {agency.name}.",
        "QUYẾT ĐỊNH:",
        "Điều 1. Khen thưởng 1 tập thể và 3 cá nhân",
        f"- {UNIT_FORM}: 1 tập thể;",
        f"- {HIGHER}: 1 cá nhân;",
        f"- {OWN}: 2 cá nhân.",
        "Điều 2. Tiền thưởng thực hiện theo quy định hiện hành.",
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.",
        "Nơi nhận:",
        "- Như Điều 3;",
        "- Lưu: VT.",
        "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN",
        "Trần Văn Phó",
        "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG",
        f"(Kèm theo Quyết định số 25/QĐ-BDT ngày 15 tháng 01 năm 2023 của Trưởng ban {agency.name})",
        "STT",
        "I. TẬP THỂ",
        "II. CÁ NHÂN",
    ]
    assert in_order(body_texts(document), expected) == expected
    footer = document.sections[0].footer.paragraphs[0].text
    assert footer == f"Mã kiểm tra điểm (SHA-256): {world.nominee_list.fingerprint} · Phiên bản 1"


def test_the_decisions_number_and_date_are_the_approvals(world):
    nominee_list = world.nominee_list
    nominee_list.decision_number, nominee_list.decision_date = "7/QĐ-SNV", date(2023, 2, 3)
    nominee_list.save()

    texts = body_texts(opened(decision_document(nominee_list=nominee_list)))

    assert [t for t in texts if t.startswith("Số:")] == ["Số: 7/QĐ-SNV"]
    assert [t for t in texts if "ngày 03 tháng 02 năm 2023" in t] == [
        f"{world.agency.place_name}, ngày 03 tháng 02 năm 2023",
        f"(Kèm theo Quyết định số 7/QĐ-SNV ngày 03 tháng 02 năm 2023 của Trưởng ban {world.agency.name})",
    ]


def test_the_agencys_regulation_is_a_legal_basis_when_the_campaign_names_it(world):
    without = body_texts(opened(decision_document(nominee_list=world.nominee_list)))
    world.campaign.regulation = "Quyết định số 10/QĐ-BDT ngày 05/01/2022 ban hành Quy chế thi đua, khen thưởng."
    world.campaign.save()

    nominee_list = NomineeList.objects.select_related("campaign__agency").get(pk=world.nominee_list.pk)
    texts = body_texts(opened(decision_document(nominee_list=nominee_list)))

    bases = [t for t in texts if t.startswith("Căn cứ")]
    assert bases[2] == "Căn cứ Quyết định số 10/QĐ-BDT ngày 05/01/2022 ban hành Quy chế thi đua, khen thưởng;"
    assert len(bases) == len([t for t in without if t.startswith("Căn cứ")]) + 1


def test_the_appendix_rows_are_the_excel_lists_rows(world):
    buffer = io.BytesIO()
    nominee_workbook(nominee_list=world.nominee_list).save(buffer)
    sheet = load_workbook(io.BytesIO(buffer.getvalue())).active
    excel = [
        ["" if value is None else str(value) for value in row if value is not None] or None
        for row in sheet.iter_rows(min_row=11, values_only=True)
    ]
    excel = [row for row in excel if row and (row[0].startswith(("I.", "II.")) or row[0].isdigit())]

    rows = appendix_rows(opened(decision_document(nominee_list=world.nominee_list)))

    assert [[cell for cell in row if cell] for row in rows] == excel
    assert [row[1] for row in rows if len(row) > 1] == ["Phòng Dân tộc", "An", "Bình", "Chi"]


def test_pages_are_a4_with_the_decrees_margins_and_the_appendix_landscape(world):
    document = opened(decision_document(nominee_list=world.nominee_list))

    pages = [
        tuple(round(length.mm) for length in (s.page_width, s.page_height))
        + tuple(round(length.mm) for length in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin))
        for s in document.sections
    ]  # millimetres: Word keeps twentieths of a point
    assert pages == [(210, 297, 20, 20, 30, 15), (297, 210, 20, 20, 30, 15)]


def test_the_text_is_times_new_roman_with_the_decrees_sizes_and_styles(world):
    document = opened(decision_document(nominee_list=world.nominee_list))
    styles = {
        p.text: (p.runs[0].font.size, bool(p.runs[0].font.bold), bool(p.runs[0].font.italic))
        for p in _paragraphs(document)
        if p.runs
    }  # bold and italic are None where the Normal style's (neither)

    normal = document.styles["Normal"].font
    assert (normal.name, normal.size) == ("Times New Roman", Pt(14))
    fonts = {run.font.name for p in _paragraphs(document) for run in p.runs}
    assert fonts <= {None, "Times New Roman"}  # None: the Normal style's
    assert (normal.bold, normal.italic) == (None, None)
    assert styles["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"] == (Pt(13), True, False)
    assert styles["Độc lập - Tự do - Hạnh phúc"] == (Pt(13), True, False)
    assert styles["UBND TỈNH VĨNH LONG"] == (Pt(13), False, False)
    assert styles["BAN DÂN TỘC"] == (Pt(13), True, False)
    assert styles["Số: 25/QĐ-BDT"] == (Pt(13), False, False)
    assert styles[f"{world.agency.place_name}, ngày 15 tháng 01 năm 2023"] == (Pt(13), False, True)
    assert styles["QUYẾT ĐỊNH"] == (Pt(14), True, False)
    assert styles["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"] == (Pt(14), False, True)
    assert styles["Nơi nhận:"] == (Pt(12), True, True)
    assert styles["- Như Điều 3;"] == (Pt(11), False, False)
    assert styles["Trần Văn Phó"] == (Pt(14), True, False)
    article = next(p for p in document.paragraphs if p.text.startswith("Điều 1."))
    assert [(r.text, r.font.bold) for r in article.runs][0] == ("Điều 1.", True)


def test_a_rule_is_drawn_under_the_motto_and_under_the_issuing_body_never_an_underline(world):
    document = opened(decision_document(nominee_list=world.nominee_list))
    heading = document.tables[0]

    ruled = []
    for cell in heading._cells:
        paragraphs = cell.paragraphs
        for above, below in zip(paragraphs, paragraphs[1:], strict=False):
            if below._p.find(qn("w:pPr")).find(qn("w:pBdr")) is not None:
                ruled.append(above.text)
    assert ruled == ["BAN DÂN TỘC", "Độc lập - Tự do - Hạnh phúc"]
    assert not any(run.font.underline for p in _paragraphs(document) for run in p.runs)


def _paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for cell in table._cells:
            yield from cell.paragraphs


def test_the_proposal_asks_the_higher_authority_for_its_forms_only(world):
    document = opened(proposal_document(nominee_list=world.nominee_list))

    texts = body_texts(document)
    expected = [
        "Số:       /TTr-BDT",
        f"{world.agency.place_name}, ngày     tháng     năm",
        "TỜ TRÌNH",
        "Về việc đề nghị khen thưởng tập thể, cá nhân",
        "Kính gửi: UBND tỉnh Vĩnh Long.",
        "Căn cứ Luật Thi đua, khen thưởng",
        "xem xét, khen thưởng 1 cá nhân",
        f"- {HIGHER}: 1 cá nhân.",
        "(Có danh sách kèm theo.)",
        "- Như trên;",
        "Trần Văn Phó",
        "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG",
        "(Kèm theo Tờ trình số       /TTr-BDT",
    ]
    assert in_order(texts, expected) == expected
    assert appendix_rows(document) == [
        ["I. CÁ NHÂN"],
        ["1", "An", "Chuyên viên, Phòng của An", HIGHER, "95 điểm; 1 bài: Sáng kiến của An", ""],
    ]
    assert not any(OWN in t or UNIT_FORM in t for t in texts)


def download(client, user, name, nominee_list):
    client.force_login(user)
    response = client.get(reverse(name, args=[nominee_list.code]))
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return response, content


@pytest.mark.parametrize("name", ["nominee_list_decision", "nominee_list_proposal"])
def test_staff_download_the_approved_lists_documents_from_its_page(client, world, name):
    client.force_login(world.staff)
    page = client.get(reverse("nominee_list", args=[world.campaign.slug])).content.decode()

    response, content = download(client, world.staff, name, world.nominee_list)

    assert reverse(name, args=[world.nominee_list.code]) in page
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert re.search(
        r'filename="(quyet-dinh|to-trinh)[-a-z]*-169-kh-bdt-2022-v1\.docx"', response["Content-Disposition"]
    )
    assert "Trần Văn Phó" in body_texts(opened(content))


@pytest.mark.parametrize("name", ["nominee_list_decision", "nominee_list_proposal"])
def test_a_list_not_approved_has_no_documents(client, world, name):
    draft = NomineeList.objects.create(campaign=world.campaign, version=2, fingerprint="1" * 64, compiled_by="test")
    Nominee.objects.bulk_create(
        [Nominee(**{**n, "id": None, "nominee_list_id": draft.pk}) for n in world.nominee_list.nominees.values()]
    )

    response, _content = download(client, world.secretary, name, draft)

    assert response.status_code == 404


def test_a_list_that_proposes_nobody_upward_has_no_proposal(client, world):
    AwardForm.objects.filter(name=HIGHER).update(deciding_level=DecidingLevel.AGENCY_HEAD)
    client.force_login(world.staff)
    page = client.get(reverse("nominee_list", args=[world.campaign.slug])).content.decode()

    response, _content = download(client, world.staff, "nominee_list_proposal", world.nominee_list)

    assert response.status_code == 404
    assert reverse("nominee_list_proposal", args=[world.nominee_list.code]) not in page
    assert reverse("nominee_list_decision", args=[world.nominee_list.code]) in page
