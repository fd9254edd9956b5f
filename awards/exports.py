"""Excel workbooks streamed with openpyxl's write-only mode: memory stays flat as rows grow."""

import math
import re
import tempfile

from django.http import FileResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from awards.queries import ranking_with_parts
from campaigns.formatting import document_date
from criteria.models import Criterion

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def text_cell(sheet, value, *, bold=False):
    """A cell that is always text: a value starting with "=" is shown, never run as a formula."""
    cell = WriteOnlyCell(sheet, value="" if value is None else str(value))
    cell.data_type = "s"
    if bold:
        cell.font = Font(bold=True)
    return cell


def text(sheet, value):
    """A text value for ``append``: plain (fast) unless it could be read as a formula."""
    value = "" if value is None else str(value)
    return text_cell(sheet, value) if value.startswith(FORMULA_STARTS) else value


def workbook_response(workbook: Workbook, filename: str) -> FileResponse:
    """Save the workbook to a temporary file and stream it to the browser."""
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - FileResponse closes it when sent
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX)


def balanced(parts: list, total: float) -> list:
    """Parts (already rounded to three decimals) that still add up to ``total``: the rounding
    difference goes to the first largest part (only ever a few thousandths, from the mean rule's
    divisions). Floats, rounded back to three decimals after the correction."""
    difference = total - sum(parts)
    if abs(difference) > 1e-7 and any(parts):
        largest = parts.index(max(parts))
        parts[largest] = round(parts[largest] + difference, 3)
    return parts


def ranking_workbook(*, campaign, kind, kind_label: str, areas, area_id=None, unit_ids=None) -> Workbook:
    """The whole ranking with each score split by reform area and by criterion (both add up to it).

    Rows stream from the database in rank order into openpyxl's write-only sheet: nothing holds
    the whole ranking in memory.
    """
    areas = list(areas)
    criteria = list(Criterion.objects.filter(campaign=campaign).order_by("order", "code", "pk"))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(kind_label)[:31])
    sheet.append([text_cell(sheet, f"{campaign.plan_number} — {campaign.title}", bold=True)])
    sheet.append([text_cell(sheet, f"Bảng xếp hạng: {kind_label}")])
    headers = [
        "Hạng",
        "Đồng hạng",
        "Người dự thi",
        "Đơn vị",
        "Số bài được tính",
        "Điểm",
        "Điểm bài cao nhất",
        "Phiếu chấm",
    ]
    headers += [f"ND{a.order}. {a.name}" for a in areas] + [f"{c.code}. {c.name}" for c in criteria]
    sheet.append([text_cell(sheet, h, bold=True) for h in headers])
    rows = ranking_with_parts(
        campaign,
        kind,
        area_ids=[a.pk for a in areas],
        criterion_ids=[c.pk for c in criteria],
        area_id=area_id,
        unit_ids=unit_ids,
    )
    split = 8 + len(areas)
    for rank, tied, name, unit_name, counted, score, best, complete, assigned, *parts in rows:
        sheet.append(
            [
                rank,
                "đồng hạng" if tied else None,
                text(sheet, name),
                text(sheet, unit_name),
                counted,
                score,
                best,
                f"{complete}/{assigned}",
                *balanced(parts[: split - 8], score),
                *balanced(parts[split - 8 :], score),
            ]
        )
    return workbook


# Column widths (in characters of the default font) of the nominee list, and the text columns that wrap.
NOMINEE_WIDTHS = [6, 30, 34, 30, 48, 16]
LINE_HEIGHT = 16  # points: one line of Times New Roman 12 with its leading
# Decision signers write "KT." (ký thay), "Q." (quyền), "TL." (thừa lệnh), "TUQ." (thừa ủy quyền)
# before the head's title; the deciding authority is the head.
ON_BEHALF = re.compile(r"^(?:KT|Q|TL|TUQ)\.\s*", re.IGNORECASE)


