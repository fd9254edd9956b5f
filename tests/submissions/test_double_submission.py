"""Two clicks or two tabs leave one entry, submitted once, with one receipt."""

import pytest
import time_machine
from django.urls import reverse

from submissions import services
from submissions.enums import EntryAction, EntryStatus
from submissions.models import Entry, EntryEvent
from tests.factories import AttachmentFactory
from tests.submissions.conftest import DURING, entry_post, pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(DURING, tick=False):
        yield DURING


def submitted_events():
    return EntryEvent.objects.filter(action=EntryAction.SUBMITTED).count()


def test_saving_the_new_entry_form_twice_with_one_token_leaves_one_entry(client, campaign, area, author):
    client.force_login(author)
    data = entry_post(area)

    first = client.post(reverse("entry_create", args=[campaign.slug]), data)
    second = client.post(reverse("entry_create", args=[campaign.slug]), data)

    entry = Entry.objects.get()
    assert [first.url, second.url] == [reverse("entry_detail", args=[entry.code])] * 2
    assert EntryEvent.objects.filter(action=EntryAction.CREATED).count() == 1


def test_submitting_the_new_entry_form_twice_with_one_token_submits_once_and_mails_once(
    client, campaign, area, author, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(author)
    token = entry_post(area)["form_token"]

    with django_capture_on_commit_callbacks(execute=True):
        for _click in range(2):
            client.post(
                reverse("entry_create", args=[campaign.slug]),
                entry_post(area, form_token=token, save=None, submit="1", files=pdf()),
            )

    entry = Entry.objects.get()
    assert entry.status == EntryStatus.SUBMITTED
    assert entry.attachments.count() == 1
    assert submitted_events() == 1
    assert [mail.subject for mail in mailoutbox] == [f"Đã nhận bài dự thi {entry.code}"]


def test_submit_service_called_twice_submits_once(campaign, author, django_capture_on_commit_callbacks, mailoutbox):
    entry = AttachmentFactory(entry__campaign=campaign, entry__person=author.person).entry

    with django_capture_on_commit_callbacks(execute=True):
        first = services.submit_entry(entry=entry, by=author)
        second = services.submit_entry(entry=entry, by=author)

    assert (first, second) == (True, False)
    assert submitted_events() == 1
    assert len(mailoutbox) == 1


def test_submit_button_pressed_in_two_tabs_submits_once(client, campaign, author):
    entry = AttachmentFactory(entry__campaign=campaign, entry__person=author.person).entry
    client.force_login(author)
    url = reverse("entry_action", args=[entry.code, "gui"])

    first = client.post(url, follow=True)
    second = client.post(url, follow=True)

    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUBMITTED
    assert submitted_events() == 1
    assert [str(m) for m in first.context["messages"]] == ["Đã gửi bài. Biên nhận sẽ được gửi qua email."]
    assert [str(m) for m in second.context["messages"]] == ["Bài đã được gửi trước đó."]


def test_edit_form_submitted_twice_submits_once(client, campaign, area, author):
    entry = AttachmentFactory(entry__campaign=campaign, entry__area=area, entry__person=author.person).entry
    client.force_login(author)
    data = entry_post(area, save=None, submit="1")

    client.post(reverse("entry_update", args=[entry.code]), data)
    second = client.post(reverse("entry_update", args=[entry.code]), data)

    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUBMITTED
    assert submitted_events() == 1
    assert second.url == reverse("entry_detail", args=[entry.code])
