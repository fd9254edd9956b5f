"""The registration list in the official layout (Decree 30/2020/NĐ-CP): the parts of the document
(``common.documents.parts``: the two-column heading with the place and date, the title, the
signature block) written by the same renderer as the nominee list (``common.documents.xlsx``).
Every text cell is written as text, so nothing a participant typed runs as a formula."""

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from common.documents import parts as official
from common.documents.xlsx import FONT, LINE_HEIGHT, SheetWriter, cell_sheet, print_landscape_a4, wrapped_lines
from registrations.queries import campaign_registrations

WIDTHS = [6, 28, 30, 34, 44, 26]  # STT | name | position, unit | titles and forms | commitments | note
TITLE_ROW, TABLE_ROW = 5, 8


def registration_rows(campaign):
    """(STT, name, position and unit, titles and forms, commitments, note) per registration."""
    for number, registration in enumerate(campaign_registrations(campaign), start=1):
        person, unit = registration.person, registration.unit
        where = ", ".join(filter(None, [person.position, person.unit.name])) if person else _("Tập thể")
        marks = []
        if registration.on_behalf:
            marks.append(_("Thư ký đăng ký thay"))
        if registration.outside_window:
            marks.append(_("ngoài thời gian đăng ký"))
        note = "; ".join(filter(None, [", ".join(marks), registration.note]))
        forms = "; ".join(form.name for form in registration.award_forms.all())
        yield number, (person.full_name if person else unit.name), where, forms, registration.commitments, note


def registration_workbook(campaign, *, today=None) -> bytes:
    """The campaign's registration list as an .xlsx file, A4 landscape."""
    agency = campaign.agency
    book = Workbook(write_only=True)
    sheet = cell_sheet(book, title=_("Đăng ký thi đua"))
    for letter, width in zip("ABCDEF", WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    print_landscape_a4(sheet)
    writer = SheetWriter(sheet, WIDTHS)
    writer.heading(official.heading(agency, day=today or timezone.localdate()))
    writer.line(TITLE_ROW, official.title("Danh sách đăng ký thi đua"))
    writer.line(TITLE_ROW + 1, official.Text(f"{campaign.plan_number} — {campaign.title}", italic=True))
    row = _table(writer, registration_rows(campaign))
    signature = official.signature(signer_title=campaign.signer_title or "Thủ trưởng", signer=campaign.signer)
    writer.signature(row + 2, signature, first=4)
    stream = BytesIO()
    book.save(stream)
    return stream.getvalue()


def _table(writer: SheetWriter, rows) -> int:
    """The table from its header row; returns the last row written."""
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrapped = Alignment(vertical="top", wrap_text=True)
    head = writer.style(
        font=Font(name=FONT, bold=True), alignment=Alignment(horizontal="center", wrap_text=True), border=box
    )
    titles = [
        _("STT"),
        _("Họ và tên / Tên tập thể"),
        _("Chức vụ, đơn vị"),
        _("Danh hiệu, hình thức khen thưởng đăng ký"),
        _("Chỉ tiêu, cam kết"),
        _("Ghi chú"),
    ]
    writer.write(TABLE_ROW, [writer.cell(title, head) for title in titles])
    columns = writer.columns([writer.style(font=Font(name=FONT), alignment=wrapped, border=box)] * len(WIDTHS))
    row = TABLE_ROW
    for values in rows:
        row += 1
        lines = max(wrapped_lines(value, width) for value, width in zip(values, WIDTHS, strict=True))
        writer.write_values(row, columns, values, height=LINE_HEIGHT * lines + 4)
    return row
