from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from campaigns.permissions import roles_of
from campaigns.queries import person_of


class HomeView(LoginRequiredMixin, TemplateView):
    """Each user's own starting page: who they are and what their roles let them do."""

    template_name = "campaigns/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["person"] = person_of(self.request.user)
        context["roles"] = roles_of(self.request.user)
        return context
