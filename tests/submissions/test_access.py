"""Who may open an entry and its evidence: anyone else gets a 404 while the data exists."""

import pytest
import time_machine
from django.urls import reverse

from campaigns.enums import Role
from submissions import permissions
from submissions.enums import EntryStatus
from submissions.models import Entry
from tests.factories import AttachmentFactory, EntryFactory, UnitFactory
from tests.submissions.conftest import DURING

pytestmark = pytest.mark.django_db

ACTIONS = ["gui", "rut", "tra-lai", "xac-nhan"]


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(DURING, tick=False):
        yield DURING


def evidence_of(author, campaign, status):
    return AttachmentFactory(entry__campaign=campaign, entry__person=author.person, entry__status=status)


@pytest.mark.parametrize("status", [EntryStatus.DRAFT, EntryStatus.SUBMITTED])
def test_another_staff_member_gets_404_for_the_entry_its_edit_page_and_its_evidence(
    client, campaign, author, other, status
):
    attachment = evidence_of(author, campaign, status)
    entry = attachment.entry
    client.force_login(other)

    pages = [
        client.get(reverse("entry_detail", args=[entry.code])),
        client.get(reverse("entry_update", args=[entry.code])),
        client.post(reverse("entry_update", args=[entry.code]), {"title": "Chiếm bài"}),
        client.get(reverse("attachment_download", args=[attachment.code])),
    ]

    assert [page.status_code for page in pages] == [404, 404, 404, 404]
    assert Entry.objects.filter(pk=entry.pk, title=entry.title).exists()


@pytest.mark.parametrize("action", ACTIONS)
def test_another_staff_member_gets_404_for_every_action_on_the_entry(client, campaign, author, other, action):
    entry = evidence_of(author, campaign, EntryStatus.SUBMITTED).entry
    client.force_login(other)

    response = client.post(reverse("entry_action", args=[entry.code, action]), {"reason": "Không rõ."})

    entry.refresh_from_db()
    assert response.status_code == 404
    assert entry.status == EntryStatus.SUBMITTED
    assert entry.events.count() == 0


@pytest.mark.parametrize("action", ["gui", "rut", "xac-nhan", "dong-tac-gia", "khong-phai-dong-tac-gia"])
def test_the_secretary_who_reads_the_entry_gets_404_for_the_actions_that_are_not_hers(
    client, campaign, author, secretary, action
):
    entry = evidence_of(author, campaign, EntryStatus.SUBMITTED).entry
    client.force_login(secretary)

    response = client.post(reverse("entry_action", args=[entry.code, action]))

    entry.refresh_from_db()
    assert (response.status_code, entry.status, entry.events.count()) == (404, EntryStatus.SUBMITTED, 0)


def test_unknown_action_is_404_for_the_author(client, campaign, author):
    entry = EntryFactory(campaign=campaign, person=author.person)
    client.force_login(author)

    # Each action has its own URL, so an unknown one has no URL to reverse: it is written out.
    response = client.post(reverse("entry_detail", args=[entry.code]) + "xoa/")

    assert response.status_code == 404
    assert Entry.objects.filter(pk=entry.pk).exists()


def test_actions_answer_only_post(client, campaign, author):
    entry = EntryFactory(campaign=campaign, person=author.person)
    client.force_login(author)

    response = client.get(reverse("entry_action", args=[entry.code, "rut"]))

    entry.refresh_from_db()
    assert response.status_code == 405
    assert entry.status == EntryStatus.DRAFT


@pytest.mark.parametrize("action", [*ACTIONS, "dong-tac-gia", "khong-phai-dong-tac-gia"])
def test_every_action_keeps_its_path_and_answers_only_post(client, campaign, author, action):
    entry = EntryFactory(campaign=campaign, person=author.person)
    client.force_login(author)

    url = reverse("entry_action", args=[entry.code, action])
    response = client.get(url)

    assert (url, response.status_code) == (f"/bai-du-thi/{entry.code}/{action}/", 405)


def test_anonymous_visitor_is_sent_to_sign_in_from_the_entry_page(client, campaign, author):
    entry = EntryFactory(campaign=campaign, person=author.person)
    url = reverse("entry_detail", args=[entry.code])

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"


def test_anonymous_visitor_is_sent_to_sign_in_from_the_edit_page(client, campaign, author):
    entry = EntryFactory(campaign=campaign, person=author.person)
    url = reverse("entry_update", args=[entry.code])

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"


