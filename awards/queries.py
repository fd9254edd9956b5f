"""The ranking of participants (DESIGN.md rules 4-6), computed by the database in one statement.

Entry scores are kept current in ``submissions.EntryResult`` as scores are saved; this module
only ranks them: per participant the score by the campaign's rule (sum of the best K counted
entries, the best entry, or the mean), then ``RANK()`` over the score (and the best entry when
the campaign chose that merit tie-break), so participants still equal share a rank. Submission
time never decides a rank (DESIGN.md rule 6): equal ranks are only listed by name.
"""

import hashlib
from dataclasses import dataclass, fields
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

from django.core.cache import cache
from django.db import connection
from django.db.models import CharField, Count, Q, Subquery
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _

from awards.enums import ListStatus, TieDecision
from awards.models import Comment, Nominee, NomineeList
from awards.permissions import PUBLIC_STATUSES, sees_draft_lists
from campaigns.enums import ParticipantKind, ParticipantRule, TieBreak
from campaigns.models import Campaign, Person, Unit
from campaigns.queries import directory_version
from criteria.queries import campaign_criteria, criteria_applying
from submissions.aggregation import aggregate, complete_members, spread
from submissions.enums import EntryStatus
from submissions.models import Entry, EntryResult, Score, ScoreChange
from submissions.queries import entries_with_named_scores

PRECISION = Decimal("0.001")
RANKING_CACHE_SECONDS = 3600  # versioned keys: a stale entry is never read, only left to expire


@dataclass
class RankRow:
    rank: int
    person_id: int | None
    unit_id: int | None
    score: Decimal
    best: Decimal
    counted_entries: int
    complete_sheets: int
    assigned_sheets: int
    tied: bool = False  # shares its rank ("đồng hạng")
    split: bool = False  # equal score with someone, told apart by the campaign's merit tie-break
    code: str = ""  # the person's or unit's code, for links
    name: str = ""  # the person's full name or the unit's name
    unit_name: str = ""  # the person's unit, or the unit's parent
    nominated: str = ""

    @property
    def key(self) -> tuple:
        return (self.person_id, self.unit_id)


def _decimal(value) -> Decimal:
    return Decimal(str(value)).quantize(PRECISION, rounding=ROUND_HALF_UP)


def _score_expression(campaign: Campaign) -> str:
    if campaign.participant_rule == ParticipantRule.BEST:
        return "best"
    if campaign.participant_rule == ParticipantRule.MEAN:
        return "mean"
    return "best_k"


