"""What the approval of a list accepts: the decision's number and symbol, its date."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# "Quyết định số 120/QĐ-SNV", "QĐ số: 120/QĐ-SNV", "Số 120/QĐ-SNV": everything before the number.
PREFIX = re.compile(r"^\s*(?:quyết\s+định|qđ)?\s*(?:số)?\s*[:.]?\s*", re.IGNORECASE)
# Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.3: "Số: 25/QĐ-BDT" or, for legal normative
# documents, "Số: 12/2023/QĐ-UBND" — the number, a slash, then the symbol (letters, digits, "-", "/").
NUMBER_AND_SYMBOL = re.compile(r"^\d+(?:/\d{4})?/[0-9A-ZĐ][0-9A-ZĐ\-/.]*$")


def decision_number(value: str) -> str:
    """The decision's number and symbol alone ("120/QĐ-SNV"): a "Quyết định số" typed before it is
    dropped, since every page, mail and the Excel file write "Quyết định số" themselves."""
    number = PREFIX.sub("", (value or "").strip(), count=1).replace(" ", "")
    if not NUMBER_AND_SYMBOL.match(number.upper()):
        raise ValidationError(
            _("Chỉ nhập số và ký hiệu của quyết định, ví dụ 120/QĐ-SNV (không ghi “Quyết định số”)."),
            code="decision_number",
        )
    return number.upper()
