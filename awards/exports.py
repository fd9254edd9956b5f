"""Excel workbooks streamed with openpyxl's write-only mode: memory stays flat as rows grow."""

import math
import re
import tempfile

from django.http import FileResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from awards.queries import latest_nominations, ranking_with_parts
from campaigns.enums import ParticipantKind, ParticipantRule, TieBreak
from campaigns.excel import as_text, mark_as_text
from campaigns.formatting import document_date, points
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
    divisions). Floats, rounded back to three decimals after the correction; a blank part (None,
    nothing counted there) stays blank."""
    present = [part for part in parts if part is not None]
    difference = total - sum(present)
    if abs(difference) > 1e-7 and any(present):
        largest = parts.index(max(present))
        parts[largest] = round(parts[largest] + difference, 3)
    return parts


def filter_label(*, area=None, unit=None) -> str:
    """What a filtered ranking covers, for the sheet's title (empty when it is the whole ranking)."""
    parts = []
    if area is not None:
        parts.append(_("Nội dung %(order)s. %(name)s") % {"order": area.order, "name": area.name})
    if unit is not None:
        parts.append(_("Đơn vị: %(name)s (gồm đơn vị trực thuộc)") % {"name": unit.name})
    return " — ".join(parts)


def ranking_file_name(*, campaign, kind_slug: str, area=None, unit=None) -> str:
    """``xep-hang-<campaign>-<kind>[-noi-dung-<n>][-don-vi-<code>].xlsx``: a filtered file never
    takes the whole ranking's name."""
    name = f"xep-hang-{campaign.slug}-{kind_slug}"
    if area is not None:
        name += f"-noi-dung-{area.order}"
    if unit is not None:
        name += f"-don-vi-{unit.code}"
    return f"{name}.xlsx"


WRAP = Alignment(wrap_text=True, vertical="top")
HEADER_ROW = 4  # under the campaign, the title naming the filter, and the pointer to the legend


def _legend(*, campaign, kind, areas, criteria, filtered: bool) -> list[str]:
    """One line per column group: what it holds and why it can look surprising."""
    if campaign.tie_break == TieBreak.BEST_ENTRY:
        tie = _("Bằng điểm thì xét điểm bài cao nhất (thiết lập của phong trào); bằng cả hai thì đồng hạng.")
    else:
        tie = _("Bằng điểm thì đồng hạng (1, 2, 2, 4).")
    rule = campaign.get_participant_rule_display()
    if campaign.participant_rule == ParticipantRule.BEST_K_SUM:
        rule = f"{rule} (K = {campaign.best_k})"
    lines = [
        _("Hạng: theo điểm. %(tie)s Thời điểm gửi bài không dùng để xếp hạng.") % {"tie": tie},
        _(
            "Đồng hạng / phân định: “đồng hạng” khi cùng hạng với người khác; “phân định theo bài cao nhất” "
            "khi bằng điểm nhưng được xếp khác hạng nhờ điểm bài cao nhất."
        ),
        _("Điểm: %(rule)s, chỉ gồm bài đủ số thành viên chấm (%(quorum)s).")
        % {"rule": rule, "quorum": campaign.quorum},
        _("Phiếu chấm: số phiếu chấm đủ mọi tiêu chí / số phiếu được giao, trên các bài được tính."),
        _(
            "Đề nghị khen thưởng: theo danh sách đề nghị mới nhất; để trống khi chưa lập danh sách hoặc "
            "không được đề nghị."
        ),
    ]
    if filtered:
        lines.append(
            _(
                "Bảng đã lọc: hạng và điểm chỉ tính trên các bài, đơn vị đã lọc; khen thưởng xét theo xếp hạng "
                "chung nên cột đề nghị khen thưởng có thể không theo thứ tự hạng của bảng này."
            )
        )
    if areas:
        lines.append(
            _(
                "Cột ND: phần điểm từ các bài được tính thuộc nội dung đó; để trống khi không có bài nào. "
                "Cộng các cột ND bằng cột Điểm."
            )
        )
    if criteria:
        lines.append(
            _(
                "Cột TC: phần điểm theo tiêu chí, cộng trên các bài được tính, nên có thể vượt điểm tối đa "
                "của một bài (ghi trong tiêu đề cột); để trống khi tiêu chí không áp dụng cho bài nào. "
                "Cộng các cột TC bằng cột Điểm."
            )
        )
    return lines


