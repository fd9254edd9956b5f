"""The Word documents of an approved nominee list, in the layout of Nghị định 30/2020/NĐ-CP: the
decision (Quyết định khen thưởng) with the list as its appendix, and the proposal (Tờ trình) to the
higher authority for the award forms it decides.

The parts come from ``common.documents.parts`` (as the Excel list's do), laid out by
``common.documents.docx``; the appendix rows are the Excel list's (``nominee_table.table_rows``).
The documents are legal texts in Vietnamese whatever the reader's language, like the Excel list.
Every page's footer carries the list's version and the fingerprint of its scores.
"""

import re
from io import BytesIO

from django.http import FileResponse
from docx.shared import Mm, Pt

from awards.nominee_table import HEADERS, table_rows
from awards.queries.nominees import form_counts, nominee_rows
from campaigns.enums import ParticipantKind
from common.documents import parts as official
from common.documents.docx import DOCX, HEADING_SIZE, DocumentWriter
from common.formatting import document_date
from criteria.enums import DecidingLevel

LAW = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"
DECREE = (
    "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành "
    "một số điều của Luật Thi đua, khen thưởng;"
)
REWARD = "Tiền thưởng thực hiện theo quy định hiện hành."
TABLE_SIZE = 12
# The appendix's columns on A4 landscape (252 mm of text), in the Excel list's proportions.
TABLE_WIDTHS = tuple(Mm(w) for w in (12, 42, 48, 42, 84, 24))


def in_sentence(title: str) -> str:
    """A campaign's title inside a sentence: "Phong trào thi đua …" reads "phong trào thi đua …";
    a title that starts with capitals (an abbreviation) is left as typed."""
    return title[:1].lower() + title[1:] if title[1:2].islower() else title


def counted(counts) -> str:
    """ "3 tập thể, 12 cá nhân" from [(kind, count)], the kinds with nobody left out."""
    words = {ParticipantKind.COLLECTIVE: "tập thể", ParticipantKind.INDIVIDUAL: "cá nhân"}
    totals = dict.fromkeys(words, 0)
    for kind, n in counts:
        totals[kind] += n
    return " và ".join(f"{n} {words[kind]}" for kind, n in totals.items() if n)


def per_form(counts) -> list[str]:
    """One line per award form, in list order: "- Giấy khen của …: 2 tập thể và 5 cá nhân;"."""
    forms = {}
    for name, kind, n in counts:
        forms.setdefault(name, []).append((kind, n))
    lines = [f"- {name}: {counted(kinds)};" for name, kinds in forms.items()]
    if lines:
        lines[-1] = lines[-1][:-1] + "."
    return lines


def legal_bases(campaign) -> list[str]:
    """The preamble's "Căn cứ …": the law, its decree, the agency's regulation (when the campaign
    names it) and the campaign's plan."""
    agency = campaign.agency
    bases = [LAW, DECREE]
    if campaign.regulation.strip():
        bases.append(f"Căn cứ {campaign.regulation.strip().rstrip(';.')};")
    bases.append(
        f"Căn cứ Kế hoạch số {campaign.plan_number} {document_date(campaign.signed_on)} của {agency.name} "
        f"về “{campaign.title}”;"
    )
    return bases


def proposal_number(decision_number: str) -> str:
    """The proposal's number left blank for the office to give, with the agency's symbol as the
    decision writes it: "25/QĐ-BDT" gives "     /TTr-BDT"."""
    symbol = re.search(r"/Q[ĐD]-(.+)$", decision_number or "")
    return "      /TTr-" + symbol[1] if symbol else "      /TTr"


class ListDocument:
    """What the decision and the proposal share: the writer, the list, its campaign and agency,
    the signature, the appendix and the footer."""

    def __init__(self, nominee_list):
        self.nominee_list = nominee_list
        self.campaign = nominee_list.campaign
        self.agency = self.campaign.agency
        self.writer = DocumentWriter()

    def opening(self, *, day, number: str, name: str, subject: str) -> None:
        """The heading, the document's name and its subject with the rule under it."""
        writer = self.writer
        writer.heading(official.heading(self.agency, day=day, number=number, size=HEADING_SIZE))
        writer.line(official.Text(""))
        writer.line(official.title(name))
        subject = official.Text(subject, size=official.TITLE_SIZE, bold=True)
        writer.line(subject)
        writer.rule(Mm(40))
        writer.line(official.Text(""))

    def closing(self, recipients) -> None:
        nominee_list = self.nominee_list
        self.writer.line(official.Text(""))
        self.writer.signature(
            official.signature(signer_title=nominee_list.signer_title, signer=nominee_list.signer, size=14),
            official.recipients(recipients, size=12),
        )

    def appendix(self, *, title: str, attached: official.Text, rows) -> None:
        """After a page break, on A4 landscape: the title, what it is attached to, the plan, and
        the table of ``rows`` (``nominee_rows``), its header repeated on every page."""
        writer = self.writer
        writer.page_break(landscape=True)
        writer.line(official.title(title))
        writer.line(attached)
        plan = (
            f"Phong trào thi đua theo Kế hoạch số {self.campaign.plan_number} {document_date(self.campaign.signed_on)}"
        )
        writer.line(official.Text(plan, size=13, italic=True), space_after=Pt(6))
        table = writer.table(1, TABLE_WIDTHS, style="Table Grid")
        header = table.rows[0]
        writer.repeat_as_header(header)
        for cell, text in zip(header.cells, HEADERS, strict=True):
            writer.text(official.Text(text, size=TABLE_SIZE, bold=True), container=writer.emptied(cell))
        for section, values in table_rows(rows):
            if section is not None:
                (cell,) = writer.add_row(table, spanning=True)
                writer.text(
                    official.Text(section, size=TABLE_SIZE, bold=True, align=official.Align.LEFT),
                    container=writer.emptied(cell),
                )
            for index, (cell, value) in enumerate(zip(writer.add_row(table), values, strict=True)):
                align = official.Align.CENTER if index == 0 else official.Align.LEFT
                part = official.Text("" if value is None else str(value), size=TABLE_SIZE, align=align)
                writer.text(part, container=writer.emptied(cell))

    def save(self) -> bytes:
        note = official.fingerprint_note(fingerprint=self.nominee_list.fingerprint, version=self.nominee_list.version)
        self.writer.footer(official.Text(note, size=8, italic=True, align=official.Align.LEFT))
        return self.writer.save()


