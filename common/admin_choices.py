"""One label for a record wherever the admin offers it as a choice (issue 14, items 3 and 7).

A ModelAdmin declares ``choice_label(obj)`` and the relations it reads (``choice_related``); then
every select, multiple select and autocomplete that picks that model, in any admin, shows the label
(the selected option as well as the search results), read in one query.
"""

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.forms import ModelChoiceField


class LabelledChoicesAdmin:
    """Mixin for every ModelAdmin and inline (through ``common.admin_base.ProjectAdmin``)."""

    choice_related: tuple = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(formfield, ModelChoiceField) and db_field.related_model is not None:
            target = self.admin_site._registry.get(db_field.related_model)
            label = getattr(target, "choice_label", None)
            if label is not None:
                formfield.label_from_instance = label
                if target.choice_related and formfield.queryset is not None:
                    formfield.queryset = formfield.queryset.select_related(*target.choice_related)
        return formfield

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if self.choice_related:
            queryset = queryset.select_related(*self.choice_related)
        return queryset, may_have_duplicates


class LabelledAutocompleteJsonView(AutocompleteJsonView):
    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        label = getattr(self.model_admin, "choice_label", None)
        if label is not None:
            result["text"] = str(label(obj))
        return result


class ThiDuaAdminSite(AdminSite):
    def autocomplete_view(self, request):
        return LabelledAutocompleteJsonView.as_view(admin_site=self)(request)


class ThiDuaAdminConfig(AdminConfig):
    default_site = "common.admin_choices.ThiDuaAdminSite"
