"""Excel workbooks streamed with openpyxl's write-only mode: memory stays flat as rows grow."""

import tempfile

from django.http import FileResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from awards.queries import ranking_with_parts
from campaigns.excel import as_text, mark_as_text
from criteria.models import Criterion

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def text_cell(sheet, value, *, bold=False):
    """A cell that is always text: a value starting with "=" is shown, never run as a formula."""
    cell = mark_as_text(WriteOnlyCell(sheet, value="" if value is None else str(value)))
    if bold:
        cell.font = Font(bold=True)
    return cell


def text(sheet, value):
    """A text value for ``append``: plain (fast) unless it could be read as a formula."""
    return as_text(sheet, "" if value is None else str(value))  # the one rule for every export


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


def nominee_workbook(*, nominee_list, nominees) -> Workbook:
    """The nominee list in the official layout (Decree 30/2020/NĐ-CP): header, title, table, signature.

    A list not yet approved carries "DỰ THẢO"; the footer carries the fingerprint of the scores.
    """
    campaign, agency = nominee_list.campaign, nominee_list.campaign.agency
    approved = nominee_list.status == "approved"
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách"
    widths = [6, 30, 34, 30, 48, 16]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)

    def put(cell_ref, value, *, bold=False, italic=False, size=12, align=center, underline=None):
        cell = sheet[cell_ref]
        cell.value = value
        mark_as_text(cell)
        cell.font = Font(name="Times New Roman", bold=bold, italic=italic, size=size, underline=underline)
        cell.alignment = align
        return cell

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
        date = nominee_list.decision_date
        dateline = f"{agency.place_name}, ngày {date.day:02d} tháng {date.month:02d} năm {date.year}"
    else:
        dateline = f"{agency.place_name}, ngày     tháng     năm"
    put("D4", dateline, italic=True)
    sheet.merge_cells("A6:F6")
    put("A6", "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG", bold=True, size=14)
    sheet.merge_cells("A7:F7")
    put(
        "A7",
        f"Phong trào thi đua theo Kế hoạch số {campaign.plan_number} ngày {campaign.signed_on:%d/%m/%Y}",
        italic=True,
    )
    sheet.merge_cells("A8:F8")
    if approved:
        put(
            "A8",
            f"(Kèm theo Quyết định số {nominee_list.decision_number} ngày {nominee_list.decision_date:%d/%m/%Y})",
            italic=True,
        )
    else:
        put("A8", "DỰ THẢO", bold=True, size=14)
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
    row_number = header_row
    for number, nominee in enumerate(nominees, start=1):
        row_number += 1
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
            mark_as_text(cell)  # never a formula, whatever the text starts with
            cell.font = Font(name="Times New Roman")
            cell.alignment = center if column == 1 else wrap
            cell.border = box
    signature_row = row_number + 2
    sheet.merge_cells(start_row=signature_row, start_column=4, end_row=signature_row, end_column=6)
    # "KT. Trưởng ban / Phó Trưởng ban" is written on two lines, in capitals, as on the decision.
    title_lines = [part.strip().upper() for part in nominee_list.signer_title.split("/") if part.strip()]
    put(f"D{signature_row}", "\n".join(title_lines) if approved and title_lines else "NGƯỜI KÝ", bold=True)
    sheet.row_dimensions[signature_row].height = 16 * max(len(title_lines), 1)
    sheet.merge_cells(start_row=signature_row + 4, start_column=4, end_row=signature_row + 4, end_column=6)
    put(f"D{signature_row + 4}", nominee_list.signer if approved else "", bold=True)
    fingerprint_row = signature_row + 6
    sheet.merge_cells(start_row=fingerprint_row, start_column=1, end_row=fingerprint_row, end_column=6)
    put(
        f"A{fingerprint_row}",
        f"Mã kiểm tra điểm (SHA-256): {nominee_list.fingerprint} · Phiên bản {nominee_list.version}",
        italic=True,
        size=9,
        align=Alignment(horizontal="left"),
    )
    sheet.oddFooter.center.text = f"Mã kiểm tra điểm: {nominee_list.fingerprint[:16]}… · Trang &P/&N"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the list needs
    return workbook
