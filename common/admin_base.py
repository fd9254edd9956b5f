"""What every ModelAdmin and inline of the project does alike."""

from django.db import models

from common.admin_choices import LabelledChoicesAdmin
from common.fields import DecimalField


class ProjectAdmin(LabelledChoicesAdmin):
    """Mixin, first among the bases of every ModelAdmin and inline of the project: the choice
    labels of ``LabelledChoicesAdmin``, and every decimal typed as text."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.DecimalField):
            # Every decimal is typed as text ("7,5" or "7.5") and shown back in the user's language.
            kwargs.setdefault("form_class", DecimalField)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


def key_or_none(value: str | None) -> int | None:
    """A database key read from a query string, or None for anything else (a typo, an old link)."""
    return int(value) if value and value.isascii() and value.isdecimal() else None


class RecordsAdmin:
    """Mixin for an admin of records written only by the services (lists, score history, the
    registration desk): they are read here, never added, changed or deleted by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
