"""Numbers as people write them: "30", "7,5" in Vietnamese (never "3E+1"), and as HTML wants them."""

from decimal import Decimal

from django.utils.formats import get_format, number_format


def points(value) -> str:
    """Points in the active language: no trailing zeros, the local decimal separator ("7,5")."""
    return number_format(Decimal(html_number(value)))


def html_number(value: Decimal) -> str:
    """A decimal for an HTML attribute (step, max): plain digits with a dot, no exponent."""
    return format(Decimal(value).normalize(), "f")


def points_formatter():
    """``points`` for many values at once: the separator is looked up once, not per number."""
    separator = get_format("DECIMAL_SEPARATOR")
    return lambda value: html_number(value).replace(".", separator)


# --- Dates in documents ----------------------------------------------------------------------


def document_date(value) -> str:
    """A date as administrative documents write it (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục
    II.5 "Địa danh và thời gian ban hành văn bản"): "ngày 05 tháng 01 năm 2023", "ngày 15
    tháng 6 năm 2023". A zero goes before days under 10 and before months 1 and 2 only."""
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"
