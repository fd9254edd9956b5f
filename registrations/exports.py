"""The registration list in the official layout (Decree 30/2020/NĐ-CP): the two-column header,
the date line with the place name, the title, the table, the signature block. Every text cell is
written through ``common.excel.as_text``, so nothing a participant typed runs as a formula."""

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from common.excel import as_text
from common.formatting import document_date
from registrations.queries import campaign_registrations

COLUMNS = 6  # STT | name | position, unit | titles and forms | commitments | note


def _bold(sheet, value):
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = Font(bold=True)
    cell.alignment = Alignment(horizontal="center", wrap_text=True)
    return cell


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
    """The campaign's registration list as an .xlsx file."""
    agency = campaign.agency
    today = today or timezone.localdate()
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Đăng ký thi đua"))
    for letter, width in zip("ABCDEF", (6, 28, 30, 34, 44, 26), strict=True):
        sheet.column_dimensions[letter].width = width
    header = [
        (agency.parent_authority.upper(), _("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")),
        ((agency.header_name or agency.name).upper(), _("Độc lập - Tự do - Hạnh phúc")),
    ]
    for left, right in header:
        sheet.append([None, _bold(sheet, as_text(sheet, left)), None, None, _bold(sheet, right)])
    sheet.append([None, None, None, None, f"{agency.place_name}, {document_date(today)}"])
    sheet.append([])
    sheet.append([None, _bold(sheet, _("DANH SÁCH ĐĂNG KÝ THI ĐUA"))])
    sheet.append([None, as_text(sheet, f"{campaign.plan_number} — {campaign.title}")])
    sheet.append([])
    titles = [
        _("STT"),
        _("Họ và tên / Tên tập thể"),
        _("Chức vụ, đơn vị"),
        _("Danh hiệu, hình thức khen thưởng đăng ký"),
        _("Chỉ tiêu, cam kết"),
        _("Ghi chú"),
    ]
    sheet.append([_bold(sheet, title) for title in titles])
    for row in registration_rows(campaign):
        sheet.append([as_text(sheet, value) for value in row])
    sheet.append([])
    sheet.append([None, None, None, None, _bold(sheet, as_text(sheet, campaign.signer_title or _("THỦ TRƯỞNG")))])
    sheet.append([None, None, None, None, _bold(sheet, as_text(sheet, campaign.signer))])
    stream = BytesIO()
    book.save(stream)
    return stream.getvalue()
