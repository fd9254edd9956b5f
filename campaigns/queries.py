"""Reads for agencies, units and people."""

from django.core.cache import caches
from django.db.models import Exists, OuterRef

from campaigns.enums import CampaignStatus
from campaigns.models import Agency, Campaign, Person, Unit


def unit_ancestors(unit) -> list[Unit]:
    """The chain of parents of ``unit``, nearest first (one query per level; trees are shallow)."""
    chain = []
    current = unit.parent
    seen = {unit.pk}
    while current is not None and current.pk not in seen:
        chain.append(current)
        seen.add(current.pk)
        current = current.parent
    return chain


def unit_descendant_ids(unit) -> set[int]:
    """The ids of ``unit`` and every unit below it, from one query over the agency's units."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Unit.objects.filter(agency_id=unit.agency_id).values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found, stack = set(), [unit.pk]
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.add(current)
        stack.extend(children.get(current, []))
    return found


def person_of(user) -> Person | None:
    """The person record linked to a login account, with its unit, or None."""
    if not user.is_authenticated:
        return None
    return Person.objects.select_related("unit").filter(user=user).first()


def person_with_headed_units(user) -> Person | None:
    """``person_of`` with ``heads_units``: whether the person is linked as head of any unit, in the
    same query (the home page says why a unit head cannot submit for the unit otherwise)."""
    if not user.is_authenticated:
        return None
    return (
        Person.objects.select_related("unit")
        .annotate(heads_units=Exists(Unit.objects.filter(head=OuterRef("pk"))))
        .filter(user=user)
        .first()
    )


HOME_AGENCY_KEY = "campaigns:home-agency"
HOME_AGENCY_SECONDS = 24 * 60 * 60


def home_agency() -> Agency | None:
    """The agency the site serves (the first one), named in every page's title and footer.

    Every page reads it, so it is kept in the cache, with a copy in each process (``local``).
    Writing an agency forgets it (``campaigns.services.agency_changed``): the change shows at once
    in the process that made it and within a minute (the local copy's life) in the others.
    """
    return caches["local"].get_or_set(HOME_AGENCY_KEY, _first_agency, HOME_AGENCY_SECONDS)


def _first_agency() -> Agency | None:
    return Agency.objects.order_by("pk").first()


def visible_campaigns():
    """Campaigns every signed-in user may read: all but drafts."""
    return Campaign.objects.exclude(status=CampaignStatus.DRAFT).select_related("agency")
