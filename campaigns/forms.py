from django import forms

from campaigns.models import Unit
from campaigns.services import validate_unit_parent


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["agency", "parent", "code", "name", "order", "head", "is_sample"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("agency"):
            self.instance.agency = cleaned["agency"]
            validate_unit_parent(unit=self.instance, parent=cleaned.get("parent"))
        return cleaned
