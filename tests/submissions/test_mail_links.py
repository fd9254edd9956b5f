"""Every mail about an entry or a member's scoring links to its page at the site's address
(issue 14, item 21): absolute, from SITE_URL, and the page opens for the one it was sent to."""

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse

from submissions import services
from submissions.tasks import task_send_deadline_reminders, task_send_scoring_reminders
from tests.factories import AssignmentFactory, CouncilMemberFactory, EntryFactory
from tests.mails import follow_link
from tests.submissions.conftest import DURING, vietnam
from tests.submissions.test_lifecycle import draft_with_evidence

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_address")]
SITE = "https://thidua.example.gov.vn"


@pytest.fixture
def site_address():
    with override_settings(SITE_URL=SITE + "/"):
        yield


def test_the_receipt_and_the_return_link_to_the_entry(
    client, campaign, author, secretary, django_capture_on_commit_callbacks, mailoutbox
):
    entry = draft_with_evidence(campaign, author)
    with time_machine.travel(DURING, tick=False), django_capture_on_commit_callbacks(execute=True):
        services.submit_entry(entry=entry, by=author)
        services.return_entry(entry=entry, by=secretary, reason="Thiếu số liệu.")

    receipt, returned = mailoutbox
    for mail in (receipt, returned):
        assert f"{SITE}/bai-du-thi/{entry.code}/" in mail.body
        assert follow_link(client, mail, author).status_code == 200


def test_the_deadline_reminder_links_to_the_draft(client, campaign, author, mailoutbox):
    entry = EntryFactory(campaign=campaign, person=author.person)
    with time_machine.travel(vietnam(2022, 12, 30, 9), tick=False):
        task_send_deadline_reminders.delay()

    (mail,) = mailoutbox
    assert f"{SITE}/bai-du-thi/{entry.code}/" in mail.body
    assert follow_link(client, mail, author).status_code == 200


def test_the_scoring_reminder_links_to_the_members_desk(client, campaign, make_user, mailoutbox):
    from campaigns.enums import Role

    member = make_user("hoidong-nhac", Role.COUNCIL_MEMBER, full_name="Trần Thị Bình")
    member.email = "binh@bdt.vinhlong.gov.vn"
    member.save(update_fields=["email"])
    seat = CouncilMemberFactory(campaign=campaign, person=member.person)
    AssignmentFactory(entry__campaign=campaign, member=seat)

    task_send_scoring_reminders.delay(campaign_id=campaign.pk)

    (mail,) = mailoutbox
    assert f"{SITE}{reverse('admin:submissions_assignment_changelist')}" in mail.body
    assert follow_link(client, mail, member).status_code == 200
    # …and the home page says the same, with the link (issue 14, item 21).
    assert "Còn 1 bài được phân công chưa chấm." in client.get(reverse("home")).text
