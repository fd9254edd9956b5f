"""Admin URLs without sequential ids.

Django's admin puts primary keys in its URLs (``…/entry/42/change/``): a sequential key tells
whoever sees a URL how many records exist and invites trying the neighbours. Here every object key
in an admin route goes through the ``adminid`` path converter, which writes the key as a short code
(Sqids over an alphabet shuffled by ``SECRET_KEY``) and reads it back; a code that is not the
canonical code of exactly one key is no match (404). Codes hide the sequence; the permission
checks on every object stay the guard.

Every ModelAdmin of the project starts with :class:`OpaqueIdAdmin` (a test holds every registered
admin to it and every admin route to the converter).
"""

import hashlib
import random
import re
import string
from functools import cache

from django.conf import settings
from django.contrib.admin import FieldListFilter, RelatedFieldListFilter
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.db import models
from django.http import QueryDict
from django.urls import path, register_converter
from sqids import Sqids

from campaigns.admin_choices import LabelledChoicesAdmin
from campaigns.fields import DecimalField


@cache
def _codec(secret: str) -> Sqids:
    alphabet = list(string.ascii_letters + string.digits)
    random.Random(hashlib.sha256(f"admin-ids:{secret}".encode()).digest()).shuffle(alphabet)
    return Sqids(alphabet="".join(alphabet), min_length=8)


def encode(key) -> str:
    return _codec(settings.SECRET_KEY).encode([int(key)])


def decode(code: str) -> int | None:
    if not 8 <= len(code) <= 20:  # what encode writes for any key; longer input is not decoded at all
        return None
    codec = _codec(settings.SECRET_KEY)
    numbers = codec.decode(code)
    if len(numbers) != 1 or codec.encode(numbers) != code:
        return None
    return numbers[0]


class AdminIdConverter:
    regex = "[0-9A-Za-z]{8,20}"

    def to_python(self, value: str) -> str:
        key = decode(value)
        if key is None:
            raise ValueError(value)
        return str(key)  # the admin's views take the key as text, as from the URL

    def to_url(self, value) -> str:
        try:
            return encode(value)
        except (TypeError, ValueError):
            raise ValueError(value) from None  # not a key: no match


register_converter(AdminIdConverter, "adminid")


def decode_all(codes) -> list[str]:
    """Keys for codes from a query string; a code that is not one refuses the whole lookup."""
    keys = [decode(code) for code in codes]
    if None in keys:
        raise IncorrectLookupParameters(codes)
    return [str(key) for key in keys]


class OpaqueRelatedFieldListFilter(RelatedFieldListFilter):
    """The admin's filter by a related object (``?campaign__id__exact=…``) with the object's code in
    the query string instead of its key. Registered for every relation below."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        lookup = f"{field_path}__{field.target_field.name}__exact"
        if lookup in params:
            params[lookup] = decode_all(params[lookup])
        super().__init__(field, request, params, model, model_admin, field_path)

    def choices(self, changelist):
        for choice in super().choices(changelist):
            query = QueryDict(choice["query_string"].lstrip("?"), mutable=True)
            if self.lookup_kwarg in query:
                query.setlist(self.lookup_kwarg, [encode(key) for key in query.getlist(self.lookup_kwarg)])
            choice["query_string"] = "?" + query.urlencode()
            yield choice


FieldListFilter.register(lambda field: field.remote_field, OpaqueRelatedFieldListFilter, take_priority=True)

KEY_IN_ROUTE = re.compile(r"<(?:(?:int|path|str):)?(object_id|pk|id)>")


def opaque_routes(patterns):
    """The admin's own routes with each object key read and written by the ``adminid`` converter."""
    rewritten = []
    for pattern in patterns:
        route = str(pattern.pattern)
        if KEY_IN_ROUTE.search(route):
            pattern = path(
                KEY_IN_ROUTE.sub(r"<adminid:\1>", route), pattern.callback, pattern.default_args, pattern.name
            )
        rewritten.append(pattern)
    return rewritten


class OpaqueIdAdmin(LabelledChoicesAdmin):
    """Mixin, first among a ModelAdmin's bases: no database key in any URL the admin writes.

    It also brings the choice labels of ``LabelledChoicesAdmin``, so that every admin has them."""

    @property
    def urls(self):
        # On the finished list, so that routes a subclass adds in its own get_urls are covered too.
        return opaque_routes(super().urls)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.DecimalField):
            # Every decimal is typed as text ("7,5" or "7.5") and shown back in the user's language.
            kwargs.setdefault("form_class", DecimalField)
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and isinstance(formfield.widget, RelatedFieldWidgetWrapper):
            # The edit/view/delete-related buttons put the chosen option's raw key into a URL in the
            # browser; adding a related record stays.
            wrapper = formfield.widget
            wrapper.can_change_related = wrapper.can_delete_related = wrapper.can_view_related = False
        return formfield


def adopt_registered_admins(site) -> None:
    """Give the admins that other packages registered (groups, sign-in records) the same URLs."""
    for model, model_admin in list(site._registry.items()):
        if not isinstance(model_admin, OpaqueIdAdmin):
            base = type(model_admin)
            site.unregister(model)
            site.register(model, type(base.__name__, (OpaqueIdAdmin, base), {"__module__": base.__module__}))
