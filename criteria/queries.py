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
