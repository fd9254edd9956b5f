from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from campaigns.enums import Role
from tests.factories import CampaignFactory, CriterionFactory, ReformAreaFactory

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

# (code, maximum points): the sample set of Plan 169/KH-BDT, adding up to 100.
FIVE_CRITERIA = [("TC1", 25), ("TC2", 30), ("TC3", 20), ("TC4", 15), ("TC5", 10)]


def vietnam(year, month, day, hour=0, minute=0, second=0, microsecond=0):
    """A moment as read on a clock in Vietnam."""
    return datetime(year, month, day, hour, minute, second, microsecond, tzinfo=VIETNAM)


def campaign_of(year, **fields):
    """A launched campaign open from 15/01 until 31/12 23:59:59 of ``year``."""
    return CampaignFactory(
        **{
            "signed_on": date(year, 1, 15),
            "opens_at": vietnam(year, 1, 15),
            "closes_at": vietnam(year, 12, 31, 23, 59, 59),
            "scale_total": Decimal(100),
            **fields,
        }
    )


def campaign_with_set(
    year, *, areas=("Cải cách thể chế", "Cải cách thủ tục hành chính"), criteria=FIVE_CRITERIA, **fields
):
    """A campaign of ``year`` with numbered reform areas and criteria for every area (adding up to 100)."""
    campaign = campaign_of(year, **fields)
    for order, name in enumerate(areas, start=1):
        ReformAreaFactory(campaign=campaign, order=order, name=name)
    for order, (code, points) in enumerate(criteria, start=1):
        CriterionFactory(campaign=campaign, code=code, order=order, max_points=Decimal(points))
    return campaign


@pytest.fixture
def secretary(make_user):
    return make_user("thuky", Role.SECRETARY)


@pytest.fixture
def secretary_client(client, secretary):
    client.force_login(secretary)
    return client
