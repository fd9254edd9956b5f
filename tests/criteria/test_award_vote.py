"""An award form's council vote (issue 17, item 6): whether it requires a secret ballot and the share
of the council that must vote for, kept by a clone and held between 0 and 100 % by the database."""

from decimal import Decimal

import pytest
from django.db import IntegrityError

from criteria.services import clone_campaign
from tests.factories import AwardFormFactory, CampaignFactory

pytestmark = pytest.mark.django_db


def test_a_clone_keeps_each_forms_vote_and_threshold():
    source = CampaignFactory()
    AwardFormFactory(campaign=source, requires_vote=True, vote_threshold=Decimal("66.67"))

    clone = clone_campaign(
        source=source,
        slug="clone",
        plan_number="1/KH-CLONE",
        title="Bản sao",
        signed_on=source.signed_on,
        opens_at=source.opens_at,
        closes_at=source.closes_at,
    )

    assert list(clone.award_forms.values_list("requires_vote", "vote_threshold")) == [(True, Decimal("66.67"))]


def test_a_new_form_asks_no_vote_and_would_need_70_percent():
    form = AwardFormFactory()

    assert (form.requires_vote, form.vote_threshold) == (False, Decimal(70))


@pytest.mark.parametrize("threshold", ["0", "100.01"])
def test_a_threshold_outside_0_to_100_percent_is_refused_by_the_database(threshold):
    with pytest.raises(IntegrityError, match="criteria_awardform_vote_threshold_range"):
        AwardFormFactory(vote_threshold=Decimal(threshold))
