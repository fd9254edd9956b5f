"""The secretary's progress page says what still waits: entries nobody scores yet, scores not given."""

import lxml.html
import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.enums import Role
from submissions.enums import EntryStatus
from tests.factories import CampaignFactory
from tests.factories.scoring import AssignmentFactory, ScorerFactory, SubmittedEntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    return CampaignFactory()


@pytest.fixture
def secretary_client(client, make_user):
    client.force_login(make_user("thuky", Role.SECRETARY, person=False))
    return client


def progress(client, campaign):
    response = client.get(reverse("admin:submissions_assignment_progress"), {"phong-trao": campaign.slug})
    return response, lxml.html.fromstring(response.content.decode())


def reminder_buttons(page) -> list[str]:
    return page.xpath("//div[@id='content']//form[@method='post']//input[@type='submit']/@value")


def test_entries_nobody_is_assigned_are_counted_with_the_way_to_assign_them(secretary_client, campaign):
    SubmittedEntryFactory(campaign=campaign)
    SubmittedEntryFactory(campaign=campaign, status=EntryStatus.ENDORSED)
    SubmittedEntryFactory(campaign=campaign, status=EntryStatus.DRAFT, submitted_at=None)
    AssignmentFactory(entry__campaign=campaign, completed_at=timezone.now())

    response, page = progress(secretary_client, campaign)

    assert response.context["unassigned"] == 2
    (warning,) = page.xpath("//p[@class='warning']")
    assert "2 bài đã gửi chưa được phân công chấm." in warning.text_content()
    assert warning.xpath(".//a/@href") == [reverse("admin:submissions_assignment_auto")]


def test_with_every_score_given_there_is_nothing_to_remind_and_it_says_so(secretary_client, campaign):
    member = ScorerFactory(campaign=campaign)
    AssignmentFactory(entry__campaign=campaign, member=member, completed_at=timezone.now())

    response, page = progress(secretary_client, campaign)

    assert response.context["unassigned"] == 0 and page.xpath("//p[@class='warning']") == []
    assert reminder_buttons(page) == []
    assert "Mọi lượt chấm đã phân công đều đã xong." in response.content.decode()


def test_with_scores_missing_the_reminder_button_is_there(secretary_client, campaign):
    AssignmentFactory(entry__campaign=campaign)

    _response, page = progress(secretary_client, campaign)

    assert reminder_buttons(page) == ["Gửi email nhắc các thành viên còn bài chưa chấm"]


def test_before_any_assignment_it_says_nothing_is_assigned_yet(secretary_client, campaign):
    ScorerFactory(campaign=campaign)

    response, page = progress(secretary_client, campaign)

    assert reminder_buttons(page) == []
    assert "Chưa có lượt chấm nào được phân công." in response.content.decode()