def test_anonymous_visitor_gets_no_evidence(client, campaign, author):
    attachment = evidence_of(author, campaign, EntryStatus.SUBMITTED)

    response = client.get(reverse("attachment_download", args=[attachment.code]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("reader", ["secretary", "leader"])
def test_drafts_are_invisible_to_the_secretary_and_the_leader(client, campaign, author, reader, request):
    attachment = evidence_of(author, campaign, EntryStatus.DRAFT)
    client.force_login(request.getfixturevalue(reader))

    pages = [
        client.get(reverse("entry_detail", args=[attachment.entry.code])),
        client.get(reverse("attachment_download", args=[attachment.code])),
    ]

    assert [page.status_code for page in pages] == [404, 404]


def test_drafts_are_not_listed_in_the_secretarys_admin(client, campaign, author, secretary):
    draft = EntryFactory(campaign=campaign, person=author.person, title="Bản nháp riêng tư")
    submitted = EntryFactory(campaign=campaign, person=author.person, status=EntryStatus.SUBMITTED)
    client.force_login(secretary)

    response = client.get(reverse("admin:submissions_entry_changelist"))

    assert list(response.context["cl"].result_list) == [submitted]
    assert draft.title not in response.text


@pytest.mark.parametrize("reader", ["secretary", "leader"])
def test_secretary_and_leader_read_submitted_entries_and_their_evidence(client, campaign, author, reader, request):
    attachment = evidence_of(author, campaign, EntryStatus.SUBMITTED)
    client.force_login(request.getfixturevalue(reader))

    page = client.get(reverse("entry_detail", args=[attachment.entry.code]))
    download = client.get(reverse("attachment_download", args=[attachment.code]))

    assert page.status_code == 200
    assert attachment.entry.title in page.text
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="minh-chung.pdf"'
    download.close()


def test_secretary_cannot_submit_or_edit_an_entry_on_the_staff_pages(client, campaign, author, secretary):
    entry = evidence_of(author, campaign, EntryStatus.DRAFT).entry
    entry.status = EntryStatus.RETURNED
    entry.save()
    client.force_login(secretary)

    submitted = client.post(reverse("entry_action", args=[entry.code, "gui"]))
    edit_page = client.get(reverse("entry_update", args=[entry.code]))

    entry.refresh_from_db()
    assert submitted.status_code == 404
    assert edit_page.status_code == 302
    assert edit_page.url == reverse("entry_detail", args=[entry.code])
    assert entry.status == EntryStatus.RETURNED


def test_coauthor_reads_the_submitted_entry_but_not_the_draft(client, campaign, author, other):
    draft = EntryFactory(campaign=campaign, person=author.person)
    submitted = EntryFactory(campaign=campaign, person=author.person, status=EntryStatus.SUBMITTED)
    for entry in (draft, submitted):
        entry.coauthors.set([other.person])
    client.force_login(other)

    pages = [client.get(reverse("entry_detail", args=[e.code])).status_code for e in (draft, submitted)]

    assert pages == [404, 200]


def test_unit_head_reads_the_submitted_entries_of_the_unit_staff(client, campaign, make_staff):
    head = make_staff("truongphong", Role.UNIT_HEAD)
    unit = head.person.unit
    unit.head = head.person
    unit.save()
    staff = make_staff("canbo9", unit=unit)
    draft = EntryFactory(campaign=campaign, person=staff.person)
    submitted = EntryFactory(campaign=campaign, person=staff.person, status=EntryStatus.SUBMITTED)
    client.force_login(head)

    pages = [client.get(reverse("entry_detail", args=[e.code])).status_code for e in (draft, submitted)]

    assert pages == [404, 200]


def test_head_of_another_unit_gets_404(client, campaign, author, make_staff):
    head = make_staff("truongphongkhac", Role.UNIT_HEAD)
    UnitFactory(head=head.person)
    entry = EntryFactory(campaign=campaign, person=author.person, status=EntryStatus.SUBMITTED)
    client.force_login(head)

    response = client.get(reverse("entry_detail", args=[entry.code]))

    assert response.status_code == 404


# The predicates on their own.


def test_only_the_author_may_edit_a_draft(campaign, author, other, secretary):
    entry = EntryFactory(campaign=campaign, person=author.person)

    assert [permissions.can_edit(user, entry) for user in (author, other, secretary)] == [True, False, False]


def test_nobody_may_edit_a_submitted_entry_on_the_staff_pages(campaign, author):
    entry = EntryFactory(campaign=campaign, person=author.person, status=EntryStatus.SUBMITTED)

    assert permissions.can_edit(author, entry) is False
    assert permissions.can_withdraw(author, entry) is True


@pytest.mark.parametrize(
    ("status", "may_withdraw"),
    [
        (EntryStatus.DRAFT, True),
        (EntryStatus.SUBMITTED, True),
        (EntryStatus.ENDORSED, True),
        (EntryStatus.RETURNED, True),
        (EntryStatus.UNDER_REVIEW, False),
        (EntryStatus.SCORED, False),
        (EntryStatus.WITHDRAWN, False),
    ],
)
def test_author_may_withdraw_only_before_review_starts(campaign, author, status, may_withdraw):
    entry = EntryFactory(campaign=campaign, person=author.person, status=status)

    assert permissions.can_withdraw(author, entry) is may_withdraw


def test_secretary_may_return_a_submitted_entry_and_a_staff_member_may_not(campaign, author, other, secretary):
    entry = EntryFactory(campaign=campaign, person=author.person, status=EntryStatus.SUBMITTED)

    assert [permissions.can_return(user, entry) for user in (secretary, author, other)] == [True, False, False]
