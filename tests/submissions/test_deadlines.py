"""One rule for "open for this participant at this instant": the Python and SQL answers agree.

Plan 169/KH-BDT opens 21/04/2022 00:00:00 and runs through 31/12/2022 23:59:59 Vietnam time; an
extension, when granted, runs through 07/01/2023 23:59:59. Each boundary instant is asked of
``accepts_entries`` (Python), of ``open_for_entry_q`` (an entry's participant, in SQL), of
``campaigns_open_for`` (the user's campaigns, in SQL) and of the close sweep's ``due_campaigns``.
"""

import pytest
import time_machine

from awards.services.closing import due_campaigns
from campaigns.enums import CampaignStatus
from submissions.deadlines import accepts_entries, campaigns_open_for, open_for_entry_q
from submissions.models import Entry, PersonalDeadline
from tests.factories import CampaignFactory, EntryFactory, PersonFactory, UnitFactory, UserFactory
from tests.submissions.conftest import vietnam

pytestmark = pytest.mark.django_db

EXTENDED_TO = vietnam(2023, 1, 7, 23, 59, 59)
SHORTENED_TO = vietnam(2023, 1, 3, 23, 59, 59)
FIRST_GRANT, SECOND_GRANT = vietnam(2022, 12, 30, 8), vietnam(2022, 12, 31, 8)

INSTANTS = {
    "last-tenth-before-opening": vietnam(2022, 4, 20, 23, 59, 59, 900000),
    "opening-exactly": vietnam(2022, 4, 21),
    "last-tenth-of-the-last-second": vietnam(2022, 12, 31, 23, 59, 59, 900000),
    "midnight-after-the-close": vietnam(2023, 1, 1),
    "between-shortened-and-extended": vietnam(2023, 1, 5, 12),
    "last-tenth-of-the-extension": vietnam(2023, 1, 7, 23, 59, 59, 900000),
    "midnight-after-the-extension": vietnam(2023, 1, 8),
}

EXTENSIONS = ["none", "for-this-participant", "for-another", "shortened-by-a-later-grant"]


def grant(campaign, *, person=None, unit=None, closes_at=EXTENDED_TO, at=FIRST_GRANT):
    with time_machine.travel(at, tick=False):
        return PersonalDeadline.objects.create(
            campaign=campaign, person=person, unit=unit, closes_at=closes_at, reason="Ốm.", granted_by=UserFactory()
        )


def participants(kind):
    """(person, unit, user who enters for them) for a person or for a unit through its head."""
    user = UserFactory()
    if kind == "person":
        return PersonFactory(user=user), None, user
    return None, UnitFactory(head=PersonFactory(user=user)), user


def answers(campaign, entry, user, moment):
    """(Python, SQL for the entry, SQL for the user's campaigns)."""
    return (
        accepts_entries(campaign=campaign, participant=entry.participant_key, moment=moment),
        list(Entry.objects.filter(open_for_entry_q(moment))) == [entry],
        list(campaigns_open_for(user, moment)) == [campaign],
    )


@pytest.mark.parametrize("status", [CampaignStatus.LAUNCHED, CampaignStatus.CLOSED, CampaignStatus.DRAFT])
@pytest.mark.parametrize("extension", EXTENSIONS)
@pytest.mark.parametrize("kind", ["person", "unit"])
@pytest.mark.parametrize("moment", INSTANTS.values(), ids=INSTANTS.keys())
def test_python_and_sql_agree_on_who_may_enter_at_each_boundary(moment, kind, extension, status):
    campaign = CampaignFactory(status=status)
    person, unit, user = participants(kind)
    entry = EntryFactory(campaign=campaign, person=person, unit=unit, created_by=user)
    if extension in ("for-this-participant", "shortened-by-a-later-grant"):
        grant(campaign, person=person, unit=unit)
    if extension == "shortened-by-a-later-grant":
        grant(campaign, person=person, unit=unit, closes_at=SHORTENED_TO, at=SECOND_GRANT)
    if extension == "for-another":
        other, other_unit, _user = participants(kind)
        grant(campaign, person=other, unit=other_unit)

    python, for_entry, for_user = answers(campaign, entry, user, moment)

    assert (for_entry, for_user) == (python, python)


@pytest.mark.parametrize("extension", EXTENSIONS)
@pytest.mark.parametrize("moment", INSTANTS.values(), ids=INSTANTS.keys())
def test_the_sweep_finds_a_campaign_due_exactly_when_nobody_may_enter_any_more(moment, extension):
    campaign = CampaignFactory(opens_at=vietnam(2022, 1, 1))
    entrants = [EntryFactory(campaign=campaign), EntryFactory(campaign=campaign)]
    if extension != "none":
        grant(campaign, person=entrants[0].person)
    if extension == "shortened-by-a-later-grant":
        grant(campaign, person=entrants[0].person, closes_at=SHORTENED_TO, at=SECOND_GRANT)

    anyone_may_enter = any(
        accepts_entries(campaign=campaign, participant=e.participant_key, moment=moment) for e in entrants
    )

    assert list(due_campaigns(moment)) == ([] if anyone_may_enter else [campaign])


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (vietnam(2023, 1, 3, 23, 59, 59, 900000), (True, True, True)),
        (vietnam(2023, 1, 4), (False, False, False)),
    ],
    ids=["last-tenth-of-the-shortened-deadline", "midnight-after-it"],
)
def test_a_later_grant_replaces_an_earlier_one_even_when_it_is_shorter(moment, expected):
    campaign = CampaignFactory()
    entry = EntryFactory(campaign=campaign)
    grant(campaign, person=entry.person)
    grant(campaign, person=entry.person, closes_at=SHORTENED_TO, at=SECOND_GRANT)

    assert answers(campaign, entry, entry.person.user, moment) == expected
