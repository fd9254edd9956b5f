"""After the participant's deadline the entry pages show the state, not buttons that lead to an error.

Plan 169/KH-BDT closes 31/12/2022 23:59:59 (Vietnam time): 23:59:59.9 is still open, 00:00:00 is not.
"""

import lxml.html
import pytest
import time_machine
from django.urls import reverse

from submissions import services
from submissions.enums import EntryStatus
from tests.factories import EntryFactory
from tests.submissions.conftest import FIRST_CLOSED_MOMENT, LAST_MOMENT, vietnam

pytestmark = pytest.mark.django_db

PASSED = "Đã hết hạn gửi bài lúc 31/12/2022 23:59:59 (giờ Việt Nam): bài không sửa, gửi hay rút được nữa."


def actions(response, entry) -> list[str]:
    """The author's actions the page offers: links to the edit page and forms that post an action."""
    document = lxml.html.fromstring(response.content.decode())
    offered = {
        reverse("entry_update", args=[entry.code]): "sua",
        reverse("entry_action", args=[entry.code, "gui"]): "gui",
        reverse("entry_action", args=[entry.code, "rut"]): "rut",
    }
    targets = document.xpath("//a/@href | //form/@action")
    return [offered[target] for target in targets if target in offered]


def deadline_notice(response) -> list[str]:
    document = lxml.html.fromstring(response.content.decode())
    return [" ".join(p.text_content().split()) for p in document.xpath("//*[@id='deadline-passed']")]


@pytest.fixture
def draft(campaign, area, author):
    return EntryFactory(campaign=campaign, area=area, person=author.person)


def test_a_draft_offers_edit_submit_and_withdraw_through_the_last_tenth_of_a_second(client, author, draft):
    client.force_login(author)

    with time_machine.travel(LAST_MOMENT, tick=False):
        response = client.get(reverse("entry_detail", args=[draft.code]))

    assert actions(response, draft) == ["sua", "gui", "rut"]
    assert deadline_notice(response) == []


def test_from_midnight_a_draft_shows_that_the_deadline_has_passed_instead_of_its_buttons(client, author, draft):
    client.force_login(author)

    with time_machine.travel(FIRST_CLOSED_MOMENT, tick=False):
        response = client.get(reverse("entry_detail", args=[draft.code]))

    assert actions(response, draft) == []
    assert deadline_notice(response) == [PASSED]


def test_from_midnight_a_submitted_entry_shows_the_deadline_instead_of_withdrawal(client, campaign, area, author):
    entry = EntryFactory(campaign=campaign, area=area, person=author.person, status=EntryStatus.SUBMITTED)
    client.force_login(author)

    with time_machine.travel(FIRST_CLOSED_MOMENT, tick=False):
        response = client.get(reverse("entry_detail", args=[entry.code]))

    assert actions(response, entry) == []
    assert deadline_notice(response) == [PASSED]


def test_a_reader_who_is_not_the_author_sees_no_deadline_notice(client, draft, secretary):
    draft.status = EntryStatus.SUBMITTED
    draft.save(update_fields=["status"])
    client.force_login(secretary)

    with time_machine.travel(FIRST_CLOSED_MOMENT, tick=False):
        response = client.get(reverse("entry_detail", args=[draft.code]))

    assert response.status_code == 200
    assert deadline_notice(response) == []


def test_a_personal_extension_keeps_the_buttons_after_the_campaign_closes(client, campaign, author, secretary, draft):
    with time_machine.travel(vietnam(2022, 12, 30, 8, 0), tick=False):
        services.grant_extension(
            campaign=campaign,
            by=secretary,
            person=author.person,
            closes_at=vietnam(2023, 1, 7, 23, 59, 59),
            reason="Ốm nằm viện từ 20/12/2022, có giấy ra viện.",
        )
    client.force_login(author)

    with time_machine.travel(vietnam(2023, 1, 7, 23, 59, 59, 900000), tick=False):
        inside = client.get(reverse("entry_detail", args=[draft.code]))
    with time_machine.travel(vietnam(2023, 1, 8), tick=False):
        after = client.get(reverse("entry_detail", args=[draft.code]))

    assert (actions(inside, draft), deadline_notice(inside)) == (["sua", "gui", "rut"], [])
    assert (actions(after, draft), deadline_notice(after)) == (
        [],
        ["Đã hết hạn gửi bài lúc 07/01/2023 23:59:59 (giờ Việt Nam): bài không sửa, gửi hay rút được nữa."],
    )


def test_the_edit_page_opens_through_the_last_tenth_of_a_second(client, author, draft):
    client.force_login(author)

    with time_machine.travel(LAST_MOMENT, tick=False):
        response = client.get(reverse("entry_update", args=[draft.code]))

    assert response.status_code == 200


def test_from_midnight_the_edit_page_leads_back_to_the_entry_with_the_deadline(client, author, draft):
    client.force_login(author)

    with time_machine.travel(FIRST_CLOSED_MOMENT, tick=False):
        response = client.get(reverse("entry_update", args=[draft.code]), follow=True)

    assert response.redirect_chain == [(reverse("entry_detail", args=[draft.code]), 302)]
    assert [str(m) for m in response.context["messages"]] == [PASSED]


def test_a_returned_entry_is_a_task_on_the_home_page_only_until_the_deadline(client, campaign, area, author):
    entry = EntryFactory(
        campaign=campaign, area=area, person=author.person, status=EntryStatus.RETURNED, return_reason="Bổ sung."
    )
    client.force_login(author)

    with time_machine.travel(LAST_MOMENT, tick=False):
        inside = client.get(reverse("home"))
    with time_machine.travel(FIRST_CLOSED_MOMENT, tick=False):
        after = client.get(reverse("home"))

    assert [e.code for e in inside.context["returned_entries"]] == [entry.code]
    assert after.context["returned_entries"] == []
    assert "Việc cần làm" not in after.text
