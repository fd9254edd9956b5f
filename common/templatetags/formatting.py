from django import template

from common import formatting

register = template.Library()


@register.filter
def points(value):
    """Points as people write them: "30", "7,5", "85,125"; empty for no value."""
    return "" if value is None or value == "" else formatting.points(value)
