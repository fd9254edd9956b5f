"""Excel workbooks streamed with openpyxl's write-only mode: memory stays flat as rows grow."""

import tempfile

from django.http import FileResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from awards.nominee_table import HEADERS, table_rows
from awards.queries.nominees import latest_nominations, nominee_rows
from awards.queries.ranking import ranking_with_parts
from campaigns.enums import ParticipantKind, ParticipantRule, TieBreak
from common.documents import parts as official
from common.documents.xlsx import (
    FONT,
    LINE_HEIGHT,
    SheetWriter,
    cell_sheet,
    font_of,
    print_landscape_a4,
    wrapped_lines,
)
from common.excel import as_text, mark_as_text
from common.formatting import document_date, points
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
    print_landscape_a4(sheet)
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


# Column widths (in characters of the default font) of the nominee list.
NOMINEE_WIDTHS = [6, 30, 34, 30, 48, 16]
NOMINEE_HEADERS = HEADERS
NOMINEE_HEADER_ROW = 10


def nominee_workbook(*, nominee_list, rows=None) -> Workbook:
    """The nominee list in the official layout of Nghị định 30/2020/NĐ-CP (Phụ lục I): the
    two-column heading, the place and date, the title, "(Kèm theo Quyết định số … ngày … của …)"
    once approved, the table in "I. TẬP THỂ" and "II. CÁ NHÂN", the signature (the parts:
    ``common.documents.parts``, written by ``common.documents.xlsx``).

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
    sheet = cell_sheet(workbook, title="Danh sách")
    # What is written before the first row (widths, fit to page) is set first; the rest comes at the end.
    for index, width in enumerate(NOMINEE_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.print_title_rows = f"{NOMINEE_HEADER_ROW}:{NOMINEE_HEADER_ROW}"
    print_landscape_a4(sheet)
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.6
    sheet.page_margins.top, sheet.page_margins.bottom, sheet.page_margins.footer = 0.6, 0.7, 0.3
    # The fingerprint sits in the footer of every page, not in the body of the signed document.
    footer = sheet.oddFooter
    footer.left.text = official.fingerprint_note(fingerprint=nominee_list.fingerprint, version=nominee_list.version)
    footer.left.size, footer.left.font = 7, "Times New Roman,Italic"
    footer.right.text = "Trang &P/&N"
    footer.right.size, footer.right.font = 9, "Times New Roman,Regular"

    writer = SheetWriter(sheet, NOMINEE_WIDTHS)
    writer.heading(official.heading(agency, day=nominee_list.decision_date if approved else None))
    if approved:
        writer.line(6, official.title("Danh sách tập thể, cá nhân được khen thưởng"))
        writer.line(
            7,
            official.attached_to(
                number=nominee_list.decision_number,
                day=nominee_list.decision_date,
                signer_title=nominee_list.signer_title,
                agency=agency,
            ),
        )
    else:
        writer.line(6, official.title("Danh sách đề nghị khen thưởng"))
        writer.line(7, official.title("Dự thảo"))
    writer.line(
        8,
        official.Text(
            f"Phong trào thi đua theo Kế hoạch số {campaign.plan_number} {document_date(campaign.signed_on)}",
            italic=True,
        ),
    )
    row_number = _nominee_table(writer, nominee_rows(nominee_list) if rows is None else rows)
    if approved:
        signature = official.signature(signer_title=nominee_list.signer_title, signer=nominee_list.signer)
    else:
        signature = official.signature(signer_title="Người ký", signer="")
    writer.signature(row_number + 2, signature, first=4)
    return workbook


def _nominee_table(writer: SheetWriter, rows) -> int:
    """The table of the list from its header row, a section heading before each kind; ``rows``
    as ``nominee_rows`` gives them. Returns the last row written."""
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    heading = writer.style(font=Font(name=FONT, bold=True), alignment=center, border=box)
    writer.write(
        NOMINEE_HEADER_ROW,
        [writer.cell(title, heading, text=False) for title in NOMINEE_HEADERS],
        height=LINE_HEIGHT * max(wrapped_lines(t, w) for t, w in zip(NOMINEE_HEADERS, NOMINEE_WIDTHS, strict=True)) + 4,
    )
    body_font = Font(name=FONT)
    first_column = writer.style(font=body_font, alignment=center, border=box)
    other_columns = writer.style(font=body_font, alignment=Alignment(vertical="top", wrap_text=True), border=box)
    boxed = writer.style(border=box)  # the merged cells of a section's heading keep their border
    section_style = writer.style(
        font=font_of(official.Text("", bold=True)), alignment=Alignment(vertical="center"), border=box
    )
    columns = writer.columns([first_column, *[other_columns] * 5])
    row_number = NOMINEE_HEADER_ROW
    for section, values in table_rows(rows):
        if section is not None:
            row_number += 1
            writer.merge(min_row=row_number, min_col=1, max_row=row_number, max_col=6)
            cells = [writer.cell(section, section_style), *(writer.cell(None, boxed) for _ in range(5))]
            writer.write(row_number, cells, height=LINE_HEIGHT + 4)
        row_number += 1
        lines = max(wrapped_lines(v, w) for v, w in zip(values, NOMINEE_WIDTHS, strict=True))
        writer.write_values(row_number, columns, values, height=LINE_HEIGHT * lines + 4)  # never a formula
    return row_number
