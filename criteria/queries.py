"""Reads of a campaign's configuration."""

from django.db.models import Prefetch

from campaigns.models import ReformArea
from campaigns.queries import visible_campaigns
from criteria.models import AwardForm, Criterion


def campaign_with_configuration():
    """Visible campaigns with their areas, criteria (and the areas each applies to) and award forms."""
    return visible_campaigns().prefetch_related(
        Prefetch("areas", queryset=ReformArea.objects.order_by("order", "pk")),
        Prefetch("criteria", queryset=Criterion.objects.order_by("order", "code", "pk").prefetch_related("areas")),
        Prefetch("award_forms", queryset=AwardForm.objects.order_by("recipient_kind", "precedence", "pk")),
    )


def campaign_criteria(campaign):
    """The campaign's criteria in the plan's order, each with the areas it applies to."""
    return campaign.criteria.prefetch_related("areas").order_by("order", "code", "pk")


def criteria_applying(criteria, *, area_id, kind) -> list:
    """Those of ``criteria`` (areas prefetched) that apply to an entry of this area and participant kind."""
    return [criterion for criterion in criteria if criterion.applies_to(area_id=area_id, kind=kind)]


def applicable_criteria(*, campaign, area, kind) -> list:
    """The criteria that apply to an entry of this area and participant kind, in order (two queries)."""
    return criteria_applying(campaign_criteria(campaign), area_id=area.pk if area is not None else None, kind=kind)
