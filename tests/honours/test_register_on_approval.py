"""Every award of an approved nominee list enters the register when the leader approves the list
(issue 17, item 5), once: approving again or re-running the service adds nothing twice.

The list is posted on 10/01/2023 at 08:00 for 5 days; the leader approves on 16/01/2023.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from awards.enums import TieDecision
from awards.services import approval, compilation
from criteria.enums import AwardKind, DecidingLevel
from honours.enums import RegisterSource
from honours.models import RegisterEntry
from honours.services import enter_approved_list

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
POSTED = datetime(2023, 1, 10, 8, 0, tzinfo=VIETNAM)
AFTER = POSTED + timedelta(days=6)
F1 = "Giấy khen của Trưởng Ban Dân tộc"
DECISION = {
    "decision_number": "Quyết định số 120/QĐ-BDT",
    "decision_date": "16/01/2023",
    "signer_title": "Trưởng ban",
    "signer": "Nguyễn Văn Trưởng",
}


def posted(world):
    nominee_list = compilation.compile_nominees(campaign=world.campaign)
    with time_machine.travel(POSTED, tick=False):
        return approval.publish_list(nominee_list=nominee_list, by=world.secretary, days=5)


def approve_through_the_page(client, world, nominee_list):
    client.force_login(world.leader)
    with time_machine.travel(AFTER, tick=False):
        return client.post(reverse("nominee_list_approve", args=[world.campaign.slug, nominee_list.code]), DECISION)


def register_rows():
    return list(
        RegisterEntry.objects.order_by("pk").values_list(
            "person__full_name", "year", "title", "kind", "deciding_level", "decision_number", "decision_date", "source"
        )
    )


@pytest.fixture
def world(closing_world):
    """One form with two places at 80: An 90 and Bình 85 nominated, Chi 70 not."""
    closing_world.form(F1, min_score=80, quota_count=2)
    closing_world.people = closing_world.ranked([("An", 90), ("Bình", 85), ("Chi", 70)])
    return closing_world


def test_approving_a_list_through_its_page_enters_each_award_in_the_register(client, world):
    nominee_list = posted(world)

    response = approve_through_the_page(client, world, nominee_list)

    assert response.status_code == 302
    expected = [
        (name, 2022, F1, AwardKind.COMMENDATION, DecidingLevel.AGENCY_HEAD, "120/QĐ-BDT", date(2023, 1, 16), "campaign")
        for name in ("An", "Bình")
    ]
    assert register_rows() == expected
    assert set(RegisterEntry.objects.values_list("authority", flat=True)) == {f"Trưởng ban {world.agency.name}"}


def test_approving_the_same_list_again_is_refused_and_adds_nothing(client, world):
    nominee_list = posted(world)
    approve_through_the_page(client, world, nominee_list)

    again = approve_through_the_page(client, world, nominee_list)

    assert again.status_code == 200
    assert RegisterEntry.objects.count() == 2


def test_running_the_register_service_again_adds_nothing(client, world):
    nominee_list = posted(world)
    approve_through_the_page(client, world, nominee_list)
    nominee_list.refresh_from_db()

    added = enter_approved_list(nominee_list=nominee_list)

    assert (added, RegisterEntry.objects.count()) == (0, 2)


def test_the_database_refuses_a_second_register_row_for_one_nominee(client, world):
    nominee_list = posted(world)
    approve_through_the_page(client, world, nominee_list)
    first = RegisterEntry.objects.order_by("pk").first()
    first.pk = None

    with pytest.raises(IntegrityError), transaction.atomic():
        first.save()


def test_a_list_not_approved_does_not_enter_the_register(world):
    nominee_list = posted(world)

    with pytest.raises(ValidationError):
        enter_approved_list(nominee_list=nominee_list)
    assert RegisterEntry.objects.count() == 0


def test_a_participant_the_council_dropped_at_a_tie_gets_no_register_row(client, closing_world):
    closing_world.form(F1, min_score=80, quota_count=1)
    people = closing_world.ranked([("An", 90), ("Bình", 90)])
    nominee_list = compilation.compile_nominees(campaign=closing_world.campaign)
    for nominee in nominee_list.nominees.select_related("person"):
        keep = nominee.person == people["An"]
        approval.resolve_tie(
            nominee=nominee,
            by=closing_world.secretary,
            decision=TieDecision.KEEP if keep else TieDecision.DROP,
            reason="Biên bản họp Hội đồng số 3",
        )
    with time_machine.travel(POSTED, tick=False):
        approval.publish_list(nominee_list=nominee_list, by=closing_world.secretary, days=5)

    approve_through_the_page(client, closing_world, nominee_list)

    assert [row[0] for row in register_rows()] == ["An"]
    assert RegisterEntry.objects.get().source == RegisterSource.CAMPAIGN
