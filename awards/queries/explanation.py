"""Where a participant's number comes from: each entry's criterion x member points, their statistics
and history, as the explanation page shows them (DESIGN.md, "a drill-down that explains a rank")."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from statistics import median

from awards.queries.ranking import decimal
from campaigns.models import Campaign
from criteria.queries import campaign_criteria, criteria_applying
from submissions.aggregation import aggregate, complete_members, spread
from submissions.enums import EntryStatus
from submissions.models import Entry, Score, ScoreChange
from submissions.queries import entries_with_named_scores


@dataclass(frozen=True)
class Member:
    pk: int
    name: str


@dataclass(frozen=True)
class Cell:
    criterion_id: int
    member_id: int
    points: Decimal
    comment: str
    name: str


@dataclass(frozen=True)
class Change:
    changed_at: datetime
    member_name: str
    criterion_code: str
    old_points: Decimal | None
    new_points: Decimal | None  # None: the score was taken out of the result, ``note`` says why
    note: str = ""


@dataclass
class CriterionLine:
    criterion: object
    points: list  # one entry per member column: Decimal or None
    comments: list  # (member name, comment) pairs
    aggregate: Decimal | None
    mean: Decimal | None
    median: Decimal | None
    spread: Decimal | None


def explain_entries(campaign: Campaign, *, viewer, person_id=None, unit_id=None):
    """Every entry of one participant with its criterion x member points and their statistics.

    The members' names, points, comments and history are given only for the entries ``viewer``
    may read them of (``entries_with_named_scores``, DESIGN.md rule 3); of the others, only the
    statistics and the number of members (``named`` is False, ``members``, ``points``,
    ``comments`` and ``history`` are empty). Fixed number of queries: entries with results,
    criteria, scores, history, and what the viewer's right to names needs.
    """
    entries = list(
        Entry.objects.filter(campaign=campaign, person_id=person_id, unit_id=unit_id)
        .exclude(status__in=[EntryStatus.DRAFT, EntryStatus.WITHDRAWN])
        .select_related("area", "result")
        .order_by("-result__total", "submitted_at", "pk")
    )
    criteria = list(campaign_criteria(campaign))
    named = entries_with_named_scores(viewer, entries)
    scores_by_entry = _scores_by_entry(entries)
    history_by_entry = _history_by_entry([entry for entry in entries if entry.pk in named])
    return [
        _explain_entry(
            campaign,
            entry,
            criteria_applying(criteria, area_id=entry.area_id, kind=entry.participant_kind),
            scores_by_entry.get(entry.pk, []),
            named=entry.pk in named,
            history=history_by_entry.get(entry.pk, []),
        )
        for entry in entries
    ]


def _scores_by_entry(entries) -> dict:
    """Each entry's score cells, the members in name order (one query)."""
    scores_by_entry: dict = {}
    rows = (
        Score.objects.filter(entry__in=entries)
        .order_by("member__person__full_name", "member_id")
        .values_list("entry_id", "criterion_id", "member_id", "points", "comment", "member__person__full_name")
    )
    for entry_id, criterion_id, member_id, points, comment, name in rows:
        scores_by_entry.setdefault(entry_id, []).append(Cell(criterion_id, member_id, points, comment, name))
    return scores_by_entry


def _history_by_entry(entries) -> dict:
    """Each entry's score changes, oldest first (one query)."""
    history_by_entry: dict = {}
    changes = (
        ScoreChange.objects.filter(entry__in=entries)
        .order_by("changed_at", "pk")
        .values_list(
            "entry_id", "changed_at", "member__person__full_name", "criterion__code", "old_points", "new_points", "note"
        )
    )
    for entry_id, *change in changes:
        history_by_entry.setdefault(entry_id, []).append(Change(*change))
    return history_by_entry


def _explain_entry(campaign, entry, applicable, cells, *, named, history) -> dict:
    """One entry's lines: each criterion's aggregate as stored in the entry's result, the statistics
    of the complete members' points, and (when ``named``) every member's points and comments."""
    result = getattr(entry, "result", None)
    members = _members(cells)
    complete = _complete(members, cells, applicable)
    shown = members if named else []  # no name, point or comment leaves for the others
    stored = result.criterion_points if result is not None else {}
    lines = [
        _criterion_line(criterion, cells, complete, shown, stored.get(str(criterion.pk))) for criterion in applicable
    ]
    return {
        "entry": entry,
        "result": result,
        "named": named,
        "members": shown,
        "complete_members": complete,
        "lines": lines,
        "history": history,
    }


def _members(cells) -> list[Member]:
    """The members who scored the entry, in the order of the cells (by name)."""
    return list({cell.member_id: Member(cell.member_id, cell.name) for cell in cells}.values())


def _complete(members, cells, applicable) -> list[Member]:
    """The members who scored every applicable criterion: the only ones the result counts."""
    points_by_member = {member.pk: {} for member in members}
    for cell in cells:
        points_by_member[cell.member_id][cell.criterion_id] = cell.points
    complete_ids = set(complete_members(points_by_member, [criterion.pk for criterion in applicable]))
    return [member for member in members if member.pk in complete_ids]


def _criterion_line(criterion, cells, complete, shown, aggregated) -> CriterionLine:
    """One criterion's row: the shown members' points and comments, the stored aggregate, and the
    statistics of the complete members' points."""
    by_member = {cell.member_id: cell for cell in cells if cell.criterion_id == criterion.pk}
    values = [by_member[member.pk].points for member in complete if member.pk in by_member]
    return CriterionLine(
        criterion=criterion,
        points=[_points(by_member.get(member.pk)) for member in shown],
        comments=_comments(by_member, shown),
        aggregate=None if aggregated is None else Decimal(aggregated),
        **_statistics(values),
    )


def _points(cell: Cell | None) -> Decimal | None:
    return None if cell is None else cell.points


def _comments(by_member: dict, shown) -> list:
    """(member name, comment) for each shown member who left a comment on the criterion."""
    cells = [(member, by_member.get(member.pk)) for member in shown]
    return [(member.name, cell.comment) for member, cell in cells if cell is not None and cell.comment]


def _statistics(values: list) -> dict:
    """Mean, median and spread of the complete members' points; all None when nobody scored."""
    if not values:
        return {"mean": None, "median": None, "spread": None}
    return {"mean": aggregate(values, "mean"), "median": decimal(median(values)), "spread": spread(values)}
