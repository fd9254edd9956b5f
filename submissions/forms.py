import uuid

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Fieldset, Layout, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from campaigns.choices import PersonMultipleChoiceField
from campaigns.forms import add_service_errors
from campaigns.models import Person
from campaigns.queries import visible_campaigns
from common.fields import DecimalField
from common.formatting import points
from criteria.choices import CouncilSeatChoiceField
from criteria.models import CouncilMember
from submissions.enums import EntryKind
from submissions.models import Assignment, Entry
from submissions.services import EntryContent
from submissions.services.scoring import check_assignment


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several evidence files in one field (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class EntryForm(forms.ModelForm):
    """The entry form: content, participant, co-authors, evidence files and optional self-scores."""

    PARTICIPANT_SELF = "self"

    participant = forms.ChoiceField(label=_("Dự thi với tư cách"), widget=forms.RadioSelect)
    files = MultipleFileField(
        label=_("Tệp minh chứng"),
        required=False,
        help_text=_("PDF, Word, Excel, JPEG hoặc PNG; chọn được nhiều tệp cùng lúc."),
    )
    remove_files = forms.MultipleChoiceField(
        label=_("Gỡ minh chứng đã tải lên"), required=False, widget=forms.CheckboxSelectMultiple
    )
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Entry
        fields = ["area", "kind", "title", "summary", "description", "results", "applied_on", "coauthors"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 6}),
            "results": forms.Textarea(attrs={"rows": 4}),
            "applied_on": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
        }
        field_classes = {"coauthors": PersonMultipleChoiceField}

    def __init__(self, *args, campaign, user, person, headed_units, attachments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign, self.user = campaign, user
        self.fields["area"].queryset = campaign.areas.order_by("order", "pk")
        self.fields["area"].empty_label = _("— Chọn nội dung thi đua —")
        self.fields["kind"].choices = EntryKind.choices
        self.fields["summary"].help_text = _("Vài câu cho Hội đồng và danh sách khen thưởng, tối đa 2.000 ký tự.")
        # Co-authors: people of the agency with their code and unit, ticked in a list that the search
        # field above it filters (static/js/choice-filter.js), without the entrant (issue 14, item 25).
        coauthors = self.fields["coauthors"]
        entrant = self.instance.person if self.instance.pk else (person if not headed_units else None)
        people = Person.objects.filter(unit__agency=campaign.agency).order_by("full_name", "code", "pk")
        coauthors.queryset = people.exclude(pk=entrant.pk) if entrant is not None else people
        coauthors.widget = forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"})
        coauthors.widget.choices = coauthors.choices
        coauthors.help_text = _("Gõ vào ô tìm để lọc danh sách, rồi đánh dấu từng người.")
        coauthors.required = False
        choices = []
        if person is not None:
            choices.append((self.PARTICIPANT_SELF, _("Cá nhân: %(name)s") % {"name": person.full_name}))
        choices += [(f"unit-{u.pk}", _("Tập thể: %(name)s") % {"name": u.name}) for u in headed_units]
        self.fields["participant"].choices = choices
        self.person, self.units = person, {f"unit-{u.pk}": u for u in headed_units}
        if self.instance.pk:
            del self.fields["participant"]  # who competes is fixed once the entry exists
        elif len(choices) == 1:
            self.fields["participant"].initial = choices[0][0]
        self.fields["remove_files"].choices = [(str(a.code), a.original_name) for a in attachments]
        self.attachments = {str(a.code): a for a in attachments}
        if not attachments:
            del self.fields["remove_files"]
        self.criteria = list(campaign.criteria.order_by("order", "code", "pk"))
        existing = {s.criterion_id: s.points for s in self.instance.self_scores.all()} if self.instance.pk else {}
        for criterion in self.criteria:
            self.fields[f"self_score_{criterion.pk}"] = DecimalField(
                label=f"{criterion.code}. {criterion.name}",
                required=False,
                min_value=0,
                max_value=criterion.max_points,
                step=campaign.score_step,
                decimal_places=2,
                initial=existing.get(criterion.pk),
                help_text=_("Tối đa %(max)s điểm.") % {"max": points(criterion.max_points)},
            )
        self.helper = self._helper()

    def _helper(self) -> FormHelper:
        helper = FormHelper()
        helper.form_tag = False
        helper.include_media = False
        main = [Field("participant")] if "participant" in self.fields else []
        main += ["area", "kind", "title", "summary", "description", "results", "applied_on"]
        main += [Field("coauthors", template="submissions/_coauthor_field.html")]
        evidence = ["files"] + (["remove_files"] if "remove_files" in self.fields else [])
        helper.layout = Layout(
            Fieldset(_("Nội dung"), *main),
            Fieldset(_("Minh chứng"), *evidence),
            Fieldset(
                _("Tự chấm điểm (không bắt buộc)"),
                HTML(
                    '<p class="small text-body-secondary">{}</p>'.format(_("Hội đồng xem điểm tự chấm khi chấm bài."))
                ),
                Div(*[f"self_score_{c.pk}" for c in self.criteria], css_class="row row-cols-1 row-cols-md-2"),
            ),
            "form_token",
        )
        return helper

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("participant")
        if chosen == self.PARTICIPANT_SELF and self.person is not None and self.person in cleaned.get("coauthors", []):
            self.add_error(
                "coauthors", _("Người dự thi không đồng thời là đồng tác giả của bài mình; hãy bỏ chọn tên mình.")
            )
        return cleaned

    def clean_form_token(self):
        """The double-submit guard's token. A mangled one is refused; the form shown again carries
        a fresh token (and everything typed), so the next click saves."""
        text = self.cleaned_data.get("form_token") or ""
        if not text:
            return None
        try:
            return uuid.UUID(text)
        except ValueError:
            self.data = self.data.copy()
            self.data[self.add_prefix("form_token")] = str(uuid.uuid4())
            # On the form as a whole: a hidden field's own error would show nowhere.
            self.add_error(
                None, _("Biểu mẫu đã hết hiệu lực hoặc bị sửa đổi. Hãy kiểm tra lại nội dung rồi bấm lưu lần nữa.")
            )
            return None

    def participant_objects(self):
        """(person, unit) of the chosen participant."""
        choice = self.cleaned_data.get("participant")
        if choice == self.PARTICIPANT_SELF:
            return self.person, None
        return None, self.units.get(choice)

    def content(self) -> EntryContent:
        data = self.cleaned_data
        return EntryContent(
            area=data["area"],
            kind=data["kind"],
            title=data["title"],
            summary=data["summary"],
            description=data.get("description", ""),
            results=data.get("results", ""),
            applied_on=data.get("applied_on"),
            coauthors=list(data.get("coauthors") or []),
            self_scores={c: data.get(f"self_score_{c.pk}") for c in self.criteria},
            new_files=data.get("files") or [],
            removed_files=[self.attachments[code] for code in data.get("remove_files", [])],
        )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do trả lại"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Người gửi sẽ nhận được lý do này qua email và trên trang bài dự thi."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("return", _("Trả lại để bổ sung"), css_class="btn-warning"))


