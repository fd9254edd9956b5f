"""A participant is exactly one of a person or a unit, on every row that belongs to one.

``campaigns.participants`` owns the rule: the database check each model names
(``ParticipantMixin.one_participant``), the SQL and Python answers to "same participant" and
"the participant's unit", and the ``Participant`` value code passes around.
"""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, transaction
from django.db.models import Exists

from awards.models import Nominee, NomineeList
from campaigns.enums import ParticipantKind
from campaigns.participants import Participant
from submissions.models import Entry, PersonalDeadline
from tests.factories import AwardFormFactory, DeclaredConflictFactory, EntryFactory, PersonFactory, UnitFactory
from tests.factories.organisation import UserFactory

pytestmark = pytest.mark.django_db

LATER = datetime(2023, 1, 15, 23, 59, 59, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def extension(entry, **participant):
    return PersonalDeadline.objects.create(
        campaign=entry.campaign, closes_at=LATER, reason="Ốm dài ngày.", granted_by=UserFactory(), **participant
    )


def nominee(entry):
    nominee_list = NomineeList.objects.create(campaign=entry.campaign, version=1, fingerprint="0" * 64, compiled_by="x")
    return Nominee.objects.create(
        nominee_list=nominee_list,
        kind=ParticipantKind.INDIVIDUAL,
        person=entry.person,
        award_form=AwardFormFactory(campaign=entry.campaign),
        position=1,
        rank=1,
        score=Decimal(90),
        summary="90 điểm",
    )


ROWS = {
    "submissions_entry_one_participant": lambda entry: entry,
    "submissions_personaldeadline_one_participant": lambda entry: extension(entry, person=entry.person),
    "criteria_declaredconflict_unit_xor_person": lambda entry: DeclaredConflictFactory(),
    "awards_nominee_one_participant": nominee,
}


@pytest.mark.parametrize("constraint", ROWS)
@pytest.mark.parametrize("both", [False, True], ids=["neither", "both"])
def test_the_database_refuses_a_row_with_neither_or_both_a_person_and_a_unit(constraint, both):
    row = ROWS[constraint](EntryFactory())
    rows = type(row).objects.filter(pk=row.pk)

    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        rows.update(person=PersonFactory(), unit=UnitFactory()) if both else rows.update(person=None, unit=None)


def test_a_participant_is_named_by_exactly_one_id():
    with pytest.raises(ValueError):
        Participant.of()
    with pytest.raises(ValueError):
        Participant.of(person_id=1, unit_id=2)

    person, unit = Participant.of(person_id=7), Participant.of(unit_id=7)

    assert (person.kind, person.person_id, person.unit_id, person.lookup()) == (
        ParticipantKind.INDIVIDUAL,
        7,
        None,
        {"person_id": 7},
    )
    assert (unit.kind, unit.person_id, unit.unit_id, unit.lookup("entry__")) == (
        ParticipantKind.COLLECTIVE,
        None,
        7,
        {"entry__unit_id": 7},
    )
    assert person != unit


def test_a_row_knows_its_participant_in_python():
    unit = UnitFactory(head=PersonFactory(user=UserFactory()))
    mine, ours = EntryFactory(), EntryFactory(person=None, unit=unit)

    assert [(e.participant, e.participant_kind, e.participant_key) for e in (mine, ours)] == [
        (mine.person, ParticipantKind.INDIVIDUAL, Participant.of(person_id=mine.person_id)),
        (unit, ParticipantKind.COLLECTIVE, Participant.of(unit_id=unit.pk)),
    ]


def test_the_participants_unit_is_the_same_in_sql_and_in_python():
    unit = UnitFactory(head=PersonFactory(user=UserFactory()))
    entries = [EntryFactory(), EntryFactory(person=None, unit=unit)]

    in_sql = dict(Entry.objects.annotate(home=Entry.participant_unit()).values_list("pk", "home"))

    assert in_sql == {e.pk: e.participant_unit_id for e in entries}
    assert [e.participant_unit_id for e in entries] == [entries[0].person.unit_id, unit.pk]


def test_same_participant_matches_the_person_or_the_unit_and_nobody_else():
    unit = UnitFactory(head=PersonFactory(user=UserFactory()))
    mine, ours, others = EntryFactory(), EntryFactory(person=None, unit=unit), EntryFactory()
    extension(mine, person=mine.person)
    extension(ours, unit=unit)

    extended = Entry.objects.annotate(
        extended=Exists(PersonalDeadline.objects.filter(PersonalDeadline.same_participant()))
    )

    assert dict(extended.values_list("pk", "extended")) == {mine.pk: True, ours.pk: True, others.pk: False}
