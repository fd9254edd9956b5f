from django import forms
from django.utils.translation import gettext_lazy as _

from awards.enums import ListStatus
from awards.forms import BootstrapForm
from awards.models import NomineeList
from ballots.models import Ballot
from criteria.choices import seat_label

CHOICES = [("1", _("Đồng ý")), ("0", _("Không đồng ý"))]


def nominee_label(nominee) -> str:
    return f"{nominee.position}. {nominee.participant} — {nominee.award_form.name}"


class SeatsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return seat_label(obj)


class BallotAdminForm(forms.ModelForm):
    """The secretary opens a ballot for a meeting on a draft or posted list (``services.open_ballot``)."""

    class Meta:
        model = Ballot
        fields = ["nominee_list", "meeting_date", "place"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "nominee_list" in self.fields:
            self.fields["nominee_list"].queryset = NomineeList.objects.filter(
                status__in=(ListStatus.DRAFT, ListStatus.PUBLISHED), ballot__isnull=True
            ).select_related("campaign")
            self.fields["nominee_list"].label_from_instance = lambda v: f"{v.campaign.plan_number} · {v}"


class VoteForm(forms.Form):
    """A member's ballot: for or against each nominee they may vote on, all in one form."""

    def __init__(self, *args, nominees, **kwargs):
        super().__init__(*args, **kwargs)
        self.nominees = list(nominees)
        for nominee in self.nominees:
            self.fields[f"n{nominee.position}"] = forms.ChoiceField(
                label=nominee_label(nominee), choices=CHOICES, widget=forms.RadioSelect
            )

    def choices(self) -> dict[int, bool]:
        return {n.pk: self.cleaned_data[f"n{n.position}"] == "1" for n in self.nominees}


class AttendanceForm(forms.Form):
    members = SeatsField(label=_("Thành viên có mặt"), queryset=None, required=False)

    def __init__(self, *args, seats, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = seats


class PaperBallotsForm(BootstrapForm):
    """The count of paper ballots: who voted on paper, and per nominee how many papers say for and against."""

    members = SeatsField(label=_("Thành viên bỏ phiếu giấy"), queryset=None)

    def __init__(self, *args, seats, nominees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = seats
        self.fields["members"].widget.attrs.pop("class", None)
        self.nominees = list(nominees)
        for nominee in self.nominees:
            label = nominee_label(nominee)
            for key, word in (("yes", _("đồng ý")), ("no", _("không đồng ý"))):
                self.fields[f"{key}{nominee.position}"] = forms.IntegerField(
                    label=f"{label}: {word}",
                    min_value=0,
                    initial=0,
                    widget=forms.NumberInput(attrs={"class": "form-control"}),
                )

    def rows(self):
        return [(n, self[f"yes{n.position}"], self[f"no{n.position}"]) for n in self.nominees]

    def tallies(self) -> dict[int, tuple[int, int]]:
        data = self.cleaned_data
        return {n.pk: (data[f"yes{n.position}"], data[f"no{n.position}"]) for n in self.nominees}