def _ranking_sql(
    campaign: Campaign, kind: str, *, area_id, unit_ids, columns: str, parts: dict | None = None, cut=None
):
    """The statement that ranks every ``kind`` participant, in rank order, and its parameters.

    ``cut`` is (offset, limit): the rows returned are cut after the ranks are taken, so ranks,
    tie flags and ``o.total`` are those of the whole ranking whatever the rows returned.

    ``columns`` is the select list over ``ordered o`` and the participant's names (``pp`` the
    person, ``pu`` the person's unit, ``u`` the unit, ``up`` its parent). ``parts`` adds
    aggregates over each participant's entries (name -> SQL over ``counted``: ``rn``, ``total``,
    ``area_id``, ``criterion_points``), carried along as ``o.<name>``. The page and the export
    read the same ranks from the same statement.

    ``o.same`` counts the participants sharing the row's rank, ``o.level`` those with its score:
    more on the score than on the rank means the merit tie-break told them apart.
    """
    entry, result, person = Entry._meta.db_table, EntryResult._meta.db_table, Person._meta.db_table
    where = ["r.campaign_id = %s", "r.counted", "e.status <> %s"]
    params: list = [campaign.pk, EntryStatus.WITHDRAWN]
    where.append("e.person_id IS NOT NULL" if kind == ParticipantKind.INDIVIDUAL else "e.unit_id IS NOT NULL")
    if area_id:
        where.append("e.area_id = %s")
        params.append(area_id)
    if unit_ids is not None:
        ids = sorted(unit_ids) or [0]
        where.append(f"COALESCE(e.unit_id, p.unit_id) IN ({', '.join(['%s'] * len(ids))})")
        params.extend(ids)
    params.append(campaign.best_k)
    parts = parts or {}
    aggregates = "".join(f", {expression} AS {name}" for name, expression in parts.items())
    carried = "".join(f", {name}" for name in parts)
    unit = Unit._meta.db_table
    if campaign.tie_break == TieBreak.BEST_ENTRY:
        order, level = "score DESC, best DESC", "COUNT(*) OVER level - RANK() OVER level + 1"
    else:
        order, level = "score DESC", "COUNT(*) OVER placed - RANK() OVER placed + 1"
    sql = f"""
        WITH counted AS (
            SELECT r.total, r.complete_members, r.assigned_members, e.person_id, e.unit_id,
                   {"e.area_id, r.criterion_points," if parts else ""}
                   ROW_NUMBER() OVER (
                       PARTITION BY e.person_id, e.unit_id ORDER BY r.total DESC, e.submitted_at, e.id
                   ) AS rn
            FROM {result} r
            JOIN {entry} e ON e.id = r.entry_id
            LEFT JOIN {person} p ON p.id = e.person_id
            WHERE {" AND ".join(where)}
        ), scored AS (
            SELECT person_id, unit_id,
                   ROUND(SUM(CASE WHEN rn <= %s THEN total ELSE 0 END), 3) AS best_k,
                   ROUND(MAX(total), 3) AS best,
                   ROUND(AVG(total), 3) AS mean,
                   COUNT(*) AS counted_entries,
                   SUM(complete_members) AS complete_sheets,
                   SUM(assigned_members) AS assigned_sheets{aggregates}
            FROM counted GROUP BY person_id, unit_id
        ), ranked AS (
            SELECT person_id, unit_id, {_score_expression(campaign)} AS score, best, counted_entries,
                   complete_sheets, assigned_sheets{carried}
            FROM scored
        ), ordered AS (
            SELECT RANK() OVER placed AS rank,
                   person_id, unit_id, score, best, counted_entries, complete_sheets, assigned_sheets,
                   -- the rows up to this one's last peer, less those before its first: its peers
                   COUNT(*) OVER placed - RANK() OVER placed + 1 AS same,
                   {level} AS level,
                   COUNT(*) OVER () AS total{carried}
            FROM ranked
            WINDOW placed AS (ORDER BY {order}), level AS (ORDER BY score DESC)
        )
        SELECT {columns}
        FROM ordered o
        LEFT JOIN {person} pp ON pp.id = o.person_id
        LEFT JOIN {unit} pu ON pu.id = pp.unit_id
        LEFT JOIN {unit} u ON u.id = o.unit_id
        LEFT JOIN {unit} up ON up.id = u.parent_id
        ORDER BY o.rank, {NAME}, o.person_id, o.unit_id
    """
    if cut is not None:
        sql += " LIMIT %s OFFSET %s"
        params.extend([cut[1], cut[0]])
    return sql, params


NAME, UNIT_NAME = "COALESCE(pp.full_name, u.name)", "COALESCE(pu.name, up.name, '')"


