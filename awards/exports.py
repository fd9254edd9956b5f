"""Excel workbooks streamed with openpyxl's write-only mode: memory stays flat as rows grow."""

import math
import re
import tempfile

from django.http import FileResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.worksheet import Worksheet

from awards.enums import TieDecision
from awards.queries.nominees import latest_nominations, nominee_rows
from awards.queries.ranking import ranking_with_parts
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


class _Styles:
    """The few cell styles of the nominee list, each registered with the workbook once.

    Setting a font, an alignment and a border on a cell looks each one up among the workbook's
    styles; done on every cell it cost more than writing the file. Each style is set here once,
    on a model cell, and every cell of that style starts from a copy of the model's style
    (openpyxl's ``style_array``, a row of nine small numbers).
    """

    def __init__(self, sheet):
        self.sheet = sheet
        self._arrays = {}

    def array(self, *, font=None, alignment=None, border=None):
        key = (font, alignment, border)
        if key not in self._arrays:
            model = WriteOnlyCell(self.sheet)
            if font is not None:
                model.font = font
            if alignment is not None:
                model.alignment = alignment
            if border is not None:
                model.border = border
            self._arrays[key] = model._style  # noqa: SLF001 - the style's indexes, read once
        return self._arrays[key]

    def cell(self, value, style_array, *, text=True):
        """A cell of that style; text is always written as text (never a formula)."""
        cell = Cell(self.sheet, row=1, column=1, value=value, style_array=style_array)
        return mark_as_text(cell) if text else cell


