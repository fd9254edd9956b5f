from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from awards import validators


class BootstrapForm(forms.Form):
    """Plain forms laid out by hand in templates: every widget gets Bootstrap's class."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


class PublishForm(BootstrapForm):
    days = forms.IntegerField(label=_("Số ngày công khai"), min_value=1, max_value=60)


class CommentForm(BootstrapForm):
    position = forms.TypedChoiceField(label=_("Về dòng"), coerce=int, required=False, empty_value=None)
    text = forms.CharField(label=_("Ý kiến của bạn"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)

    def __init__(self, *args, nominees=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].choices = [("", _("Cả danh sách"))] + [
            (n.position, f"{n.position}. {n.participant}") for n in nominees
        ]


class ApproveForm(BootstrapForm):
    """The decision that approves a list. Dates are typed and shown as dd/mm/yyyy only (an ISO date
    is refused with the format), between the end of the posting and today."""

    decision_number = forms.CharField(
        label=_("Số và ký hiệu quyết định"),
        max_length=50,
        help_text=_("Chỉ số và ký hiệu, ví dụ: 120/QĐ-SNV (không ghi “Quyết định số”)"),
    )
    decision_date = forms.DateField(
        label=_("Ngày quyết định"),
        input_formats=["%d/%m/%Y"],
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
        error_messages={"invalid": _("Nhập ngày theo dạng dd/mm/yyyy, ví dụ 16/01/2023.")},
    )
    signer_title = forms.CharField(
        label=_("Chức vụ người ký"), max_length=255, help_text=_("Ví dụ: Giám đốc; KT. Giám đốc / Phó Giám đốc")
    )
    signer = forms.CharField(label=_("Người ký"), max_length=255)

    def __init__(self, *args, bounds=(None, None), **kwargs):
        super().__init__(*args, **kwargs)
        self.first_day, self.last_day = bounds
        if self.first_day and self.last_day:
            self.fields["decision_date"].help_text = _("Từ %(first)s đến %(last)s") % {
                "first": f"{self.first_day:%d/%m/%Y}",
                "last": f"{self.last_day:%d/%m/%Y}",
            }

    def clean_decision_number(self):
        return validators.decision_number(self.cleaned_data["decision_number"])

    def clean_decision_date(self):
        value = self.cleaned_data["decision_date"]
        if self.first_day and self.last_day and not self.first_day <= value <= self.last_day:
            raise ValidationError(
                _("Ngày quyết định phải từ ngày hết hạn công khai (%(first)s) đến hôm nay (%(last)s).")
                % {"first": f"{self.first_day:%d/%m/%Y}", "last": f"{self.last_day:%d/%m/%Y}"}
            )
        return value
