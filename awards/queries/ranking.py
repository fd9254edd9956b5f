"""The ranking of participants (DESIGN.md rules 4-6), computed by the database in one statement.

Entry scores are kept current in ``submissions.EntryResult`` as scores are saved; this module
only ranks them: per participant the score by the campaign's rule (sum of the best K counted
entries, the best entry, or the mean), then ``RANK()`` over the score (and the best entry when
the campaign chose that merit tie-break), so participants still equal share a rank. Submission
time never decides a rank (DESIGN.md rule 6): equal ranks are only listed by name.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection

from campaigns.enums import ParticipantKind, ParticipantRule, TieBreak
from campaigns.models import Campaign, Person, Unit
from submissions.enums import EntryStatus
from submissions.models import Entry, EntryResult

PRECISION = Decimal("0.001")


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


def decimal(value) -> Decimal:
    return Decimal(str(value)).quantize(PRECISION, rounding=ROUND_HALF_UP)


def _score_expression(campaign: Campaign) -> str:
    if campaign.participant_rule == ParticipantRule.BEST:
        return "best"
    if campaign.participant_rule == ParticipantRule.MEAN:
        return "mean"
    return "best_k"


def _ranking_sql(
    campaign: Campaign,
    kind: str,
    *,
    area_id,
    unit_ids,
    columns: str,
    parts: dict | None = None,
    cut=None,
    named: bool = True,
):
    """The statement that ranks every ``kind`` participant, in rank order, and its parameters.

    ``cut`` is (offset, limit): the rows returned are cut after the ranks are taken, so ranks,
    tie flags and ``o.total`` are those of the whole ranking whatever the rows returned.

    ``columns`` is the select list over ``ordered o`` and the participant's names (``pp`` the
    person, ``pu`` the person's unit, ``u`` the unit, ``up`` its parent). ``parts`` adds
    aggregates over each participant's entries (name -> SQL over ``counted``: ``rn``, ``total``,
    ``area_id``, ``criterion_points``), carried along as ``o.<name>``. The page and the export
    read the same ranks from the same statement.

    Without ``named`` (and without ``cut``), no name is read: the rows come in rank order, peers
    by their ids.

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
    """
    names = f"""
        LEFT JOIN {person} pp ON pp.id = o.person_id
        LEFT JOIN {unit} pu ON pu.id = pp.unit_id
        LEFT JOIN {unit} u ON u.id = o.unit_id
        LEFT JOIN {unit} up ON up.id = u.parent_id
    """
    order_by = f"o.rank, {NAME}, o.person_id, o.unit_id"
    if not named:
        return f"{sql} SELECT {columns} FROM ordered o ORDER BY o.rank, o.person_id, o.unit_id", params
    if cut is None:
        return f"{sql} SELECT {columns} FROM ordered o {names} ORDER BY {order_by}", params
    # The page is cut by rank before any name is read: the rows at positions offset+1 … offset+limit
    # have ranks between the rank taken at the first position and at the last (a rank is the
    # position of the first of its peers, so ``lo - 1`` rows come before rank ``lo``). Only those
    # rows, whole tie groups at both ends, are joined to their names and put in name order; the
    # position of each is then known, and the page is cut from them. So names are read for the
    # rows shown, not for every participant (issue 16: the page's cost grows with the page).
    offset, limit = cut
    sql += f"""
        , bounds AS (
            SELECT MAX(CASE WHEN rank <= %s THEN rank END) AS lo, MAX(CASE WHEN rank <= %s THEN rank END) AS hi
            FROM ordered
        ), page AS (
            SELECT {columns}, ROW_NUMBER() OVER (ORDER BY {order_by}) + b.lo - 1 AS position
            FROM ordered o
            JOIN bounds b ON o.rank BETWEEN b.lo AND b.hi
            {names}
        )
        SELECT * FROM page WHERE position > %s ORDER BY position LIMIT %s
    """
    params.extend([offset + 1, offset + limit, offset, limit])
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
        columns=f"{STANDING}, o.total, COALESCE(pp.code, u.code), {NAME}, {UNIT_NAME}",
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
    rows = [_rank_row(row, code=row[11], name=row[12], unit_name=row[13]) for row in fetched]
    return rows, (fetched[0][10] if fetched else 0)


def standings(campaign: Campaign, kind: str, *, area_id=None, unit_ids=None) -> list[RankRow]:
    """Every ranked participant's rank, score and flags in rank order, without names (``code``,
    ``name`` and ``unit_name`` are empty): what the award allocation and the explanation of one
    rank need. One statement that reads no person or unit row."""
    sql, params = _ranking_sql(campaign, kind, area_id=area_id, unit_ids=unit_ids, columns=STANDING, named=False)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [_rank_row(row) for row in cursor.fetchall()]


STANDING = "o.rank, o.person_id, o.unit_id, o.score, o.best, o.counted_entries, o.complete_sheets, o.assigned_sheets, o.level, o.same"


def _rank_row(row, **names) -> RankRow:
    """A RankRow from the ``STANDING`` columns (and the names given)."""
    rank, person_id, unit_id, score, best, counted_entries, complete_sheets, assigned_sheets, level, same = row[:10]
    return RankRow(
        rank=rank,
        person_id=person_id,
        unit_id=unit_id,
        score=decimal(score),
        best=decimal(best),
        counted_entries=counted_entries,
        complete_sheets=complete_sheets,
        assigned_sheets=assigned_sheets,
        tied=same > 1,
        split=level > same,
        **names,
    )


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
