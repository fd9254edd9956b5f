"""Excel workbooks streamed with openpyxl's write-only mode: memory stays flat as rows grow."""

import tempfile
from collections import defaultdict
from decimal import Decimal

from django.http import FileResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from campaigns.enums import ParticipantRule
from criteria.models import Criterion
from submissions.enums import EntryStatus
from submissions.models import EntryResult

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def text_cell(sheet, value, *, bold=False):
    """A cell that is always text: a value starting with "=" is shown, never run as a formula."""
    cell = WriteOnlyCell(sheet, value="" if value is None else str(value))
    cell.data_type = "s"
    if bold:
        cell.font = Font(bold=True)
    return cell


def number_cell(sheet, value):
    return WriteOnlyCell(sheet, value=float(value) if isinstance(value, Decimal) else value)


def workbook_response(workbook: Workbook, filename: str) -> FileResponse:
    """Save the workbook to a temporary file and stream it to the browser."""
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - FileResponse closes it when sent
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX)


def contributions(campaign, kind_filter: dict, area_id=None):
    """Per participant, how each reform area and criterion adds up to the participant's score.

    The entries that count (the best K, the best one, or all for the mean) are split by area and
    by criterion, so each row's area columns and criterion columns both sum to its score.
    """
    results = (
        EntryResult.objects.filter(campaign=campaign, counted=True, **kind_filter)
        .exclude(entry__status=EntryStatus.WITHDRAWN)
        .values_list("entry__person_id", "entry__unit_id", "entry__area_id", "total", "criterion_points")
        .order_by("entry__person_id", "entry__unit_id", "-total", "entry__submitted_at", "entry_id")
    )
    if area_id:
        results = results.filter(entry__area_id=area_id)
    grouped = defaultdict(list)
    for person_id, unit_id, entry_area, total, points in results.iterator(chunk_size=2000):
        grouped[(person_id, unit_id)].append((entry_area, total, points))
    by_participant = {}
    for key, entries in grouped.items():
        if campaign.participant_rule == ParticipantRule.BEST:
            used, divisor = entries[:1], 1
        elif campaign.participant_rule == ParticipantRule.MEAN:
            used, divisor = entries, len(entries)
        else:
            used, divisor = entries[: campaign.best_k], 1
        areas, criteria = defaultdict(Decimal), defaultdict(Decimal)
        for entry_area, total, points in used:
            areas[entry_area] += total / divisor
            for criterion_id, value in points.items():
                criteria[int(criterion_id)] += Decimal(value) / divisor
        by_participant[key] = (areas, criteria)
    return by_participant


def ranking_workbook(*, campaign, kind_label: str, rows, areas, kind_filter: dict, area_id=None) -> Workbook:
    criteria = list(Criterion.objects.filter(campaign=campaign).order_by("order", "code", "pk"))
    parts = contributions(campaign, kind_filter, area_id)
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
    for row in rows:
        participant = row.participant
        unit = participant.unit.name if row.person_id else (participant.parent.name if participant.parent_id else "")
        area_parts, criterion_parts = parts.get(row.key, ({}, {}))
        sheet.append(
            [
                number_cell(sheet, row.rank),
                text_cell(sheet, "đồng hạng" if row.tied else ""),
                text_cell(sheet, participant.full_name if row.person_id else participant.name),
                text_cell(sheet, unit),
                number_cell(sheet, row.counted_entries),
                number_cell(sheet, row.score),
                number_cell(sheet, row.best),
                text_cell(sheet, f"{row.complete_sheets}/{row.assigned_sheets}"),
                *[number_cell(sheet, round(area_parts.get(a.pk, Decimal(0)), 3)) for a in areas],
                *[number_cell(sheet, round(criterion_parts.get(c.pk, Decimal(0)), 3)) for c in criteria],
            ]
        )
    return workbook
