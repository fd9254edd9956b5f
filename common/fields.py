"""The one decimal box of the project: points, steps, maxima, minimum scores, percentages.

A browser's ``<input type="number">`` reads "2,5" as 25 under a Vietnamese locale, so decimals are
typed as text. The comma and the dot are both a decimal separator, in either language: nobody
types a thousands separator into a points box, and reading "1.000" as a thousand would silently
change a score. Whatever is not a plain number (or not on the campaign's step) is refused with a
message; nothing is ever reinterpreted.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.formatting import plain_number
from common.validators import range_error, step_error

PLAIN_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


class DecimalField(forms.DecimalField):
    """A decimal typed as text ("7,5" or "7.5"), shown back in the active language, on a step."""

    default_error_messages = {
        "invalid": _("Hãy nhập một số, ví dụ 7 hoặc 7,5."),
    }

    def __init__(self, *, step=None, min_value=None, max_value=None, **kwargs):
        # Limits are checked here, not by Django's validators, so messages show "25", not "25.00".
        self.step = Decimal(step) if step else None
        self.lower, self.upper = min_value, max_value
        kwargs.setdefault("widget", forms.TextInput)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "decimal", "autocomplete": "off"}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal | int):
            return Decimal(value)
        text = str(value).strip()
        if not PLAIN_NUMBER.match(text):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return Decimal(text.replace(",", "."))
        except InvalidOperation:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if error := range_error(value, lower=self.lower, upper=self.upper):
            raise ValidationError(error, code="range")
        if error := step_error(value, self.step):
            raise ValidationError(error, code="step")

    def prepare_value(self, value):
        """A stored number in the box as the user writes it ("7,5"); what they typed, as typed."""
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return plain_number(value)
        return value
