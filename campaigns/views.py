from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils import timezone
from django.views.generic import TemplateView

from campaigns.permissions import roles_of
from campaigns.queries import person_of, visible_campaigns


class HomeView(LoginRequiredMixin, TemplateView):
    """Each user's own starting page: the campaigns, who they are and what their roles let them do."""

    template_name = "campaigns/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        campaigns = list(visible_campaigns()[:20])
        context["open_campaigns"] = [c for c in campaigns if c.is_open_at(now)]
        context["other_campaigns"] = [c for c in campaigns if not c.is_open_at(now)]
        context["person"] = person_of(self.request.user)
        context["roles"] = roles_of(self.request.user)
        return context
