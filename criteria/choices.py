"""How a council seat reads wherever someone picks one (issue 14, item 3): the person with code and
unit, and the seat's role; the campaign's plan number where seats of several campaigns are offered."""

from django import forms
from django.forms.models import ModelChoiceIterator

from campaigns.choices import person_label


def seat_label(seat, *, with_campaign=False) -> str:
    """The querysets select ``person__unit`` (and ``campaign`` when it is named)."""
    label = f"{person_label(seat.person)} ({seat.get_role_display()})"
    return f"{label} · {seat.campaign.plan_number}" if with_campaign else label


class SeatsByCampaign(ModelChoiceIterator):
    """The seats under one heading per campaign (its plan number), in one query."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        groups: dict[str, list] = {}
        for seat in self.queryset:
            groups.setdefault(seat.campaign.plan_number, []).append(self.choice(seat))
        yield from groups.items()


class CouncilSeatChoiceField(forms.ModelChoiceField):
    """Seats labelled by ``seat_label``; with ``group_by_campaign``, grouped under each plan number."""

    def __init__(self, queryset, *, group_by_campaign=False, **kwargs):
        super().__init__(queryset, **kwargs)
        if group_by_campaign:
            self.iterator = SeatsByCampaign
            self.widget.choices = self.choices

    def _set_queryset(self, queryset):
        if queryset is not None:
            queryset = queryset.select_related("person__unit", "campaign").order_by(
                "campaign__plan_number", "campaign_id", "person__full_name", "pk"
            )
        super()._set_queryset(queryset)

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def label_from_instance(self, obj):
        return seat_label(obj)