def wrapped_lines(value, width: float) -> int:
    """How many lines a wrapped cell of ``width`` characters needs for ``value`` (at least one).

    Neither Excel nor LibreOffice grows a row to its wrapped text when it opens a file: the
    height is written here. Times New Roman 12 fits a little under one character per unit of
    width; the estimate errs on the generous side (a blank line costs less than a hidden one).
    """
    per_line = max(int(width * 0.9) - 1, 1)
    lines = 0
    for paragraph in str(value or "").split("\n"):
        lines += max(math.ceil(len(paragraph) / per_line), 1)
    return max(lines, 1)


def deciding_authority(signer_title: str, agency) -> str:
    """Whose decision it is, for "(Kèm theo Quyết định … của …)": the head's title and the agency,
    "Trưởng ban Ban Dân tộc tỉnh Vĩnh Long", also when a deputy signs "KT. Trưởng ban"."""
    head = ON_BEHALF.sub("", (signer_title or "").split("/")[0].strip())
    return f"{head} {agency.name}".strip()


def nominee_workbook(*, nominee_list, nominees) -> Workbook:
    """The nominee list in the official layout of Nghị định 30/2020/NĐ-CP (Phụ lục I): the
    two-column header, the place and date (``document_date``), the title, "(Kèm theo Quyết định số
    … ngày … của …)" once approved, the table in "I. TẬP THỂ" and "II. CÁ NHÂN", the signature.

    A list not yet approved carries "DỰ THẢO" and the title of a proposal; the approved one is the
    decision's attachment ("DANH SÁCH … ĐƯỢC KHEN THƯỞNG"). The footer of every page carries the
    fingerprint of the scores, the version and the page number; rows grow with their wrapped text
    and the sheet prints on A4 landscape, fitted to the width, the table header on every page.
    """
    campaign, agency = nominee_list.campaign, nominee_list.campaign.agency
    approved = nominee_list.status == "approved"
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách"
    for index, width in enumerate(NOMINEE_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)

    def put(cell_ref, value, *, bold=False, italic=False, size=12, align=center, underline=None):
        cell = sheet[cell_ref]
        cell.value = value
        cell.data_type = "s" if isinstance(value, str) else cell.data_type
        cell.font = Font(name="Times New Roman", bold=bold, italic=italic, size=size, underline=underline)
        cell.alignment = align
        return cell

    def merged_line(row, value, **style):
        """A line across the table's six columns, as high as its wrapped text."""
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
        put(f"A{row}", value, **style)
        size = style.get("size", 12)
        lines = wrapped_lines(value, sum(NOMINEE_WIDTHS) * 12 / size)
        sheet.row_dimensions[row].height = LINE_HEIGHT * size / 12 * lines + 2

    sheet.merge_cells("A1:C1")
    sheet.merge_cells("D1:F1")
    sheet.merge_cells("A2:C2")
    sheet.merge_cells("D2:F2")
    put("A1", agency.parent_authority.upper())
    put("D1", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True)
    put("A2", (agency.header_name or agency.name).upper(), bold=True, underline="single")
    put("D2", "Độc lập - Tự do - Hạnh phúc", bold=True, underline="single")
    sheet.merge_cells("D4:F4")
    if approved and nominee_list.decision_date:
        dateline = f"{agency.place_name}, {document_date(nominee_list.decision_date)}"
    else:
        dateline = f"{agency.place_name}, ngày     tháng     năm"
    put("D4", dateline, italic=True)
    if approved:
        merged_line(6, "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG", bold=True, size=14)
        merged_line(
            7,
            f"(Kèm theo Quyết định số {nominee_list.decision_number} {document_date(nominee_list.decision_date)}"
            f" của {deciding_authority(nominee_list.signer_title, agency)})",
            italic=True,
        )
    else:
        merged_line(6, "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG", bold=True, size=14)
        merged_line(7, "DỰ THẢO", bold=True, size=14)
    merged_line(
        8,
        f"Phong trào thi đua theo Kế hoạch số {campaign.plan_number} {document_date(campaign.signed_on)}",
        italic=True,
    )
    header_row = 10
    headers = [
        "STT",
        "Họ và tên / Tên tập thể",
        "Chức vụ, đơn vị",
        "Hình thức khen thưởng",
        "Tóm tắt thành tích / điểm",
        "Ghi chú",
    ]
    for column, title in enumerate(headers, start=1):
        cell = sheet.cell(row=header_row, column=column, value=title)
        cell.font = Font(name="Times New Roman", bold=True)
        cell.alignment = center
        cell.border = box
    sheet.row_dimensions[header_row].height = (
        LINE_HEIGHT * max(wrapped_lines(title, width) for title, width in zip(headers, NOMINEE_WIDTHS, strict=True)) + 4
    )
    row_number = header_row
    sections = iter(["I", "II"])
    kind, number = None, 0
    for nominee in nominees:
        if nominee.kind != kind:  # collectives first, then individuals (the compiled order)
            kind, number = nominee.kind, 0
            row_number += 1
            label = "TẬP THỂ" if nominee.person_id is None else "CÁ NHÂN"
            sheet.merge_cells(start_row=row_number, start_column=1, end_row=row_number, end_column=6)
            cell = put(f"A{row_number}", f"{next(sections)}. {label}", bold=True, align=Alignment(vertical="center"))
            for column in range(1, 7):
                sheet.cell(row=row_number, column=column).border = box
            sheet.row_dimensions[row_number].height = LINE_HEIGHT + 4
        row_number += 1
        number += 1
        if nominee.person_id:
            name, where = (
                nominee.person.full_name,
                ", ".join(p for p in [nominee.person.position, nominee.person.unit.name] if p),
            )
        else:
            name, where = nominee.unit.name, nominee.unit.parent.name if nominee.unit.parent_id else ""
        note = []
        if nominee.tie_flag:
            note.append("Đồng hạng tại ngưỡng")
            if nominee.decision:
                note.append(f"Hội đồng: {nominee.get_decision_display()} ({nominee.decision_reason})")
        values = [number, name, where, nominee.award_form.name, nominee.summary, "; ".join(note)]
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row_number, column=column, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            cell.font = Font(name="Times New Roman")
            cell.alignment = center if column == 1 else wrap
            cell.border = box
        lines = max(wrapped_lines(v, w) for v, w in zip(values, NOMINEE_WIDTHS, strict=True))
        sheet.row_dimensions[row_number].height = LINE_HEIGHT * lines + 4
    signature_row = row_number + 2
    sheet.merge_cells(start_row=signature_row, start_column=4, end_row=signature_row, end_column=6)
    # "KT. Trưởng ban / Phó Trưởng ban" is written on two lines, in capitals, as on the decision.
    title_lines = [part.strip().upper() for part in nominee_list.signer_title.split("/") if part.strip()]
    put(f"D{signature_row}", "\n".join(title_lines) if approved and title_lines else "NGƯỜI KÝ", bold=True)
    sheet.row_dimensions[signature_row].height = LINE_HEIGHT * max(len(title_lines), 1) + 2
    sheet.merge_cells(start_row=signature_row + 4, start_column=4, end_row=signature_row + 4, end_column=6)
    put(f"D{signature_row + 4}", nominee_list.signer if approved else "", bold=True)
    # The fingerprint sits in the footer of every page, not in the body of the signed document.
    footer = sheet.oddFooter
    footer.left.text = f"Mã kiểm tra điểm (SHA-256): {nominee_list.fingerprint} · Phiên bản {nominee_list.version}"
    footer.left.size, footer.left.font = 7, "Times New Roman,Italic"
    footer.right.text = "Trang &P/&N"
    footer.right.size, footer.right.font = 9, "Times New Roman,Regular"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the list needs
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.6
    sheet.page_margins.top, sheet.page_margins.bottom, sheet.page_margins.footer = 0.6, 0.7, 0.3
    return workbook
