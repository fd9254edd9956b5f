"""Reads of the award register: a person's or a unit's awards across years, and recognised initiatives."""

from django.db.models import Q, QuerySet

from campaigns.participants import Participant
from honours.models import RecognisedInitiative, RegisterEntry


def awards_of(participant: Participant) -> QuerySet[RegisterEntry]:
    """A participant's awards, newest year first."""
    return RegisterEntry.objects.filter(**participant.lookup()).order_by("-year", "-decision_date", "pk")


def unit_history(unit) -> QuerySet[RegisterEntry]:
    """A unit's awards as a collective and those of the people in it today (a person's earlier
    awards follow the person), newest first, each with its person."""
    return (
        RegisterEntry.objects.filter(Q(unit=unit) | Q(person__unit=unit))
        .select_related("person")
        .order_by("-year", "-decision_date", "person__full_name", "pk")
    )


def recognised_initiatives(participant: Participant, *, year: int | None = None) -> QuerySet[RecognisedInitiative]:
    """Initiatives of a participant recognised (in ``year``, by the decision's date, when given):
    what the eligibility rule "a recognised initiative in the period" asks (issue 17, item 3)."""
    found = RecognisedInitiative.objects.filter(**participant.lookup("entry__")).select_related("entry")
    if year is not None:
        found = found.filter(decision_date__year=year)
    return found.order_by("-decision_date", "pk")


def unit_recognised_initiatives(unit) -> QuerySet[RecognisedInitiative]:
    return (
        RecognisedInitiative.objects.filter(Q(entry__unit=unit) | Q(entry__person__unit=unit))
        .select_related("entry__person")
        .order_by("-decision_date", "pk")
    )
