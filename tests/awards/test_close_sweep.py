"""Closing a campaign at its deadline (rule 7): the sweep, to the second, once; and by hand in the admin.

Plan 169/KH-BDT is open until 31/12/2022 23:59:59 Vietnam time: at 23:59:59.9 it is still open
and the sweep leaves it alone; from 00:00:00 on 01/01/2023 it is due, and the first sweep closes
it ("hệ thống" as the actor), locks its entries and queues the compilation after commit. Here
the task runs in this thread (eager mode); test_celery_worker.py runs the same through a worker.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards import tasks
from awards.models import NomineeList
from awards.services import closing, compilation
from campaigns.enums import CampaignStatus, Role
from campaigns.models import Campaign
from campaigns.participants import Participant
from submissions.models import PersonalDeadline
from submissions.services import ensure_accepting
from tests.factories import CampaignFactory

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
LAST_TENTH = datetime(2022, 12, 31, 23, 59, 59, 900000, tzinfo=VIETNAM)
MIDNIGHT = datetime(2023, 1, 1, 0, 0, 0, tzinfo=VIETNAM)
NEXT_MORNING = datetime(2023, 1, 2, 9, 30, tzinfo=VIETNAM)


@pytest.fixture
def world(closing_world):
    closing_world.form("Giấy khen của Trưởng Ban Dân tộc", min_score=80)
    closing_world.people = closing_world.ranked([("An", 90), ("Bình", 70)])
    return closing_world


def sweep(moment, capture):
    with time_machine.travel(moment, tick=False), capture(execute=True) as callbacks:
        closed = tasks.task_close_due_campaigns()
    return closed, len(callbacks)


def reloaded(campaign):
    return Campaign.objects.get(pk=campaign.pk)


def test_at_the_last_tenth_of_its_last_second_the_campaign_stays_open(world, django_capture_on_commit_callbacks):
    closed, queued = sweep(LAST_TENTH, django_capture_on_commit_callbacks)

    campaign = reloaded(world.campaign)
    assert (closed, queued) == ([], 0)
    assert (campaign.status, campaign.closed_at, campaign.closed_by) == (CampaignStatus.LAUNCHED, None, "")
    assert list(closing.due_campaigns(LAST_TENTH)) == []
    ensure_accepting(
        campaign=campaign, participant=Participant.of(person_id=world.people["Bình"].pk), moment=LAST_TENTH
    )  # still accepting


def test_at_midnight_the_sweep_closes_it_locks_entries_and_compiles(world, django_capture_on_commit_callbacks):
    closed, queued = sweep(MIDNIGHT, django_capture_on_commit_callbacks)

    campaign = reloaded(world.campaign)
    assert (closed, queued) == ([campaign.pk], 1)
    assert (campaign.status, campaign.closed_at, campaign.closed_by) == (CampaignStatus.CLOSED, MIDNIGHT, "hệ thống")
    assert [n.person.full_name for n in NomineeList.objects.get().nominees.select_related("person")] == ["An"]
    with pytest.raises(ValidationError, match="Đã hết hạn nhận bài"):
        ensure_accepting(
            campaign=campaign, participant=Participant.of(person_id=world.people["Bình"].pk), moment=MIDNIGHT
        )


def test_a_second_sweep_changes_nothing(world, django_capture_on_commit_callbacks):
    sweep(MIDNIGHT, django_capture_on_commit_callbacks)

    closed, queued = sweep(NEXT_MORNING, django_capture_on_commit_callbacks)

    assert (closed, queued) == ([], 0)
    assert reloaded(world.campaign).closed_at == MIDNIGHT
    assert NomineeList.objects.count() == 1


def test_two_sweeps_that_both_found_it_due_close_it_once(world, django_capture_on_commit_callbacks):
    """The race, step by step: both sweeps read the campaign as due before either closes it."""
    with time_machine.travel(MIDNIGHT, tick=False), django_capture_on_commit_callbacks(execute=True) as callbacks:
        first_due = list(closing.due_campaigns(MIDNIGHT).values_list("pk", flat=True))
        second_due = list(closing.due_campaigns(MIDNIGHT).values_list("pk", flat=True))
        first = [closing.close_campaign(campaign_id=pk, by=compilation.SYSTEM) for pk in first_due]
        second = [closing.close_campaign(campaign_id=pk, by=compilation.SYSTEM) for pk in second_due]

    assert (first_due, second_due) == ([world.campaign.pk], [world.campaign.pk])
    assert (first, second, len(callbacks)) == ([True], [False], 1)
    assert NomineeList.objects.count() == 1


def test_a_later_personal_deadline_keeps_the_campaign_open_until_it_passes(world, django_capture_on_commit_callbacks):
    PersonalDeadline.objects.create(
        campaign=world.campaign,
        person=world.people["Bình"],
        closes_at=datetime(2023, 1, 2, 23, 59, 59, tzinfo=VIETNAM),
        reason="Ốm đau, có giấy xác nhận",
        granted_by=world.secretary,
    )

    assert sweep(datetime(2023, 1, 2, 23, 59, 59, 900000, tzinfo=VIETNAM), django_capture_on_commit_callbacks)[0] == []
    assert sweep(datetime(2023, 1, 3, 0, 0, tzinfo=VIETNAM), django_capture_on_commit_callbacks)[0] == [
        world.campaign.pk
    ]


def test_draft_and_later_campaigns_are_left_alone(world, django_capture_on_commit_callbacks):
    draft = CampaignFactory(agency=world.agency, plan_number="2/KH-BDT", status=CampaignStatus.DRAFT)
    later = CampaignFactory(
        agency=world.agency, plan_number="3/KH-BDT", closes_at=datetime(2023, 1, 1, 0, 0, 0, tzinfo=VIETNAM)
    )

    closed, _queued = sweep(MIDNIGHT, django_capture_on_commit_callbacks)

    assert closed == [world.campaign.pk]
    assert [reloaded(draft).status, reloaded(later).status] == [CampaignStatus.DRAFT, CampaignStatus.LAUNCHED]


def test_a_sweep_with_nothing_due_is_two_queries(world, django_assert_num_queries):
    """One for campaigns due to close, one for closed campaigns still owed their nominee list."""
    with time_machine.travel(LAST_TENTH, tick=False), django_assert_num_queries(2):
        assert tasks.task_close_due_campaigns() == []


# --- By hand, in the admin --------------------------------------------------------------------------


def close_now(client, user, campaign):
    client.force_login(user)
    return client.post(
        reverse("admin:campaigns_campaign_changelist"),
        {"action": "close_now", "_selected_action": [str(campaign.pk)], "index": "0"},
    )


def test_the_secretary_closes_by_hand_with_the_same_effect_as_the_sweep(
    client, world, django_capture_on_commit_callbacks
):
    with time_machine.travel(NEXT_MORNING, tick=False), django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = close_now(client, world.secretary, world.campaign)

    campaign = reloaded(world.campaign)
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Đã đóng 1 phong trào; danh sách khen thưởng đang được lập."
    ]
    assert (campaign.status, campaign.closed_at, campaign.closed_by) == (
        CampaignStatus.CLOSED,
        NEXT_MORNING,
        "Phạm Thư Ký",
    )
    assert len(callbacks) == 1
    nominee_list = NomineeList.objects.get()
    assert [n.person.full_name for n in nominee_list.nominees.select_related("person")] == ["An"]
    assert nominee_list.compiled_by == "hệ thống"


def test_closing_by_hand_twice_or_after_the_sweep_changes_nothing(client, world, django_capture_on_commit_callbacks):
    sweep(MIDNIGHT, django_capture_on_commit_callbacks)

    with time_machine.travel(NEXT_MORNING, tick=False), django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = close_now(client, world.secretary, world.campaign)

    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Không có phong trào nào đang mở trong các phong trào đã chọn."
    ]
    assert (len(callbacks), reloaded(world.campaign).closed_by, NomineeList.objects.count()) == (0, "hệ thống", 1)


@pytest.mark.parametrize("role", [Role.LEADER, Role.ADMINISTRATOR])
def test_a_user_who_may_only_view_campaigns_cannot_close_one_by_hand(
    client, world, make_user, role, django_capture_on_commit_callbacks
):
    """Leaders and administrators may view campaigns in the admin, not change them: closing is the secretary's."""
    viewer = make_user(f"chi-xem-{role}", role)

    with time_machine.travel(NEXT_MORNING, tick=False), django_capture_on_commit_callbacks(execute=True):
        close_now(client, viewer, world.campaign)

    campaign = reloaded(world.campaign)
    assert (campaign.status, campaign.closed_by) == (CampaignStatus.LAUNCHED, "")
    assert NomineeList.objects.count() == 0
