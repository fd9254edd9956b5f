"""The ranking's version, read from the data itself, and the cache keyed on it: a cached ranking is
never invalidated by hand, its key changes whenever anything it shows changes."""

import hashlib
from dataclasses import fields

from django.core.cache import cache
from django.db.models import CharField
from django.db.models.expressions import RawSQL

from awards.models import NomineeList
from awards.queries.ranking import RankRow, standings
from campaigns.models import Campaign, Person, Unit
from submissions.models import Entry, EntryResult

RANKING_CACHE_SECONDS = 3600  # versioned keys: a stale entry is never read, only left to expire


ROW_FIELDS = [f.name for f in fields(RankRow) if f.name != "nominated"]


def with_ranking_version(campaigns):
    """Campaigns carrying what ``ranking_version`` reads, as one text (``ranking_state``), so that a
    ranking page finds its campaign and the ranking's version in one query.

    Entry results are rewritten whenever a score is saved, entries whenever their status changes
    (a withdrawal), and a new nominee list changes the nominations shown: the newest of each,
    read through the indexes on (campaign, updated_at) and the campaign. The rows also show the
    names of units and people: every save of one sets its ``updated_at``, whatever the path
    (admin, import, shell, data migration), so the newest of those, read through their indexes,
    is part of the version too, and a renamed unit shows at once. Raw SQL because five
    ``Subquery`` expressions cost more to build in Python than the query they fold in.
    """
    campaign = f"{Campaign._meta.db_table}.{Campaign._meta.pk.column}"
    of_campaign = [(EntryResult, "updated_at"), (Entry, "updated_at"), (NomineeList, "id")]
    newest = [
        f"(SELECT MAX({column}) FROM {model._meta.db_table} WHERE campaign_id = {campaign})"
        for model, column in of_campaign
    ]
    newest += [f"(SELECT MAX(updated_at) FROM {model._meta.db_table})" for model in (Unit, Person)]
    newest = [f"COALESCE(CAST({value} AS TEXT), '')" for value in newest]
    return campaigns.annotate(ranking_state=RawSQL(" || '|' || ".join(newest), [], output_field=CharField()))


def ranking_version(campaign) -> str:
    """A value that changes whenever anything the ranking reads changes: the newest entry result,
    entry, nominee list, unit and person, and the rule settings (part of the campaign row). Read from a
    campaign loaded through ``with_ranking_version``, else with one indexed query."""
    state = getattr(campaign, "ranking_state", None)
    if state is None:
        state = with_ranking_version(Campaign.objects.filter(pk=campaign.pk)).values_list("ranking_state", flat=True)
        state = state.get()
    settings = f"{campaign.participant_rule}:{campaign.best_k}:{campaign.quorum}:{campaign.aggregation}"
    settings += f":{campaign.tie_break}"
    return f"{state}|{settings}"


def ranking_key(campaign, kind: str, *, area_id=None, unit_ids=None, version: str, extra: str = "") -> str:
    """A cache key for anything derived from one ranking at one version."""
    units = ",".join(map(str, sorted(unit_ids))) if unit_ids is not None else "*"
    return hashlib.sha256(f"{campaign.pk}|{kind}|{area_id}|{units}|{version}|{extra}".encode()).hexdigest()


def cached_standings(campaign, kind: str, *, version: str | None = None) -> list[RankRow]:
    """Every ranked participant of ``kind`` without names (``awards.queries.ranking.standings``),
    from the cache while nothing it reads has changed: what the explanation of a rank allocates
    the award forms on. Pages read only their rows (``ranking`` with a cut), never this list.
    """
    version = version or ranking_version(campaign)
    key = f"awards:standings:v1:{ranking_key(campaign, kind, version=version)}"
    packed = cache.get(key)
    if packed is None:
        rows = standings(campaign, kind)
        # Plain tuples: several times faster to store and read back than the dataclasses.
        packed = [tuple(getattr(row, name) for name in ROW_FIELDS) for row in rows]
        cache.set(key, packed, RANKING_CACHE_SECONDS)
        return rows
    return [RankRow(*values) for values in packed]
