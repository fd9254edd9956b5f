from django import forms
from django.contrib.admin import widgets
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from campaigns import deadline
from campaigns.enums import CampaignStatus
from campaigns.models import Campaign
from criteria.models import CouncilMember
from criteria.services import CriterionSpec, check_seat_person, criteria_set_errors

# The campaign form's fields in the groups the admin shows them in.
CAMPAIGN_FIELD_GROUPS = [
    (
        None,
        [
            "agency",
            "plan_number",
            "slug",
            "title",
            "kind",
            "signed_on",
            "signer",
            "signer_title",
            "status",
            "is_sample",
        ],
    ),
    (_("Nội dung kế hoạch"), ["purpose", "requirements", "regulation"]),
    (_("Thời gian (giờ Việt Nam)"), ["opens_at", "closes_at"]),
    (
        _("Đăng ký thi đua"),
        ["requires_registration", "registration_opens_at", "registration_closes_at", "unregistered_policy"],
    ),
    (
        _("Cách chấm và xếp hạng"),
        [
            "scale_total",
            "score_step",
            "aggregation",
            "quorum",
            "participant_rule",
            "best_k",
            "tie_break",
            "blind_scoring",
            "endorsement_required",
            "posting_days",
        ],
    ),
]


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = [name for _title, names in CAMPAIGN_FIELD_GROUPS for name in names]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.fields.get("status")
        if status is not None and self.instance.status != CampaignStatus.CLOSED:
            # Closing is done by the deadline job or the close action, never by editing the status.
            status.choices = [c for c in status.choices if c[0] != CampaignStatus.CLOSED]

    def clean_closes_at(self):
        closes_at = self.cleaned_data.get("closes_at")
        # The closing moment is a whole second: the last one that is still open.
        return deadline.closing_second(closes_at) if closes_at else closes_at

    def clean_registration_closes_at(self):
        closes_at = self.cleaned_data.get("registration_closes_at")
        return deadline.closing_second(closes_at) if closes_at else closes_at


class CriterionFormSet(forms.BaseInlineFormSet):
    """Refuses a criteria set whose maximum points do not add up to the scale for every kind of entry.

    The reform areas being edited on the same page are taken into account through
    ``area_formset``, which the campaign admin attaches before validation.
    """

    area_formset = None

    def _areas(self) -> dict:
        if self.area_formset is None:
            return {area.pk: str(area) for area in self.instance.areas.all()} if self.instance.pk else {}
        areas = {}
        for form in self.area_formset.forms:
            if not hasattr(form, "cleaned_data") or not form.cleaned_data:
                continue
            if form.cleaned_data.get("DELETE"):
                continue
            key = form.instance.pk or f"new-{form.prefix}"
            areas[key] = f"{form.cleaned_data.get('order')}. {form.cleaned_data.get('name')}"
        return areas

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        areas = self._areas()
        specs = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or data.get("max_points") is None:
                continue
            specs.append(
                CriterionSpec(
                    code=data.get("code", ""),
                    max_points=data["max_points"],
                    # Areas deleted on the same page drop out; a criterion left with none applies to all.
                    area_keys=frozenset(area.pk for area in data.get("areas", []) if area.pk in areas),
                    for_collectives=data.get("for_collectives", False),
                    for_individuals=data.get("for_individuals", False),
                )
            )
        errors = criteria_set_errors(scale=self.instance.scale_total, areas=areas, criteria=specs)
        if errors:
            raise ValidationError([_("Bộ tiêu chí chưa khớp thang điểm:"), *errors])


class CloneCampaignForm(forms.Form):
    """What differs in a campaign started from an older one: its number, title and dates."""

    plan_number = forms.CharField(label=_("Số kế hoạch mới"), max_length=50)
    slug = forms.SlugField(label=_("Mã đường dẫn mới"), max_length=80)
    title = forms.CharField(label=_("Tên phong trào"), max_length=500)
    signed_on = forms.DateField(label=_("Ngày ký kế hoạch"), widget=widgets.AdminDateWidget)
    opens_at = forms.SplitDateTimeField(label=_("Bắt đầu nhận bài"), widget=widgets.AdminSplitDateTime)
    closes_at = forms.SplitDateTimeField(
        label=_("Kết thúc (giây cuối còn nhận bài)"), widget=widgets.AdminSplitDateTime
    )

    def __init__(self, *args, source: Campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source
        self.initial.setdefault("title", source.title)

    def clean_plan_number(self):
        plan_number = self.cleaned_data["plan_number"].strip()
        if Campaign.objects.filter(agency_id=self.source.agency_id, plan_number=plan_number).exists():
            raise ValidationError(_("Cơ quan đã có kế hoạch mang số này; hãy dùng số của kế hoạch mới."))
        return plan_number

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if Campaign.objects.filter(slug=slug).exists():
            raise ValidationError(_("Mã đường dẫn này đã được dùng cho phong trào khác."))
        return slug

    def clean_closes_at(self):
        closes_at = self.cleaned_data.get("closes_at")
        return deadline.closing_second(closes_at) if closes_at else closes_at

    def clean(self):
        cleaned = super().clean()
        opens_at, closes_at = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens_at and closes_at and closes_at <= opens_at:
            self.add_error("closes_at", _("Thời điểm kết thúc phải sau thời điểm bắt đầu nhận bài."))
        return cleaned


class CouncilMemberForm(forms.ModelForm):
    """A council seat; a seat that has scores keeps its person (the scores name the seat's person)."""

    class Meta:
        model = CouncilMember
        fields = ["campaign", "person", "role"]

    def clean_person(self):
        person = self.cleaned_data.get("person")
        try:
            check_seat_person(member=self.instance, person=person)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["person"]) from None
        return person