def ranking_workbook(*, campaign, kind, kind_label: str, areas, area=None, unit=None, unit_ids=None) -> Workbook:
    """The whole ranking, ready to print: title naming the filter, frozen header, column widths,
    the award form of the newest list, each score split by reform area and by criterion (both add
    up to it; blank where nothing counts), and a legend of the columns under the table.

    Rows stream from the database in rank order into openpyxl's write-only sheet: nothing holds
    the whole ranking in memory.
    """
    areas = [area] if area is not None else list(areas)
    criteria = list(Criterion.objects.filter(campaign=campaign).order_by("order", "code", "pk"))
    filtered = area is not None or unit is not None
    nominations = latest_nominations(campaign)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(kind_label)[:31])
    individual = kind == ParticipantKind.INDIVIDUAL
    headers = [
        (_("Hạng"), 7),
        (_("Đồng hạng / phân định"), 14),
        (kind_label, 32),
        (_("Đơn vị") if individual else _("Đơn vị cấp trên"), 30),
        (_("Số bài được tính"), 9),
        (_("Điểm"), 9),
        (_("Điểm bài cao nhất"), 9),
        (_("Phiếu chấm"), 9),
        (_("Đề nghị khen thưởng (theo xếp hạng chung)") if filtered else _("Đề nghị khen thưởng"), 28),
    ]
    headers += [(f"ND{a.order}. {a.name}", 14) for a in areas]
    headers += [
        (
            _("%(code)s. %(name)s (tối đa %(max)s/bài)")
            % {"code": c.code, "name": c.name, "max": points(c.max_points)},
            14,
        )
        for c in criteria
    ]
    for index, (_title, width) in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"D{HEADER_ROW + 1}"  # title, header and the rank and name columns stay in view
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4  # the write-only sheet lacks the constant
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the ranking needs
    title = _("Bảng xếp hạng: %(kind)s") % {"kind": kind_label}
    if filtered:
        title = f"{title} — {filter_label(area=area, unit=unit)}"
    sheet.append([text_cell(sheet, f"{campaign.plan_number} — {campaign.title}", bold=True)])
    sheet.append([text_cell(sheet, title, bold=True)])
    sheet.append([text_cell(sheet, _("Chú giải các cột ở cuối bảng."))])
    header_cells = []
    for heading, _width in headers:
        cell = text_cell(sheet, heading, bold=True)
        cell.alignment = WRAP
        header_cells.append(cell)
    sheet.append(header_cells)
    rows = ranking_with_parts(
        campaign,
        kind,
        area_ids=[a.pk for a in areas],
        criterion_ids=[c.pk for c in criteria],
        area_id=area.pk if area is not None else None,
        unit_ids=unit_ids,
    )
    split = len(areas)
    same_rank, told_apart = _("đồng hạng"), _("phân định theo bài cao nhất")
    for (
        rank,
        tied,
        apart,
        person_id,
        unit_id,
        name,
        unit_name,
        counted,
        score,
        best,
        complete,
        assigned,
        *parts,
    ) in rows:
        note = "; ".join(text for flag, text in ((tied, same_rank), (apart, told_apart)) if flag)
        sheet.append(
            [
                rank,
                note or None,
                text(sheet, name),
                text(sheet, unit_name),
                counted,
                score,
                best,
                f"{complete}/{assigned}",
                text(sheet, nominations.get((person_id, unit_id))) or None,
                *balanced(parts[:split], score),
                *balanced(parts[split:], score),
            ]
        )
    sheet.append([])
    sheet.append([text_cell(sheet, _("Chú giải"), bold=True)])
    for line in _legend(campaign=campaign, kind=kind, areas=areas, criteria=criteria, filtered=filtered):
        sheet.append([text_cell(sheet, line)])
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
        mark_as_text(cell)
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
            mark_as_text(cell)  # never a formula, whatever the text starts with
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
