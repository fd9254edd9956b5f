"""How a person or a unit reads wherever someone picks one (issue 14, items 7 and 25).

People share names ("two Nguyễn Văn An in one agency is normal", DOMAIN.md): every picker shows a
person as "Họ tên — Mã — Đơn vị" and a unit as "Tên đơn vị — Mã". ``__str__`` stays on the model's
own fields, so the labels are functions, and the fields below select the unit with the choices.
"""

from django import forms


def person_label(person) -> str:
    """ "Họ tên — Mã — Đơn vị"; the queryset selects ``unit``."""
    return f"{person.full_name} — {person.code} — {person.unit.name}"


def unit_label(unit) -> str:
    return f"{unit.name} — {unit.code}"


class _PersonChoices:
    """Choices of people labelled by ``person_label``, their units read in the same query."""

    def _set_queryset(self, queryset):
        super()._set_queryset(None if queryset is None else queryset.select_related("unit"))

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def label_from_instance(self, obj):
        return person_label(obj)


class PersonChoiceField(_PersonChoices, forms.ModelChoiceField):
    pass


class PersonMultipleChoiceField(_PersonChoices, forms.ModelMultipleChoiceField):
    pass
