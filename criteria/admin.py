"""The campaign set-up desk of the council secretary: campaign, areas, criteria, awards, council."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten
from django.db import models
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin

from campaigns.admin import points_column
from campaigns.models import Campaign, ReformArea
from common.admin_base import ProjectAdmin
from common.imports import ImportMessagesAdmin
from criteria.choices import seat_label
from criteria.forms import CAMPAIGN_FIELD_GROUPS, CampaignForm, CloneCampaignForm, CouncilMemberForm, CriterionFormSet
from criteria.models import AwardForm, CouncilMember, Criterion, DeclaredConflict
from criteria.resources import CriterionResource
from criteria.services import SCORING_FIELDS, clone_campaign, lock_reason


class LockableInline(ProjectAdmin):
    """An inline that becomes read-only once its part of the configuration is locked."""

    lock_part = "all"

    def _locked(self, obj) -> bool:
        return obj is not None and lock_reason(obj, part=self.lock_part) is not None

    def has_add_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_delete_permission(request, obj)

    def get_fields(self, request, obj=None):
        """Once locked, decimals are shown as every page shows numbers ("20,5"), by their columns."""
        fields = super().get_fields(request, obj)
        if not self._locked(obj):
            return fields

        def shown(name):
            return f"{name}_shown" if hasattr(self, f"{name}_shown") else name

        return [tuple(map(shown, f)) if isinstance(f, tuple) else shown(f) for f in fields]

    def get_readonly_fields(self, request, obj=None):
        if not self._locked(obj):
            return super().get_readonly_fields(request, obj)
        return flatten(self.get_fields(request, obj))


# The campaign page holds the whole set-up on one page: short text boxes keep it a page a person
# can scroll through (issue 14, item 24; a box grows when its text is long).
SHORT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 60})}}


class ReformAreaInline(LockableInline, admin.TabularInline):
    model = ReformArea
    extra = 0
    fields = ["order", "name", "description"]
    formfield_overrides = SHORT_TEXT


class CriterionInline(LockableInline, admin.StackedInline):
    model = Criterion
    formset = CriterionFormSet
    lock_part = "scoring"
    extra = 0
    fields = [("code", "order", "max_points"), "name", "guidance", "areas", ("for_collectives", "for_individuals")]
    max_points_shown = points_column(Criterion, "max_points")
    formfield_overrides = SHORT_TEXT

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "areas":
            from django import forms

            campaign_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = (
                ReformArea.objects.filter(campaign_id=campaign_id) if campaign_id else ReformArea.objects.none()
            )
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class AwardFormInline(LockableInline, admin.TabularInline):
    """Quotas and minimum scores decide who is nominated: frozen with the scoring settings."""

    model = AwardForm
    lock_part = "scoring"
    extra = 0
    fields = [
        "name",
        "kind",
        "recipient_kind",
        "deciding_level",
        "precedence",
        "min_score",
        "quota_count",
        "quota_percent",
        "requires_vote",
        "vote_threshold",
    ]
    min_score_shown = points_column(AwardForm, "min_score")
    quota_percent_shown = points_column(AwardForm, "quota_percent")
    vote_threshold_shown = points_column(AwardForm, "vote_threshold")
    classes = ["collapse"]  # folded until opened (open when a row has an error)


class CouncilMemberInline(LockableInline, admin.TabularInline):
    model = CouncilMember
    form = CouncilMemberForm
    extra = 0
    fields = ["person", "role"]
    autocomplete_fields = ["person"]
    classes = ["collapse"]


class CampaignSetupAdmin(ProjectAdmin, admin.ModelAdmin):
    """The campaign's set-up on one page: plan, dates, areas, criteria, award forms, council, clone.

    Not registered here: ``awards.admin.CampaignAdmin`` composes it with what the later apps add
    and registers the Campaign admin once.
    """

    form = CampaignForm
    inlines = [ReformAreaInline, CriterionInline, AwardFormInline, CouncilMemberInline]
    list_display = ["plan_number", "title", "opens_at", "closes_at", "state_label", "is_sample"]
    list_filter = ["status", "agency", "is_sample"]
    search_fields = ["plan_number", "title"]
    prepopulated_fields = {"slug": ["plan_number"]}
    actions = ["clone_selected"]
    # The plan's text and the scoring settings are folded; the name, dates and criteria stay open.
    fieldsets = [
        (title, {"fields": names, "classes": ["collapse"] if title else []})
        for title, names in CAMPAIGN_FIELD_GROUPS
        if names != ["opens_at", "closes_at"]
    ]
    fieldsets.insert(1, next((t, {"fields": n}) for t, n in CAMPAIGN_FIELD_GROUPS if n == ["opens_at", "closes_at"]))
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 80})}}

    @admin.display(description=_("tình trạng"))
    def state_label(self, campaign):
        from campaigns.enums import CampaignState

        return CampaignState(campaign.state).label

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        if lock_reason(obj, part="all"):
            return [f.name for f in Campaign._meta.fields if f.editable]
        if lock_reason(obj, part="scoring"):
            return list(SCORING_FIELDS)
        return []

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None and lock_reason(obj, part="all") else super().get_prepopulated_fields(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        campaign = self.get_object(request, object_id)
        if campaign is not None and request.method == "GET":
            reason = lock_reason(campaign, part="all") or lock_reason(campaign, part="scoring")
            if reason:
                messages.warning(request, reason)
        return super().change_view(request, object_id, form_url, extra_context)

    def _create_formsets(self, request, obj, change):
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        areas = next((fs for fs in formsets if fs.model is ReformArea), None)
        for formset in formsets:
            if isinstance(formset, CriterionFormSet):
                formset.area_formset = areas
        return formsets, inline_instances

    def get_urls(self):
        return [
            path(
                "<int:object_id>/nhan-ban/",
                self.admin_site.admin_view(self.clone_view),
                name="campaigns_campaign_clone",
            ),
            *super().get_urls(),
        ]

    @admin.action(description=_("Nhân bản phong trào đã chọn"))
    def clone_selected(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Chọn đúng một phong trào để nhân bản."), messages.ERROR)
            return None
        return HttpResponseRedirect(reverse("admin:campaigns_campaign_clone", args=[queryset.get().pk]))

    def clone_view(self, request, object_id):
        source = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_add_permission(request):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        form = CloneCampaignForm(request.POST or None, source=source)
        if request.method == "POST" and form.is_valid():
            clone = clone_campaign(source=source, **form.cleaned_data)
            self.message_user(
                request,
                _("Đã nhân bản thành %(plan)s. Kiểm tra lại rồi chuyển trạng thái sang “Đã phát động”.")
                % {"plan": clone.plan_number},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(reverse("admin:campaigns_campaign_change", args=[clone.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Nhân bản phong trào %(plan)s") % {"plan": source.plan_number},
            "source": source,
            "form": form,
        }
        return TemplateResponse(request, "admin/campaigns/campaign/clone.html", context)


@admin.register(Criterion)
class CriterionAdmin(ProjectAdmin, ImportMessagesAdmin, ImportExportModelAdmin):
    """Criteria of every campaign in one list, for the Excel import and export of rubrics."""

    resource_classes = [CriterionResource]
    list_display = ["code", "name", "max_points_shown", "campaign", "for_collectives", "for_individuals"]
    list_filter = ["campaign"]
    list_select_related = ["campaign"]
    search_fields = ["code", "name"]
    max_points_shown = points_column(Criterion, "max_points")

    def has_add_permission(self, request):
        return False  # criteria are added on the campaign page, where the whole set is checked

    def has_change_permission(self, request, obj=None):
        return False if obj is not None else super().has_change_permission(request, obj)


class DeclaredConflictInline(ProjectAdmin, admin.TabularInline):
    model = DeclaredConflict
    extra = 0
    fields = ["unit", "person", "reason"]
    autocomplete_fields = ["unit", "person"]


class CouncilMemberAdmin(ProjectAdmin, admin.ModelAdmin):
    """Council seats with the conflicts of interest each member declares.

    Not registered here: ``submissions.admin.council.CouncilSeatAdmin`` adds what a declared conflict does
    to assignments and registers the CouncilMember admin once.
    """

    form = CouncilMemberForm
    inlines = [DeclaredConflictInline]
    list_display = ["person", "role", "campaign"]
    list_filter = ["campaign", "role"]
    list_select_related = ["person", "campaign"]
    autocomplete_fields = ["person"]
    search_fields = ["person__full_name", "person__code", "campaign__plan_number"]
    choice_related = ("person__unit", "campaign")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "campaign")

    def choice_label(self, seat):
        return seat_label(seat, with_campaign=True)
