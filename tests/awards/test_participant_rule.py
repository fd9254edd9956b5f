"""The participant rule is written twice because the ranking must stay one SQL statement: the
statement scores participants (``awards.queries.ranking.ranking``), ``awards.rules.entries_in_score``
says which entries the explanation page marks as making the score. These tests hold them equal."""

from decimal import ROUND_HALF_UP, Decimal

import pytest

from awards.queries.ranking import ranking
from awards.rules import entries_in_score
from campaigns.enums import ParticipantKind, ParticipantRule
from submissions.models import EntryResult


def score_in_python(campaign, results, rule):
    counted = [(r.total, r.entry.submitted_at, r.entry.pk, r) for r in results if r.counted]
    used = [r.total for r in entries_in_score(counted, rule=rule, best_k=campaign.best_k)]
    if rule == ParticipantRule.BEST:
        return max(used)
    if rule == ParticipantRule.MEAN:
        return (sum(used, Decimal(0)) / len(used)).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    return sum(used, Decimal(0))


@pytest.mark.parametrize("rule", [ParticipantRule.BEST_K_SUM, ParticipantRule.BEST, ParticipantRule.MEAN])
def test_the_entries_marked_in_the_score_give_the_score_the_ranking_statement_gives(ranking_world, rule):
    w = ranking_world
    w.configure(participant_rule=rule, best_k=2)
    plans = {
        "Phòng Một": [90, 80, 70],  # more entries than K
        "Phòng Hai": [85],  # fewer than K
        "Phòng Ba": [Decimal("66.5"), Decimal("66.5"), 70, Decimal("40.5")],  # equal totals at the cut
    }
    units = {}
    for name, totals in plans.items():
        units[name] = w.unit(name)
        for day, total in enumerate(totals, start=1):
            w.entry(units[name], total, submitted_at=w.moment(11, 10 - day))
    w.entry(units["Phòng Hai"], 99, scored_by=1)  # below the quorum: in neither score

    rows, _total = ranking(w.campaign, ParticipantKind.COLLECTIVE)

    in_sql = {row.key[1]: row.score for row in rows}
    in_python = {
        unit.pk: score_in_python(
            w.campaign, list(EntryResult.objects.filter(entry__unit=unit).select_related("entry")), rule
        )
        for unit in units.values()
    }
    assert in_sql == in_python