def ranking(
    campaign: Campaign, kind: str, *, area_id=None, unit_ids=None, offset: int = 0, limit: int | None = None
) -> tuple[list[RankRow], int]:
    """The ranking of ``kind`` participants, and how many participants are ranked.

    ``area_id`` ranks on the entries of one reform area only; ``unit_ids`` keeps participants
    of those units. With ``limit``, only the rows ``offset`` … ``offset + limit - 1`` of the ranking
    come back: the database ranks everyone and cuts, so a page's cost in Python grows with the
    page, not with the participants. One statement whatever the number of participants (two
    for a page past the last one, which has no row to carry the count); each row carries the
    participant's code, name and unit for display.
    """
    cut = None if limit is None else (offset, limit)
    page, params = _ranking_sql(
        campaign,
        kind,
        area_id=area_id,
        unit_ids=unit_ids,
        columns="o.rank, o.person_id, o.unit_id, o.score, o.best, o.counted_entries, o.complete_sheets, "
        f"o.assigned_sheets, o.level, o.same, o.total, COALESCE(pp.code, u.code), {NAME}, {UNIT_NAME}",
        cut=cut,
    )
    with connection.cursor() as cursor:
        cursor.execute(page, params)
        fetched = cursor.fetchall()
        if not fetched and cut is not None and offset > 0:  # past the last row: count them alone
            count, params = _ranking_sql(
                campaign, kind, area_id=area_id, unit_ids=unit_ids, columns="o.total", cut=(0, 1)
            )
            cursor.execute(count, params)
            fetched_count = cursor.fetchone()
            return [], (fetched_count[0] if fetched_count else 0)
    rows = [
        RankRow(
            rank=row[0],
            person_id=row[1],
            unit_id=row[2],
            score=_decimal(row[3]),
            best=_decimal(row[4]),
            counted_entries=row[5],
            complete_sheets=row[6],
            assigned_sheets=row[7],
            tied=row[9] > 1,
            split=row[8] > row[9],
            code=row[11],
            name=row[12],
            unit_name=row[13],
        )
        for row in fetched
    ]
    return rows, (fetched[0][10] if fetched else 0)


EXPORT_CHUNK = 2000  # rows fetched from the server-side cursor at a time


def _json_number(column: str, key: int) -> str:
    """SQL for the number stored as text under the integer ``key`` of a JSON column."""
    if connection.vendor == "postgresql":
        return f"CAST({column} ->> '{int(key)}' AS NUMERIC)"
    return f"""CAST(json_extract({column}, '$."{int(key)}"') AS NUMERIC)"""


def ranking_with_parts(campaign: Campaign, kind: str, *, area_ids, criterion_ids, area_id=None, unit_ids=None):
    """The whole ranking for the export, streamed in rank order from a server-side cursor.

    Each row: rank, tied (bool), split by the tie-break (bool), person id, unit id, name, unit
    name, counted entries, score, best entry, complete and assigned sheets, then the part of the
    score from each area of ``area_ids`` and each criterion of ``criterion_ids``: the entries that
    count under the campaign's rule (the best K, the best one, or all of them for the mean, each
    then weighing 1/n), summed by the database and rounded to three decimals; None where no
    counted entry falls in that area or is judged on that criterion. Numbers come as floats,
    ready for a spreadsheet; memory stays flat.
    """
    rule = campaign.participant_rule
    used = {ParticipantRule.BEST: "rn = 1", ParticipantRule.MEAN: "1 = 1"}.get(rule, f"rn <= {int(campaign.best_k)}")
    share = " * 1.0 / COUNT(*)" if rule == ParticipantRule.MEAN else ""  # 1.0: no integer division on SQLite
    sums = {f"a{i}": ("total", f"{used} AND area_id = {int(pk)}") for i, pk in enumerate(area_ids)}
    sums |= {f"c{i}": (_json_number("criterion_points", pk), used) for i, pk in enumerate(criterion_ids)}
    parts = {name: f"ROUND(SUM({value}) FILTER (WHERE {which}){share}, 3)" for name, (value, which) in sums.items()}
    as_float = "CAST({} AS DOUBLE PRECISION)".format
    sql, params = _ranking_sql(
        campaign,
        kind,
        area_id=area_id,
        unit_ids=unit_ids,
        parts=parts,
        columns=", ".join(
            [
                "o.rank",
                "o.same > 1",
                "o.level > o.same",
                "o.person_id",
                "o.unit_id",
                NAME,
                UNIT_NAME,
                "o.counted_entries",
                as_float("o.score"),
                as_float("o.best"),
                "o.complete_sheets",
                "o.assigned_sheets",
                *(as_float(f"o.{name}") for name in parts),
            ]
        ),
    )
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(EXPORT_CHUNK):
            yield from chunk


