"""Front pages of the register: one's own awards across years, and a unit's history."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.views.generic import TemplateView

from campaigns.models import Unit
from campaigns.participants import Participant
from campaigns.queries import person_of
from honours.queries import awards_of, recognised_initiatives, unit_history, unit_recognised_initiatives


class MyHonoursView(LoginRequiredMixin, TemplateView):
    """ "Khen thưởng của tôi": the signed-in person's awards and recognised initiatives, every year."""

    template_name = "honours/my_honours.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = person_of(self.request.user)
        key = Participant.of(person_id=person.pk) if person else None
        context.update(
            person=person,
            awards=list(awards_of(key)) if key else [],
            initiatives=list(recognised_initiatives(key)) if key else [],
            headed_units=list(Unit.objects.filter(head__user=self.request.user).order_by("name", "pk")),
        )
        return context


class UnitHonoursView(LoginRequiredMixin, TemplateView):
    """A unit's history: its awards as a collective and those of its people; for its head, leaders
    and the secretary (anyone else: not found)."""

    template_name = "honours/unit_honours.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Unit codes are unique within an agency; one deployment serves one agency today.
        unit = Unit.objects.select_related("head", "agency").filter(code=kwargs["code"]).order_by("pk").first()
        if unit is None or not self.request.user.has_perm("honours.view_unit_honours", unit):
            raise Http404
        context.update(unit=unit, awards=list(unit_history(unit)), initiatives=list(unit_recognised_initiatives(unit)))
        return context
