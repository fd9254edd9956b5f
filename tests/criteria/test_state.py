"""A campaign's state comes from the clock (``state_at``), not from any job having run.

Plan 169/KH-BDT runs "until 31/12/2022 23:59:59" Vietnam time: an entry at 23:59:59.9 is still
in time, one at 00:00:00 on 01/01/2023 is not.
"""

from datetime import UTC, datetime

import pytest
import time_machine

from campaigns.enums import CampaignState, CampaignStatus
from tests.criteria.conftest import vietnam
from tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db


def test_campaign_is_still_open_in_the_last_tenth_of_its_closing_second():
    campaign = CampaignFactory(closes_at=vietnam(2022, 12, 31, 23, 59, 59))
    moment = datetime(2022, 12, 31, 16, 59, 59, 900000, tzinfo=UTC)  # 23:59:59.9 in Vietnam

    assert moment == vietnam(2022, 12, 31, 23, 59, 59, 900000)
    assert campaign.state_at(moment) == CampaignState.OPEN
    assert campaign.is_open_at(moment) is True


def test_campaign_has_ended_at_midnight_after_its_closing_second():
    campaign = CampaignFactory(closes_at=vietnam(2022, 12, 31, 23, 59, 59))
    moment = vietnam(2023, 1, 1, 0, 0, 0)

    assert moment == datetime(2022, 12, 31, 17, 0, 0, tzinfo=UTC)
    assert campaign.state_at(moment) == CampaignState.ENDED
    assert campaign.is_open_at(moment) is False


def test_closing_second_is_read_in_vietnam_time_not_utc():
    campaign = CampaignFactory(closes_at=vietnam(2022, 12, 31, 23, 59, 59))
    # 23:59:59 UTC on 31/12 is already 06:59:59 on 01/01/2023 in Vietnam.
    moment = datetime(2022, 12, 31, 23, 59, 59, tzinfo=UTC)

    assert campaign.state_at(moment) == CampaignState.ENDED


def test_campaign_is_upcoming_until_its_opening_moment_and_open_from_it():
    campaign = CampaignFactory(opens_at=vietnam(2022, 4, 21), closes_at=vietnam(2022, 12, 31, 23, 59, 59))

    before = vietnam(2022, 4, 20, 23, 59, 59, 999999)
    at_opening = vietnam(2022, 4, 21)

    assert campaign.state_at(before) == CampaignState.UPCOMING
    assert campaign.state_at(at_opening) == CampaignState.OPEN


@pytest.mark.parametrize(
    "moment",
    [vietnam(2022, 4, 20), vietnam(2022, 6, 1, 12), vietnam(2022, 12, 31, 23, 59, 59, 900000), vietnam(2023, 1, 1)],
    ids=["before-opening", "mid-campaign", "last-second", "after-closing"],
)
def test_draft_campaign_is_never_open(moment):
    draft = CampaignFactory(status=CampaignStatus.DRAFT)

    assert draft.state_at(moment) == CampaignState.DRAFT


def test_closed_campaign_has_ended_even_before_its_closing_moment():
    campaign = CampaignFactory(status=CampaignStatus.CLOSED, closes_at=vietnam(2022, 12, 31, 23, 59, 59))

    assert campaign.state_at(vietnam(2022, 6, 1)) == CampaignState.ENDED


def test_state_follows_the_clock_without_any_job_running():
    campaign = CampaignFactory(closes_at=vietnam(2022, 12, 31, 23, 59, 59))

    with time_machine.travel(vietnam(2022, 12, 31, 23, 59, 59, 900000), tick=False):
        before_midnight = campaign.state
    with time_machine.travel(vietnam(2023, 1, 1), tick=False):
        at_midnight = campaign.state

    assert (before_midnight, at_midnight) == (CampaignState.OPEN, CampaignState.ENDED)


def test_a_closing_moment_with_a_fraction_of_a_second_still_ends_at_the_next_whole_second():
    # Only the admin forms trim closes_at to a whole second; clone_campaign() and other code keep the
    # fraction. The campaign still reads "until 31/12/2022 23:59:59", so 00:00:00.2 is past it.
    campaign = CampaignFactory(closes_at=vietnam(2022, 12, 31, 23, 59, 59, 500000))
    moment = vietnam(2023, 1, 1, 0, 0, 0, 200000)

    assert campaign.state_at(moment) == CampaignState.ENDED
