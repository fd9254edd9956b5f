"""The award rules (DESIGN.md rule 8), as a pure function of a ranking and the award forms.

For each recipient kind, forms are filled in order of precedence: a participant qualifies with a
score at or above the form's minimum, takes at most one form, and the quota (a count and/or a
percentage of the ranked participants, the smaller when both) cuts by rank. Participants who
share the rank of the last one inside a cut are all kept and flagged for the council: nobody
tied is cut silently. The same ranking always gives the same allocation.
"""

import math
from dataclasses import dataclass, field
from decimal import Decimal

from campaigns.enums import ParticipantRule


@dataclass
class FormOutcome:
    form: object
    quota: int | None  # None: no quota
    rows: list = field(default_factory=list)  # the ranking rows given this form, in rank order
    line: Decimal | None = None  # the score of the last row inside the quota, when the quota bites
    tie_keys: set = field(default_factory=set)  # rows kept although they tie across the cut
    # Participants at or above the minimum whom a percentage floored to no place leaves out
    # ("30 % of 3 participants" is 0.9, floored to 0): said on the explanation page, never silent.
    floored_away: int = 0


def percent_places(form, ranked_count: int) -> int | None:
    """The places a form's percentage gives, floored: 30 % of 3 participants is 0."""
    if form.quota_percent is None:
        return None
    return math.floor(Decimal(ranked_count) * form.quota_percent / 100)


def quota_of(form, ranked_count: int) -> int | None:
    limits = [limit for limit in (form.quota_count, percent_places(form, ranked_count)) if limit is not None]
    return min(limits) if limits else None


def allocate(rows: list, forms: list) -> list[FormOutcome]:
    """Give each ranked row at most one form; ``rows`` in rank order, ``forms`` of one kind."""
    outcomes, taken = [], set()
    for form in sorted(forms, key=lambda f: (f.precedence, f.pk)):
        quota = quota_of(form, len(rows))
        eligible = [r for r in rows if r.key not in taken and r.score >= form.min_score]
        outcome = FormOutcome(form=form, quota=quota)
        if percent_places(form, len(rows)) == 0:
            outcome.floored_away = len(eligible)
        if quota is None or len(eligible) <= quota:
            outcome.rows = eligible
        else:
            inside = eligible[:quota]
            if inside:
                boundary = inside[-1].rank
                tied = [r for r in eligible[quota:] if r.rank == boundary]
                if tied:
                    outcome.tie_keys = {r.key for r in inside + tied if r.rank == boundary}
                outcome.rows = inside + tied
                outcome.line = inside[-1].score
        taken.update(r.key for r in outcome.rows)
        outcomes.append(outcome)
    return outcomes


def nominated_forms(outcomes: list[FormOutcome]) -> dict:
    """Participant key -> (form, flagged) from an allocation."""
    return {row.key: (o.form, row.key in o.tie_keys) for o in outcomes for row in o.rows}


def entries_in_score(counted: list, *, rule: str, best_k: int) -> list:
    """Of one participant's counted entries, those its score is made of under the campaign's rule.

    ``counted`` holds ``(total, submitted_at, pk, entry)`` per counted entry; the entries come
    back best first. This is the Python twin of the ranking statement (``awards.queries.ranking._ranking_sql``:
    ``ROW_NUMBER()`` by total desc, submission, id, then ``best``, ``mean`` or ``best_k``), which
    must stay one SQL statement; ``tests/awards/test_participant_rule.py`` holds the two equal.
    """
    ordered = [c[3] for c in sorted(counted, key=lambda c: (-c[0], c[1], c[2]))]
    if rule == ParticipantRule.BEST:
        return ordered[:1]
    if rule == ParticipantRule.MEAN:
        return ordered
    return ordered[:best_k]
