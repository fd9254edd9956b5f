"""Checks of typed numbers shared by the forms and the services, with numbers in the user's format."""

from decimal import Decimal

from django.utils.translation import gettext as _

from common.formatting import points


def step_error(value: Decimal, step: Decimal) -> str | None:
    """Why ``value`` is off the campaign's step ("Điểm phải là bội số của 0,5 (ví dụ 7 hoặc 7,5)."), or None."""
    if not step or value % step == 0:
        return None
    example = Decimal(7)
    return _("Điểm phải là bội số của %(step)s (ví dụ %(low)s hoặc %(high)s).") % {
        "step": points(step),
        "low": points(example),
        "high": points(example + step),
    }


def range_error(value: Decimal, *, lower=None, upper=None) -> str | None:
    """Why ``value`` is outside [lower, upper] ("Điểm phải từ 0 đến 25."), or None."""
    if (lower is None or value >= lower) and (upper is None or value <= upper):
        return None
    if lower is not None and upper is not None:
        return _("Điểm phải từ %(min)s đến %(max)s.") % {"min": points(lower), "max": points(upper)}
    if upper is not None:
        return _("Hãy nhập số không lớn hơn %(max)s.") % {"max": points(upper)}
    return _("Hãy nhập số không nhỏ hơn %(min)s.") % {"min": points(lower)}