def nominee_workbook(*, nominee_list, rows=None) -> Workbook:
    """The nominee list in the official layout of Nghị định 30/2020/NĐ-CP (Phụ lục I): the
    two-column header, the place and date (``document_date``), the title, "(Kèm theo Quyết định số
    … ngày … của …)" once approved, the table in "I. TẬP THỂ" and "II. CÁ NHÂN", the signature.

    A list not yet approved carries "DỰ THẢO" and the title of a proposal; the approved one is the
    decision's attachment ("DANH SÁCH … ĐƯỢC KHEN THƯỞNG"). The footer of every page carries the
    fingerprint of the scores, the version and the page number; rows grow with their wrapped text
    and the sheet prints on A4 landscape, fitted to the width, the table header on every page.

    Written row by row in openpyxl's write-only mode, like the ranking: each row's height is set
    just before the row and forgotten once it is written, and the rows (``nominee_rows`` unless
    given) stream from the database, so memory does not grow with the list. The workbook can be
    saved once.
    """
    campaign, agency = nominee_list.campaign, nominee_list.campaign.agency
    approved = nominee_list.status == "approved"
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="Danh sách")
    # What is written before the first row (widths, fit to page) is set first; the rest comes at the end.
    for index, width in enumerate(NOMINEE_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    header_row = 10
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4  # the write-only sheet lacks the constant
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the list needs
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.6
    sheet.page_margins.top, sheet.page_margins.bottom, sheet.page_margins.footer = 0.6, 0.7, 0.3
    # The fingerprint sits in the footer of every page, not in the body of the signed document.
    footer = sheet.oddFooter
    footer.left.text = f"Mã kiểm tra điểm (SHA-256): {nominee_list.fingerprint} · Phiên bản {nominee_list.version}"
    footer.left.size, footer.left.font = 7, "Times New Roman,Italic"
    footer.right.text = "Trang &P/&N"
    footer.right.size, footer.right.font = 9, "Times New Roman,Regular"

    styles = _Styles(sheet)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    written = 0  # rows written so far

    def write(row, cells, *, height=None):
        """Row ``row`` (after empty rows up to it) with ``cells`` from column A, ``height`` in points."""
        nonlocal written
        while written < row - 1:
            sheet.append([])
            written += 1
        if height is not None:
            sheet.row_dimensions[row].height = height
        sheet.append(cells)
        written += 1
        if height is not None:
            del sheet.row_dimensions[row]  # written with the row: nothing kept per row

    def merge(**bounds):
        """Merged cells (the write-only sheet writes its list after the rows; only the first cell holds a value)."""
        sheet.merged_cells.add(CellRange(**bounds))

    def put(value, *, bold=False, italic=False, size=12, align=center, underline=None, border=None):
        font = Font(name="Times New Roman", bold=bold, italic=italic, size=size, underline=underline)
        return styles.cell(value, styles.array(font=font, alignment=align, border=border))

    def merged_line(row, value, **style):
        """A line across the table's six columns, as high as its wrapped text."""
        merge(min_row=row, min_col=1, max_row=row, max_col=6)
        size = style.get("size", 12)
        lines = wrapped_lines(value, sum(NOMINEE_WIDTHS) * 12 / size)
        write(row, [put(value, **style)], height=LINE_HEIGHT * size / 12 * lines + 2)

    for merged in ("A1:C1", "D1:F1", "A2:C2", "D2:F2", "D4:F4"):
        merge(range_string=merged)
    write(1, [put(agency.parent_authority.upper()), None, None, put("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True)])
    write(
        2,
        [
            put((agency.header_name or agency.name).upper(), bold=True, underline="single"),
            None,
            None,
            put("Độc lập - Tự do - Hạnh phúc", bold=True, underline="single"),
        ],
    )
    if approved and nominee_list.decision_date:
        dateline = f"{agency.place_name}, {document_date(nominee_list.decision_date)}"
    else:
        dateline = f"{agency.place_name}, ngày     tháng     năm"
    write(4, [None, None, None, put(dateline, italic=True)])
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
    headers = [
        "STT",
        "Họ và tên / Tên tập thể",
        "Chức vụ, đơn vị",
        "Hình thức khen thưởng",
        "Tóm tắt thành tích / điểm",
        "Ghi chú",
    ]
    heading = styles.array(font=Font(name="Times New Roman", bold=True), alignment=center, border=box)
    write(
        header_row,
        [styles.cell(title, heading, text=False) for title in headers],
        height=LINE_HEIGHT
        * max(wrapped_lines(title, width) for title, width in zip(headers, NOMINEE_WIDTHS, strict=True))
        + 4,
    )
    body_font = Font(name="Times New Roman")
    first_column = styles.array(font=body_font, alignment=center, border=box)
    other_columns = styles.array(font=body_font, alignment=wrap, border=box)
    boxed = styles.array(border=box)  # the merged cells of a section's heading keep their border
    row_number = header_row
    sections = iter(["I", "II"])
    kind, number = None, 0
    decisions = dict(TieDecision.choices)
    for (
        row_kind,
        person_id,
        full_name,
        position,
        person_unit,
        unit_name,
        parent_name,
        form_name,
        summary,
        tie_flag,
        decision,
        decision_reason,
    ) in nominee_rows(nominee_list) if rows is None else rows:
        if row_kind != kind:  # collectives first, then individuals (the compiled order)
            kind, number = row_kind, 0
            row_number += 1
            label = "TẬP THỂ" if person_id is None else "CÁ NHÂN"
            merge(min_row=row_number, min_col=1, max_row=row_number, max_col=6)
            section = put(f"{next(sections)}. {label}", bold=True, align=Alignment(vertical="center"), border=box)
            write(row_number, [section, *(styles.cell(None, boxed) for _ in range(5))], height=LINE_HEIGHT + 4)
        row_number += 1
        number += 1
        if person_id:
            name, where = full_name, ", ".join(p for p in [position, person_unit] if p)
        else:
            name, where = unit_name, parent_name or ""
        note = []
        if tie_flag:
            note.append("Đồng hạng tại ngưỡng")
            if decision:
                note.append(f"Hội đồng: {decisions[decision]} ({decision_reason})")
        values = [number, name, where, form_name, summary, "; ".join(note)]
        lines = max(wrapped_lines(v, w) for v, w in zip(values, NOMINEE_WIDTHS, strict=True))
        cells = [styles.cell(number, first_column)]
        cells += [styles.cell(value, other_columns) for value in values[1:]]  # never a formula
        write(row_number, cells, height=LINE_HEIGHT * lines + 4)
    signature_row = row_number + 2
    merge(min_row=signature_row, min_col=4, max_row=signature_row, max_col=6)
    # "KT. Trưởng ban / Phó Trưởng ban" is written on two lines, in capitals, as on the decision.
    title_lines = [part.strip().upper() for part in nominee_list.signer_title.split("/") if part.strip()]
    signer_title = "\n".join(title_lines) if approved and title_lines else "NGƯỜI KÝ"
    write(
        signature_row,
        [None, None, None, put(signer_title, bold=True)],
        height=LINE_HEIGHT * max(len(title_lines), 1) + 2,
    )
    merge(min_row=signature_row + 4, min_col=4, max_row=signature_row + 4, max_col=6)
    write(signature_row + 4, [None, None, None, put(nominee_list.signer if approved else "", bold=True)])
    return workbook
