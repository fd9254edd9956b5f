from django import forms
from django.utils.translation import gettext_lazy as _


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
    decision_number = forms.CharField(
        label=_("Số quyết định"), max_length=50, help_text=_("Số và ký hiệu, ví dụ: 25/QĐ-UBND")
    )
    decision_date = forms.DateField(
        label=_("Ngày quyết định"), widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
    )
    signer_title = forms.CharField(
        label=_("Chức vụ người ký"), max_length=255, help_text=_("Ví dụ: Giám đốc; KT. Giám đốc / Phó Giám đốc")
    )
    signer = forms.CharField(label=_("Người ký"), max_length=255)