def decision_document(*, nominee_list) -> bytes:
    """The decision that approves the list: heading with the approval's number and date, the
    preamble with its legal bases and the council's proposal, Điều 1 (the awards, per form),
    Điều 2 (the reward), Điều 3 (who carries it out), recipients and signer, and the list as the
    appendix (the rows of the Excel list)."""
    document = ListDocument(nominee_list)
    campaign, agency, writer = document.campaign, document.agency, document.writer
    number, day = nominee_list.decision_number, nominee_list.decision_date
    document.opening(
        day=day,
        number=number,
        name="Quyết định",
        subject=f"Về việc khen thưởng tập thể, cá nhân có thành tích trong {in_sentence(campaign.title)}",
    )
    authority = official.deciding_authority(nominee_list.signer_title, agency)
    writer.line(official.Text(authority.upper(), size=14, bold=True), space_after=Pt(6))
    for basis in legal_bases(campaign):
        writer.prose(basis, italic=True)
    writer.prose(f"Xét đề nghị của Hội đồng Thi đua - Khen thưởng {agency.name}.", italic=True)
    writer.line(official.Text("QUYẾT ĐỊNH:", size=14, bold=True), space_after=Pt(6))
    counts = form_counts(nominee_list)
    writer.prose(
        f"Khen thưởng {counted((kind, n) for _name, kind, n in counts)} đã có thành tích trong "
        f"{in_sentence(campaign.title)} (có danh sách kèm theo), gồm:",
        lead="Điều 1.",
    )
    for line in per_form(counts):
        writer.prose(line)
    writer.prose(REWARD, lead="Điều 2.")
    writer.prose(
        "Quyết định này có hiệu lực kể từ ngày ký. Thủ trưởng các đơn vị có liên quan và các tập thể, cá nhân "
        "có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
        lead="Điều 3.",
    )
    document.closing(["Như Điều 3", f"Hội đồng Thi đua - Khen thưởng {agency.name}"])
    document.appendix(
        title="Danh sách tập thể, cá nhân được khen thưởng",
        attached=official.attached_to(
            number=number, day=day, signer_title=nominee_list.signer_title, agency=agency, size=13
        ),
        rows=nominee_rows(nominee_list),
    )
    return document.save()


def proposal_document(*, nominee_list) -> bytes:
    """The proposal to the higher authority (``Agency.parent_authority``) for the award forms it
    decides (``DecidingLevel.HIGHER``): the legal bases, the counts per form, the request,
    recipients and signer, and the list of those proposed as the appendix. Its number and date
    are left for the office to fill in."""
    document = ListDocument(nominee_list)
    campaign, agency, writer = document.campaign, document.agency, document.writer
    higher = DecidingLevel.HIGHER
    number = proposal_number(nominee_list.decision_number)
    document.opening(
        day=None,
        number=number,
        name="Tờ trình",
        subject=f"Về việc đề nghị khen thưởng tập thể, cá nhân có thành tích trong {in_sentence(campaign.title)}",
    )
    writer.line(official.Text(f"Kính gửi: {agency.parent_authority}.", size=14), space_after=Pt(6))
    for basis in legal_bases(campaign):
        writer.prose(basis)
    counts = form_counts(nominee_list, deciding_level=higher)
    writer.prose(
        f"Trên cơ sở kết quả xét của Hội đồng Thi đua - Khen thưởng, {agency.name} kính trình "
        f"{agency.parent_authority} xem xét, khen thưởng {counted((kind, n) for _name, kind, n in counts)} "
        f"đã có thành tích trong {in_sentence(campaign.title)}, gồm:"
    )
    for line in per_form(counts):
        writer.prose(line)
    writer.prose("(Có danh sách kèm theo.)", italic=True)
    writer.prose(f"{agency.name} kính trình {agency.parent_authority} xem xét, quyết định./.")
    document.closing(["Như trên"])
    document.appendix(
        title="Danh sách tập thể, cá nhân đề nghị khen thưởng",
        attached=official.Text(
            f"(Kèm theo Tờ trình số {number} ngày     tháng     năm      của {agency.name})",
            size=13,
            italic=True,
        ),
        rows=nominee_rows(nominee_list, deciding_level=higher),
    )
    return document.save()


def document_response(content: bytes, filename: str) -> FileResponse:
    return FileResponse(BytesIO(content), as_attachment=True, filename=filename, content_type=DOCX)
