"""The secretary's registration desk: who registered and who did not, reminders, the Excel list,
and registration on someone's behalf."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Value
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from campaigns.forms import add_service_errors
from campaigns.models import Campaign
from common.admin_base import ProjectAdmin, RecordsAdmin
from registrations import services
from registrations.exports import registration_workbook
from registrations.forms import RegistrationAdminForm
from registrations.models import PersonRegistrant, Registration, UnitRegistrant
from registrations.permissions import may_remind
from registrations.queries import registrants

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def registration_campaigns():
    return Campaign.objects.filter(requires_registration=True).order_by("-registration_opens_at", "pk")


@admin.register(Registration)
class RegistrationAdmin(ProjectAdmin, admin.ModelAdmin):
    form = RegistrationAdminForm
    list_display = ["participant", "campaign", "forms", "commitments", "on_behalf", "outside_window", "registered_at"]
    list_filter = ["campaign", "on_behalf", "outside_window"]
    list_select_related = ["campaign", "person", "unit"]
    search_fields = ["person__full_name", "person__code", "unit__name", "commitments"]
    autocomplete_fields = ["person", "unit"]
    actions = ["export_list"]

    @admin.display(description=_("người đăng ký thi đua"))
    def participant(self, registration):
        return registration.person or registration.unit

    @admin.display(description=_("danh hiệu, hình thức"))
    def forms(self, registration):
        return "; ".join(form.name for form in registration.award_forms.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("award_forms")

    def get_readonly_fields(self, request, obj=None):
        return ["campaign", "person", "unit"] if obj is not None else []

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)

        class CheckedForm(form):
            def clean(self):
                cleaned = super().clean()
                campaign = obj.campaign if obj is not None else cleaned.get("campaign")
                participant = {"person": obj.person, "unit": obj.unit} if obj is not None else self.participant()
                if campaign is not None and not self.errors:
                    try:
                        services.check_registration(
                            campaign=campaign,
                            by=request.user,
                            award_forms=list(cleaned.get("award_forms") or []),
                            commitments=cleaned.get("commitments") or "",
                            on_behalf=True,
                            note=cleaned.get("note") or "",
                            **participant,
                        )
                    except ValidationError as exc:
                        add_service_errors(self, exc)
                return cleaned

        return CheckedForm

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        saved = services.register(
            campaign=obj.campaign,
            by=request.user,
            award_forms=list(data["award_forms"]),
            commitments=data["commitments"],
            on_behalf=True,
            note=data.get("note") or "",
            person=obj.person,
            unit=obj.unit,
        )
        obj.pk = saved.pk

    def save_related(self, request, form, formsets, change):
        pass  # the service set the award forms

    def has_delete_permission(self, request, obj=None):
        return False  # a registration is part of the record

    @admin.action(description=_("Xuất danh sách đăng ký ra Excel"), permissions=["view"])
    def export_list(self, request, queryset):
        campaigns = list(Campaign.objects.filter(registrations__in=queryset).distinct())
        if len(campaigns) != 1:
            self.message_user(request, _("Hãy chọn đăng ký của đúng một phong trào."), messages.ERROR)
            return None
        response = HttpResponse(registration_workbook(campaigns[0]), content_type=XLSX)
        response["Content-Disposition"] = 'attachment; filename="danh-sach-dang-ky-thi-dua.xlsx"'
        return response


def chosen_campaign(request):
    """The campaign the desk shows, named by slug in ``phong_trao``; the latest one by default."""
    campaigns = registration_campaigns()
    slug = request.GET.get(CampaignFilter.parameter_name)
    return campaigns.filter(slug=slug).first() if slug else campaigns.first()


class CampaignFilter(admin.SimpleListFilter):
    """Offers the campaigns that require registration; ``RegistrantAdmin.get_queryset`` applies it."""

    title = _("phong trào")
    parameter_name = "phong_trao"

    def lookups(self, request, model_admin):
        return [(c.slug, c.plan_number) for c in registration_campaigns()]

    def queryset(self, request, queryset):
        return queryset


class RegisteredFilter(admin.SimpleListFilter):
    title = _("tình hình đăng ký")
    parameter_name = "dang_ky"

    def lookups(self, request, model_admin):
        return [("co", _("Đã đăng ký")), ("chua", _("Chưa đăng ký"))]

    def queryset(self, request, queryset):
        if self.value() in ("co", "chua"):
            return queryset.filter(registered=self.value() == "co")
        return queryset


class RegistrantAdmin(ProjectAdmin, RecordsAdmin, admin.ModelAdmin):
    """People or units of the chosen campaign's agency, registered or not; read-only."""

    list_filter = [CampaignFilter, RegisteredFilter]
    actions = ["remind"]

    @admin.display(description=_("đã đăng ký"), boolean=True)
    def registered(self, participant):
        return participant.registered

    def get_queryset(self, request):
        """The chosen campaign's agency's people or units, each with ``registered``; none without a
        campaign that requires registration."""
        campaign = chosen_campaign(request)
        request.registration_campaign = campaign
        if campaign is None:
            return self.model.objects.none().annotate(registered=Value(False))
        return registrants(campaign, self.model)

    def has_remind_permission(self, request):
        return may_remind(request.user)

    @admin.action(description=_("Gửi thư nhắc những người đã chọn mà chưa đăng ký"), permissions=["remind"])
    def remind(self, request, queryset):
        campaign = getattr(request, "registration_campaign", None)
        if campaign is None:
            return
        missing = list(queryset.filter(registered=False))
        services.remind_unregistered(campaign=campaign, **{self.participants: missing})
        self.message_user(
            request, _("Đã xếp lịch gửi thư nhắc tới %(n)d người chưa đăng ký.") % {"n": len(missing)}, messages.SUCCESS
        )


@admin.register(PersonRegistrant)
class PersonRegistrantAdmin(RegistrantAdmin):
    participants = "people"
    list_display = ["full_name", "code", "position", "unit", "registered"]
    search_fields = ["full_name", "code"]


@admin.register(UnitRegistrant)
class UnitRegistrantAdmin(RegistrantAdmin):
    participants = "units"
    list_display = ["name", "code", "head", "registered"]
    search_fields = ["name", "code"]
