"""The secretary's view of entries and their history, and personal deadline extensions."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from campaigns.admin import RecordInline
from common.admin_base import ProjectAdmin
from registrations.queries import entry_unregistered
from submissions import services
from submissions.enums import EntryStatus
from submissions.models import Attachment, Entry, EntryEvent, PersonalDeadline
from submissions.queries import event_changes


class EntryAdminForm(forms.ModelForm):
    class Meta:
        model = Entry
        fields = ["area", "kind", "title", "summary", "description", "results", "applied_on", "coauthors"]

    def clean(self):
        cleaned = super().clean()
        entry = self.instance
        # The same deadline as on the staff form, checked here so the refusal shows on the form.
        try:
            services.ensure_accepting(campaign=entry.campaign, participant=entry.participant_key)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from None
        return cleaned


class AttachmentInline(RecordInline):
    model = Attachment
    fields = ["download", "size", "content_type", "sha256", "uploaded_at", "removed_at"]

    @admin.display(description=_("tệp"))
    def download(self, attachment):
        return format_html(
            '<a href="{}">{}</a>', reverse("attachment_download", args=[attachment.code]), attachment.original_name
        )


class EntryEventInline(RecordInline):
    model = EntryEvent
    fields = ["at", "actor", "action", "note", "changed"]

    @admin.display(description=_("thay đổi"))
    def changed(self, event):
        """The changed fields by their names, with the changed words struck out and written in."""
        return render_to_string("submissions/_event_changes.html", {"changes": event_changes(event)})


class UnregisteredFilter(admin.SimpleListFilter):
    """Entries whose participant did not register where the campaign requires it (issue 17, item 1)."""

    title = _("đăng ký thi đua")
    parameter_name = "dang_ky"

    def lookups(self, request, model_admin):
        return [("chua", _("Chưa đăng ký — cần Hội đồng quyết định"))]

    def queryset(self, request, queryset):
        return queryset.filter(unregistered=True) if self.value() == "chua" else queryset


class EntryAdmin(ProjectAdmin, admin.ModelAdmin):
    form = EntryAdminForm
    inlines = [AttachmentInline, EntryEventInline]
    list_display = ["code", "title", "participant", "campaign", "area", "status", "submitted_at", "registration"]
    list_filter = ["campaign", "status", "kind", "area", UnregisteredFilter]
    list_select_related = ["campaign", "area", "person", "unit"]
    search_fields = ["code", "title", "person__full_name", "unit__name"]
    readonly_fields = [
        "code",
        "campaign",
        "person",
        "unit",
        "status",
        "return_reason",
        "created_by",
        "submitted_at",
        "registration",
    ]
    autocomplete_fields = ["coauthors"]

    @admin.display(description=_("người dự thi"))
    def participant(self, entry):
        return entry.participant

    def has_add_permission(self, request):
        return False  # entries are written by their authors on the staff pages

    def has_delete_permission(self, request, obj=None):
        return False  # nothing submitted is ever deleted

    def save_model(self, request, obj, form, change):
        content = services.EntryContent(
            **{name: form.cleaned_data.get(name) for name in services.CONTENT_FIELDS},
            coauthors=list(form.cleaned_data.get("coauthors") or []),
            self_scores={},
        )
        services.update_entry(entry=obj, by=request.user, content=content, check_author=False)

    @admin.display(description=_("đăng ký thi đua"))
    def registration(self, entry):
        return _("Chưa đăng ký — cần Hội đồng quyết định") if entry.unregistered else ""

    def get_queryset(self, request):
        # Drafts belong to their authors until they are submitted.
        queryset = super().get_queryset(request).exclude(status=EntryStatus.DRAFT)
        return queryset.annotate(unregistered=entry_unregistered())

    def save_related(self, request, form, formsets, change):
        # Co-authors were saved by the service; the read-only inlines have nothing to save.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


class PersonalDeadlineAdminForm(forms.ModelForm):
    class Meta:
        model = PersonalDeadline
        fields = ["campaign", "person", "unit", "closes_at", "reason"]

    def clean(self):
        cleaned = super().clean()
        campaign, closes_at = cleaned.get("campaign"), cleaned.get("closes_at")
        if campaign and closes_at and closes_at <= campaign.closes_at:
            self.add_error("closes_at", _("Hạn mới phải sau hạn chung của phong trào."))
        return cleaned


class PersonalDeadlineAdmin(ProjectAdmin, admin.ModelAdmin):
    """Extensions are only ever added: each grant and its reason stay on record."""

    form = PersonalDeadlineAdminForm

    list_display = ["campaign", "person", "unit", "closes_at", "reason", "granted_by", "granted_at"]
    list_filter = ["campaign"]
    list_select_related = ["campaign", "person", "unit", "granted_by"]
    autocomplete_fields = ["person", "unit"]
    fields = ["campaign", "person", "unit", "closes_at", "reason"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        saved = services.grant_extension(
            campaign=obj.campaign,
            person=obj.person,
            unit=obj.unit,
            closes_at=obj.closes_at,
            reason=obj.reason,
            by=request.user,
        )
        obj.pk = saved.pk
