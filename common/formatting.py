"""Numbers as people write them: "30", "7,5" in Vietnamese (never "3E+1", "7,50" or "80,667"),
and as HTML wants them.

Every number the project shows goes through :func:`points` (templates through the ``points``
filter, admin columns, messages); every decimal a person types is read by
:class:`common.fields.DecimalField` and shown back in its box through :func:`plain_number`.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import get_format

SHOWN_PLACES = Decimal("0.01")  # at most two decimals on every page, list, message and chart


def points(value) -> str:
    """A number in the active language, rounded to two decimals, no trailing zeros: "20,5", "80,67"."""
    return _shown(value).replace(".", get_format("DECIMAL_SEPARATOR"))


def plain_number(value) -> str:
    """A typed number shown back in its box, exactly, with the local separator ("7,5", "7,25")."""
    return html_number(value).replace(".", get_format("DECIMAL_SEPARATOR"))


def html_number(value) -> str:
    """A decimal for an HTML attribute (step, max): plain digits with a dot, no exponent."""
    return format(Decimal(value).normalize(), "f")


def points_formatter():
    """``points`` for many values at once: the separator is looked up once, not per number."""
    separator = get_format("DECIMAL_SEPARATOR")
    return lambda value: _shown(value).replace(".", separator)


def _shown(value) -> str:
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    rounded = number.quantize(SHOWN_PLACES, rounding=ROUND_HALF_UP)
    return html_number(rounded + 0)  # "+ 0" turns a rounded "-0.00" into "0"


# --- Dates in documents ----------------------------------------------------------------------


def document_date(value) -> str:
    """A date as administrative documents write it (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục
    II.5 "Địa danh và thời gian ban hành văn bản"): "ngày 05 tháng 01 năm 2023", "ngày 15
    tháng 6 năm 2023". A zero goes before days under 10 and before months 1 and 2 only."""
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"
