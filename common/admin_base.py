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
