from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from registrations.models import Registration


class RegistrationForm(forms.Form):
    """What a participant registers: the titles or forms aimed for, and the commitments."""

    award_forms = forms.ModelMultipleChoiceField(
        label=_("Danh hiệu, hình thức khen thưởng đăng ký"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    commitments = forms.CharField(
        label=_("Chỉ tiêu, cam kết"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Mục tiêu, chỉ tiêu phấn đấu trong phong trào, ngắn gọn."),
    )

    def __init__(self, *args, campaign, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_forms"].queryset = campaign.award_forms.filter(recipient_kind=kind).order_by(
            "precedence", "pk"
        )
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Lưu đăng ký")))


class RegistrationAdminForm(forms.ModelForm):
    """The secretary's registration on someone's behalf; the service's rules show on the form."""

    class Meta:
        model = Registration
        fields = ["campaign", "person", "unit", "award_forms", "commitments", "note"]
        widgets = {"commitments": forms.Textarea(attrs={"rows": 3}), "note": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"note": _("Bắt buộc khi đăng ký thay ngoài thời gian đăng ký.")}

    def participant(self) -> dict:
        data = self.cleaned_data
        return {"person": data.get("person"), "unit": data.get("unit")}
