"""The participant's registration page: a person for themselves, a unit head for their unit."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView

from campaigns.enums import ParticipantKind
from campaigns.forms import add_service_errors
from campaigns.models import Unit
from campaigns.queries import person_of, visible_campaigns
from registrations import services
from registrations.forms import RegistrationForm
from registrations.queries import registration_of


class RegistrationView(LoginRequiredMixin, FormView):
    """See and, while the window is open, change one's registration; ``code`` names a unit one heads."""

    form_class = RegistrationForm
    template_name = "registrations/registration_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.campaign = get_object_or_404(visible_campaigns().filter(requires_registration=True), slug=kwargs["slug"])
        if "code" in kwargs:
            units = Unit.objects.filter(agency_id=self.campaign.agency_id, head__user=request.user)
            self.person, self.unit = None, get_object_or_404(units, code=kwargs["code"])
        else:
            self.person, self.unit = person_of(request.user), None
            if self.person is None:
                raise Http404
        self.registration = registration_of(campaign=self.campaign, person=self.person, unit=self.unit)
        self.is_open = self.campaign.registration_open_at(timezone.now())
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kind = ParticipantKind.INDIVIDUAL if self.person is not None else ParticipantKind.COLLECTIVE
        return {**super().get_form_kwargs(), "campaign": self.campaign, "kind": kind}

    def get_initial(self):
        if self.registration is None:
            return {}
        return {"award_forms": list(self.registration.award_forms.all()), "commitments": self.registration.commitments}

    def form_valid(self, form):
        try:
            services.register(
                campaign=self.campaign,
                by=self.request.user,
                person=self.person,
                unit=self.unit,
                award_forms=list(form.cleaned_data["award_forms"]),
                commitments=form.cleaned_data["commitments"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã lưu đăng ký thi đua."))
        return redirect(self.request.path)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            campaign=self.campaign,
            participant=self.person or self.unit,
            registration=self.registration,
            is_open=self.is_open,
            window=services.window_text(self.campaign),
            headed_units=Unit.objects.filter(agency_id=self.campaign.agency_id, head__user=self.request.user),
        )
        return context