class ScoringForm(forms.Form):
    """One field per applicable criterion (points and a comment) and an overall comment."""

    overall = forms.CharField(label=_("Nhận xét chung"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, criteria, scores, step, overall="", read_only=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        self.fields["overall"].initial = overall
        for criterion in criteria:
            current = scores.get(criterion.pk)
            self.fields[f"points_{criterion.pk}"] = DecimalField(
                label=f"{criterion.code}. {criterion.name}",
                required=False,
                min_value=0,
                max_value=criterion.max_points,
                step=step,
                decimal_places=2,
                max_digits=6,
                initial=current.points if current else None,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Nhận xét %(code)s") % {"code": criterion.code},
                required=False,
                initial=current.comment if current else "",
                widget=forms.Textarea(attrs={"rows": 1}),
            )

        if read_only:  # the scores are locked: shown as they stand, nothing posted is taken
            for field in self.fields.values():
                field.disabled = True

    def rows(self, self_scores: dict):
        """(criterion, entrant's self-score, points field, comment field) for the template's table."""
        return [(c, self_scores.get(c.pk), self[f"points_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def points(self) -> dict:
        return {c.pk: self.cleaned_data.get(f"points_{c.pk}") for c in self.criteria}

    def comments(self) -> dict:
        return {c.pk: self.cleaned_data.get(f"comment_{c.pk}", "") for c in self.criteria}


class AssignmentForm(forms.ModelForm):
    """The secretary's hand assignment; a conflicted member is refused with the reason.

    Members are offered from the entry's campaign only once the entry is known (posted, or given
    as ``?bai=<code>``); before that, every campaign's council under its plan number. Each seat
    reads "Họ tên — Mã — Đơn vị (vai trò)" (issue 14, item 3).
    """

    member = CouncilSeatChoiceField(queryset=CouncilMember.objects.all(), label=_("Thành viên"), group_by_campaign=True)

    class Meta:
        model = Assignment
        fields = ["entry", "member"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        value = self.data.get(self.add_prefix("entry")) if self.is_bound else self.initial.get("entry")
        value = getattr(value, "pk", value)
        campaign_id = (
            Entry.objects.filter(pk=value).values_list("campaign_id", flat=True).first()
            if str(value or "").isdigit()
            else None
        )
        if campaign_id is not None:
            member = self.fields["member"]
            member.iterator = forms.ModelChoiceField.iterator
            member.queryset = CouncilMember.objects.filter(campaign_id=campaign_id)
            member.help_text = _("Thành viên Hội đồng của phong trào có bài này.")

    def clean(self):
        cleaned = super().clean()
        entry, member = cleaned.get("entry"), cleaned.get("member")
        if entry and member:
            try:
                check_assignment(entry=entry, member=member)
            except ValidationError as exc:
                add_service_errors(self, exc)
        return cleaned


class AutoAssignForm(forms.Form):
    campaign = forms.ModelChoiceField(label=_("Phong trào"), queryset=None)
    per_entry = forms.IntegerField(label=_("Số thành viên chấm mỗi bài"), min_value=1, max_value=50, initial=5)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = visible_campaigns().order_by("-opens_at")
