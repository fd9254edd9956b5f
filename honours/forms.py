from django import forms
from django.core.exceptions import ValidationError

from campaigns.forms import add_service_errors
from honours import services
from honours.models import RecognisedInitiative


class RecognitionAdminForm(forms.ModelForm):
    """The secretary records a recognition; the service's refusals show on their fields."""

    class Meta:
        model = RecognisedInitiative
        fields = ["entry", "scope", "decision_number", "decision_date", "authority"]

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None and not self.errors:
            try:
                cleaned["decision_number"] = services.check_recognition(
                    entry=cleaned["entry"],
                    scope=cleaned.get("scope") or "",
                    decision_number=cleaned.get("decision_number") or "",
                    decision_date=cleaned.get("decision_date"),
                )
            except ValidationError as exc:
                add_service_errors(self, exc)
        return cleaned
