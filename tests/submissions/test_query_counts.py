"""The staff list pages run the same number of queries whatever the number of entries."""

import pytest
import time_machine
from django.urls import reverse

from campaigns.enums import Role
from submissions import services
from submissions.enums import EntryStatus
from tests.factories import AttachmentFactory, CampaignFactory, EntryFactory
from tests.submissions.conftest import DURING

pytestmark = pytest.mark.django_db

STATUSES = [EntryStatus.DRAFT, EntryStatus.SUBMITTED, EntryStatus.RETURNED]


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(DURING, tick=False):
        yield DURING


def entries_of(user, campaign, count):
    """``count`` entries of the user in different states, each with evidence and a co-author."""
    entries = []
    for index in range(count):
        attachment = AttachmentFactory(
            entry__campaign=campaign, entry__person=user.person, entry__status=STATUSES[index % 3]
        )
        entries.append(attachment.entry)
    return entries


@pytest.mark.parametrize("count", [1, 3])
def test_home_page_queries_do_not_grow_with_entries(client, campaign, author, count, django_assert_num_queries):
    entries_of(author, campaign, count)
    client.force_login(author)

    with django_assert_num_queries(10):  # lists posted for comment (issue 14, item 21); the user's groups
        response = client.get(reverse("home"))

    assert len(response.context["my_entries"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_my_entries_queries_do_not_grow_with_entries(client, campaign, author, count, django_assert_num_queries):
    entries_of(author, campaign, count)
    client.force_login(author)

    with django_assert_num_queries(5):  # +1 since the roles are read from the prefetched groups (issue 15, item 6)
        response = client.get(reverse("my_entries"))

    assert len(response.context["entries"]) == count
    assert [entry.file_count for entry in response.context["entries"]] == [1] * count


@pytest.mark.parametrize("count", [1, 3])
def test_unit_heads_home_page_queries_do_not_grow_with_entries_to_endorse(
    client, make_staff, count, django_assert_num_queries
):
    head = make_staff("truongphong", Role.UNIT_HEAD)
    head.person.unit.head = head.person
    head.person.unit.save()
    campaign = CampaignFactory(endorsement_required=True)
    for index in range(count):
        staff = make_staff(f"canbo{index}", unit=head.person.unit)
        entry = AttachmentFactory(entry__campaign=campaign, entry__person=staff.person).entry
        services.submit_entry(entry=entry, by=staff)
    client.force_login(head)

    with django_assert_num_queries(10):  # lists posted for comment (issue 14, item 21); the user's groups
        response = client.get(reverse("home"))

    assert len(response.context["to_endorse"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_entry_page_queries_do_not_grow_with_history_and_files(
    client, campaign, author, count, django_assert_num_queries
):
    entry = EntryFactory(campaign=campaign, person=author.person)
    for _index in range(count):
        AttachmentFactory(entry=entry)
        services.update_entry(
            entry=entry,
            by=author,
            content=services.EntryContent(
                area=entry.area, kind=entry.kind, title=f"Tên lần {_index}", summary=entry.summary
            ),
        )
    client.force_login(author)

    # +1 since the roles are read from the prefetched groups (issue 15, item 6); +1 for the
    # initiative's recognition (issue 17, item 4), one lookup whatever the history and files
    with django_assert_num_queries(10):
        response = client.get(reverse("entry_detail", args=[entry.code]))

    assert (len(response.context["attachments"]), len(response.context["events"])) == (count, count)