# --- Explaining a rank -------------------------------------------------------------------


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
    members = list({s.member_id: Member(s.member_id, s.name) for s in cells}.values())
    points_by_member = {m.pk: {s.criterion_id: s.points for s in cells if s.member_id == m.pk} for m in members}
    complete_ids = set(complete_members(points_by_member, [c.pk for c in applicable]))
    complete = [m for m in members if m.pk in complete_ids]
    shown = members if named else []  # no name, point or comment leaves for the others
    stored = result.criterion_points if result is not None else {}
    lines = []
    for criterion in applicable:
        cell = {s.member_id: s for s in cells if s.criterion_id == criterion.pk}
        values = [cell[m.pk].points for m in complete if m.pk in cell]
        aggregated = stored.get(str(criterion.pk))
        lines.append(
            CriterionLine(
                criterion=criterion,
                points=[cell[m.pk].points if m.pk in cell else None for m in shown],
                comments=[(m.name, cell[m.pk].comment) for m in shown if m.pk in cell and cell[m.pk].comment],
                aggregate=Decimal(aggregated) if aggregated is not None else None,
                mean=aggregate(values, "mean") if values else None,
                median=_decimal(median(values)) if values else None,
                spread=spread(values) if values else None,
            )
        )
    return {
        "entry": entry,
        "result": result,
        "named": named,
        "members": shown,
        "complete_members": complete,
        "lines": lines,
        "history": history,
    }


# --- Nominee lists -------------------------------------------------------------------------


def lists_visible_to(user, campaign):
    """Versions of the campaign's list the user may read: all for the council side, posted ones for staff."""
    lists = NomineeList.objects.filter(campaign=campaign).order_by("-version")
    return lists if sees_draft_lists(user) else lists.filter(status__in=PUBLIC_STATUSES)


def lists_open_for_comment(moment):
    """Posted lists whose comment period has not ended at ``moment``: every signed-in user may comment."""
    return (
        NomineeList.objects.filter(status=ListStatus.PUBLISHED, posting_ends_at__gt=moment)
        .select_related("campaign")
        .order_by("posting_ends_at", "pk")
    )


def nominees_of(nominee_list):
    return nominee_list.nominees.select_related("person__unit", "unit__parent", "award_form").order_by("position")


NOMINEE_ROW = (
    "kind",
    "person_id",
    "person__full_name",
    "person__position",
    "person__unit__name",
    "unit__name",
    "unit__parent__name",
    "award_form__name",
    "summary",
    "tie_flag",
    "decision",
    "decision_reason",
)


def nominee_rows(nominee_list):
    """The list's rows in list order as tuples of NOMINEE_ROW, streamed from the database
    ``EXPORT_CHUNK`` at a time (one query): what the Excel list prints, without building models."""
    rows = nominee_list.nominees.order_by("position").values_list(*NOMINEE_ROW)
    return rows.iterator(chunk_size=EXPORT_CHUNK)


def comment_thread(nominee_list):
    """The list's comments with those made on its earlier versions (the thread follows the list),
    oldest first; each carries the version it was made on (``comment.nominee_list.version``)."""
    return (
        Comment.objects.filter(
            nominee_list__campaign_id=nominee_list.campaign_id, nominee_list__version__lte=nominee_list.version
        )
        .select_related("author", "answered_by", "nominee", "nominee_list")
        .order_by("created_at", "pk")
    )


def kind_counts(nominee_list) -> dict:
    """How many collectives and individuals the list names: {kind: count}, one query."""
    rows = nominee_list.nominees.order_by().values_list("kind").annotate(n=Count("pk"))
    return dict(rows)


def nomination_text(form_name: str, tie_flag: bool, decision: str) -> str:
    """The award form as the ranking shows it, saying when a tie at the line awaits the council."""
    if not tie_flag:
        return form_name
    if not decision:
        return _("%(form)s (đồng hạng tại ngưỡng, chờ Hội đồng quyết định)") % {"form": form_name}
    return _("%(form)s (đồng hạng tại ngưỡng, Hội đồng: %(decision)s)") % {
        "form": form_name,
        "decision": TieDecision(decision).label,
    }


