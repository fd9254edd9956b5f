from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils import timezone
from django.views.generic import DetailView

from campaigns.permissions import on_council_side
from criteria.queries import campaign_with_configuration


class CampaignDetailView(LoginRequiredMixin, DetailView):
    """The campaign as its plan reads: purpose, reform areas, criteria, award forms, deadline."""

    template_name = "campaigns/campaign_detail.html"
    context_object_name = "campaign"

    def get_queryset(self):
        return campaign_with_configuration()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["now"] = timezone.now()
        context["can_see_ranking"] = on_council_side(self.request.user)
        return context
