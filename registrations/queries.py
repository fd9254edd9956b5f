"""Reads of registrations: who registered in a campaign, and whether an entrant did.

``submissions`` asks ``participant_registered`` before an entry is written, and shows
``entry_unregistered`` beside entries (one ``Exists``, no query of its own).
"""

from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef, Q

from campaigns.models import Person
from registrations.models import Registration


def registration_of(*, campaign, person=None, unit=None) -> Registration | None:
    """The participant's registration in the campaign, with its award forms, or None."""
    registrations = Registration.objects.filter(campaign=campaign).prefetch_related("award_forms")
    if person is not None:
        return registrations.filter(person=person).first()
    return registrations.filter(unit=unit).first()


def participant_registered(*, campaign, person=None, unit=None) -> bool:
    """Whether the participant may be considered as registered: the campaign does not require it, or they did."""
    if not campaign.requires_registration:
        return True
    participant = {"person": person} if person is not None else {"unit": unit}
    return Registration.objects.filter(campaign=campaign, **participant).exists()


def entry_unregistered(prefix: str = ""):
    """On ``Entry`` (``prefix`` reaches the entry): its campaign requires registration and its
    participant did not register; ``participant_registered`` negated, in SQL."""
    own = Registration.objects.filter(Registration.same_participant(prefix), campaign=OuterRef(f"{prefix}campaign"))
    return ExpressionWrapper(
        Q(**{f"{prefix}campaign__requires_registration": True}) & ~Exists(own), output_field=BooleanField()
    )


def registrants(campaign, model):
    """The campaign's agency's people (``Person``) or units (``Unit``), each annotated with
    ``registered`` in the campaign and with what the desk shows of them."""
    field = "person" if issubclass(model, Person) else "unit"
    own = Registration.objects.filter(campaign=campaign, **{field: OuterRef("pk")})
    if field == "person":
        participants = model.objects.filter(unit__agency_id=campaign.agency_id).select_related("unit", "user")
    else:
        participants = model.objects.filter(agency_id=campaign.agency_id).select_related("head__user")
    return participants.annotate(registered=Exists(own))


def campaign_registrations(campaign):
    """The campaign's registrations for its list and export: units first, then people, by name."""
    return (
        Registration.objects.filter(campaign=campaign)
        .select_related("person__unit", "unit", "registered_by")
        .prefetch_related("award_forms")
        .order_by(F("person").asc(nulls_first=True), "unit__order", "unit__name", "person__full_name", "pk")
    )
