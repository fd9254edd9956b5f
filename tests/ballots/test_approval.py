"""Approval waits for the council's vote: a posted list's nominees of a form that requires a vote
must have passed in the list's closed ballot (awards.services.approval.approval_problems)."""

from datetime import date

import pytest
import time_machine

from awards.services import approval
from ballots import services
from tests.awards.conftest import ClosingWorld
from tests.awards.test_approve_list import F1, WINDOW_ENDS, posted_list

pytestmark = pytest.mark.django_db
NOT_VOTED = "Còn 1 người được đề nghị chưa được Hội đồng bỏ phiếu kín thông qua (STT 1)."


@pytest.fixture
def world(make_user):
    world = ClosingWorld(make_user)
    form = world.form(F1, min_score=80, quota_count=1)
    form.requires_vote = True
    form.save(update_fields=["requires_vote"])
    world.people = world.ranked([("An", 90), ("Chi", 70)])
    return world


def problems(nominee_list) -> list[str]:
    with time_machine.travel(WINDOW_ENDS, tick=False):
        return approval.approval_problems(nominee_list)


def ballot_on(world, nominee_list, *, in_favour: bool):
    ballot = services.open_ballot(
        nominee_list=nominee_list, by=world.secretary, meeting_date=date(2023, 1, 12), place="Phòng họp"
    )
    services.record_attendance(ballot=ballot, by=world.secretary, members=[world.member])
    nominee = nominee_list.nominees.get()
    services.cast_vote(ballot=ballot, by=world.member_user, choices={nominee.pk: in_favour})
    return ballot


def test_a_nominee_of_a_form_that_requires_a_vote_needs_a_closed_ballot_they_passed(world):
    nominee_list = posted_list(world)
    ballot = ballot_on(world, nominee_list, in_favour=True)

    assert problems(nominee_list) == [NOT_VOTED]  # the ballot is still open
    services.close_ballot(ballot=ballot, by=world.secretary)
    assert problems(nominee_list) == []


def test_a_nominee_the_council_voted_down_keeps_the_list_from_approval(world):
    nominee_list = posted_list(world)
    services.close_ballot(ballot=ballot_on(world, nominee_list, in_favour=False), by=world.secretary)

    assert problems(nominee_list) == [NOT_VOTED]
