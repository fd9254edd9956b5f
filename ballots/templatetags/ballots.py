"""The ballot beside a nominee list (templates/awards/nominee_list.html), read through a tag so that
the awards app, to the left of this one, never imports it."""

from django import template

from ballots.models import Ballot
from ballots.queries import closed_results

register = template.Library()


@register.simple_tag
def list_ballot(nominee_list) -> dict:
    """The list's ballot, if any, and its closed result per nominee id (two queries, or one)."""
    ballot = Ballot.objects.filter(nominee_list=nominee_list).first() if nominee_list else None
    return {"ballot": ballot, "results": closed_results(nominee_list) if ballot and ballot.is_closed else {}}


@register.inclusion_tag("ballots/_nominee_vote.html")
def nominee_vote(vote, nominee) -> dict:
    return {"result": vote["results"].get(nominee.pk)}