def latest_nominations(campaign, rows=None) -> dict:
    """Participant key -> the award form from the newest list, as text, for the rows shown, or for
    every participant (one query) when ``rows`` is None."""
    newest = campaign.nominee_lists.order_by("-version").values("pk")[:1]
    if rows is None:
        nominees = Nominee.objects.filter(nominee_list_id=Subquery(newest))
    else:
        newest = newest.values_list("pk", flat=True).first()
        if newest is None or not rows:
            return {}
        nominees = Nominee.objects.filter(nominee_list_id=newest).filter(
            Q(person_id__in=[r.person_id for r in rows if r.person_id])
            | Q(unit_id__in=[r.unit_id for r in rows if r.unit_id])
        )
    values = nominees.values_list("person_id", "unit_id", "award_form__name", "tie_flag", "decision")
    return {(p, u): nomination_text(name, flag, decision) for p, u, name, flag, decision in values}


# --- Cached ranking --------------------------------------------------------------------------


ROW_FIELDS = [f.name for f in fields(RankRow) if f.name != "nominated"]


def with_ranking_version(campaigns):
    """Campaigns carrying what ``ranking_version`` reads, as one text (``ranking_state``), so that a
    ranking page finds its campaign and the ranking's version in one query.

    Entry results are rewritten whenever a score is saved, entries whenever their status changes
    (a withdrawal), and a new nominee list changes the nominations shown: the newest of each,
    read through the indexes on (campaign, updated_at) and the campaign. Raw SQL because three
    ``Subquery`` expressions cost more to build in Python than the query they fold in.
    """
    campaign = f"{Campaign._meta.db_table}.{Campaign._meta.pk.column}"
    newest = [
        f"COALESCE(CAST((SELECT MAX({column}) FROM {model._meta.db_table} WHERE campaign_id = {campaign}) AS TEXT), '')"
        for model, column in [(EntryResult, "updated_at"), (Entry, "updated_at"), (NomineeList, "id")]
    ]
    return campaigns.annotate(ranking_state=RawSQL(" || '|' || ".join(newest), [], output_field=CharField()))


def ranking_version(campaign) -> str:
    """A value that changes whenever anything the ranking reads changes: the newest entry result,
    entry and nominee list, and the rule settings (part of the campaign row). Read from a
    campaign loaded through ``with_ranking_version``, else with one indexed query."""
    state = getattr(campaign, "ranking_state", None)
    if state is None:
        state = with_ranking_version(Campaign.objects.filter(pk=campaign.pk)).values_list("ranking_state", flat=True)
        state = state.get()
    settings = f"{campaign.participant_rule}:{campaign.best_k}:{campaign.quorum}:{campaign.aggregation}"
    settings += f":{campaign.tie_break}"
    return f"{state}|{settings}|{directory_version()}"  # names of units and people are in the rows


def ranking_key(campaign, kind: str, *, area_id=None, unit_ids=None, version: str, extra: str = "") -> str:
    """A cache key for anything derived from one ranking at one version."""
    units = ",".join(map(str, sorted(unit_ids))) if unit_ids is not None else "*"
    return hashlib.sha256(f"{campaign.pk}|{kind}|{area_id}|{units}|{version}|{extra}".encode()).hexdigest()


def cached_ranking(campaign, kind: str, *, area_id=None, unit_ids=None, version: str | None = None) -> list[RankRow]:
    """The whole ranking of ``kind``, from the cache while nothing it reads has changed.

    Pages, the explanation and the export all slice this list, so a busy ranking page costs one
    small query and a cache read instead of ranking every participant again.
    """
    version = version or ranking_version(campaign)
    digest = ranking_key(campaign, kind, area_id=area_id, unit_ids=unit_ids, version=version)
    key = f"awards:ranking:v3:{digest}"  # v3: tuples with the tie-break flag, no submission time
    packed = cache.get(key)
    if packed is None:
        rows, _total = ranking(campaign, kind, area_id=area_id, unit_ids=unit_ids)
        # Plain tuples: several times faster to store and read back than the dataclasses.
        packed = [tuple(getattr(row, name) for name in ROW_FIELDS) for row in rows]
        cache.set(key, packed, RANKING_CACHE_SECONDS)
        return rows
    return [RankRow(*values) for values in packed]
