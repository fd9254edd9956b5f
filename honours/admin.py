"""The secretary's register: search and filter every award, import earlier years from Excel
(a template, a preview, per-row errors), and record recognised initiatives."""

import tablib
from django.contrib import admin
from django.http import HttpResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin

from common.admin_base import ProjectAdmin
from common.excel import XLSX
from common.imports import ImportMessagesAdmin
from honours import services
from honours.enums import RegisterSource
from honours.forms import RecognitionAdminForm
from honours.models import RecognisedInitiative, RegisterEntry
from honours.resources import RegisterEntryResource

# The template's example rows: a person's title and a unit's form of commendation.
TEMPLATE_EXAMPLES = [
    ["mau-canbo1", "", 2021, "Lao động tiên tiến", "Danh hiệu thi đua", "Thủ trưởng cơ quan quyết định"],
    ["", "mau-phong-1", 2020, "Giấy khen", "Hình thức khen thưởng", "Thủ trưởng cơ quan quyết định"],
]


@admin.register(RegisterEntry)
class RegisterEntryAdmin(ProjectAdmin, ImportMessagesAdmin, ImportExportModelAdmin):
    resource_classes = [RegisterEntryResource]
    list_display = ["participant", "year", "title", "kind", "deciding_level", "decision", "source"]
    list_filter = ["year", "kind", "title", "deciding_level", "source"]
    list_select_related = ["person", "unit"]
    search_fields = ["person__full_name", "person__code", "unit__name", "unit__code", "title", "decision_number"]
    autocomplete_fields = ["person", "unit"]
    fields = [
        "person",
        "unit",
        "year",
        "title",
        "kind",
        "deciding_level",
        "decision_number",
        "decision_date",
        "authority",
        "note",
    ]
    import_template_name = "admin/honours/registerentry/import.html"

    @admin.display(description=_("cá nhân, tập thể"))
    def participant(self, entry):
        return entry.person or entry.unit

    @admin.display(description=_("quyết định"), ordering="decision_date")
    def decision(self, entry):
        return f"{entry.decision_number} ({entry.decision_date:%d/%m/%Y})"

    def get_readonly_fields(self, request, obj=None):
        # A row from an approved list is the decision's own record: read only.
        if obj is not None and obj.source == RegisterSource.CAMPAIGN:
            return self.fields
        return []

    def get_urls(self):
        template = path(
            "mau-nhap/",
            self.admin_site.admin_view(self.import_template_file),
            name="honours_registerentry_template",
        )
        return [template, *super().get_urls()]

    def import_template_file(self, request):
        """The Excel template for the import: the columns and two example rows."""
        if not self.has_import_permission(request):
            return HttpResponse(status=403)
        resource = RegisterEntryResource()
        headers = [field.column_name for field in resource.get_import_fields()]
        dataset = tablib.Dataset(headers=headers)
        for example in TEMPLATE_EXAMPLES:
            dataset.append([*example, "12/QĐ-BDT", "15/01/2021", "Trưởng ban", "Mẫu, xóa dòng này"])
        response = HttpResponse(XLSX().export_data(dataset), content_type=XLSX().get_content_type())
        response["Content-Disposition"] = 'attachment; filename="mau-so-khen-thuong.xlsx"'
        return response


@admin.register(RecognisedInitiative)
class RecognisedInitiativeAdmin(ProjectAdmin, admin.ModelAdmin):
    form = RecognitionAdminForm
    list_display = ["entry", "scope", "decision_number", "decision_date", "authority"]
    list_filter = ["scope"]
    list_select_related = ["entry"]
    search_fields = ["entry__code", "entry__title", "entry__person__full_name", "entry__unit__name", "decision_number"]
    autocomplete_fields = ["entry"]

    def get_readonly_fields(self, request, obj=None):
        return ["entry", "scope", "decision_number", "decision_date"] if obj is not None else []

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        data = form.cleaned_data
        saved = services.recognise_initiative(
            entry=data["entry"],
            by=request.user,
            scope=data["scope"],
            decision_number=data["decision_number"],
            decision_date=data["decision_date"],
            authority=data.get("authority") or "",
        )
        obj.pk = saved.pk
        obj.recognised_by = saved.recognised_by
