"""Issue 13, item 6: council members open the evidence of the entries they must score.

Every link of the scoring form is followed with the test client, as the member clicks it; nobody
else gains access: a conflicted member, a member not assigned to the entry, evidence that was
removed, an entry that was withdrawn.
"""

import lxml.html
import pytest
from django.urls import reverse
from django.utils import timezone

from criteria.models import DeclaredConflict
from submissions.enums import EntryStatus
from tests.factories import AttachmentFactory, CampaignFactory, CriterionFactory
from tests.factories.scoring import AssignmentFactory, ScorerFactory, SubmittedEntryFactory
from tests.factories.submissions import PDF_BYTES

pytestmark = pytest.mark.django_db


@pytest.fixture
def assignment():
    """An entry under review with two current evidence files and a removed one, assigned to a member."""
    campaign = CampaignFactory()
    CriterionFactory(campaign=campaign, code="A", order=1)
    entry = SubmittedEntryFactory(campaign=campaign, status=EntryStatus.UNDER_REVIEW)
    AttachmentFactory(entry=entry, original_name="bao-cao.pdf")
    AttachmentFactory(entry=entry, original_name="quyet-dinh.pdf")
    AttachmentFactory(entry=entry, original_name="da-go.pdf", removed_at=timezone.now())
    member = ScorerFactory(campaign=campaign, person__full_name="Nguyễn Văn Chấm")
    return AssignmentFactory(entry=entry, member=member)


def evidence_links(response) -> list[str]:
    document = lxml.html.fromstring(response.content.decode())
    prefix = reverse("attachment_download", args=["00000000-0000-0000-0000-000000000000"])[:-37]
    return [href for href in document.xpath("//a/@href") if href.startswith(prefix)]


def download(client, url):
    response = client.get(url)
    # Reading a download to its end closes its file (closing the response would end the test's
    # database connection on PostgreSQL, as the server does once a request is over).
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def test_council_members_can_open_the_evidence_of_the_entries_they_must_score(client, assignment):
    client.force_login(assignment.member.person.user)
    form = client.get(reverse("admin:submissions_assignment_score", args=[assignment.pk]))

    links = evidence_links(form)
    downloads = [download(client, link) for link in links]

    assert len(links) == 2  # the current files, not the removed one
    assert [(r.status_code, body) for r, body in downloads] == [(200, PDF_BYTES), (200, PDF_BYTES)]
    assert [r["Content-Disposition"] for r, _body in downloads] == [
        'attachment; filename="bao-cao.pdf"',
        'attachment; filename="quyet-dinh.pdf"',
    ]


def test_a_member_conflicted_on_the_entry_cannot_open_its_evidence(client, assignment):
    entry = assignment.entry
    links = [reverse("attachment_download", args=[a.code]) for a in entry.attachments.filter(removed_at=None)]
    DeclaredConflict.objects.create(member=assignment.member, person=entry.person, reason="Người thân")
    client.force_login(assignment.member.person.user)

    statuses = [download(client, link)[0].status_code for link in links]

    assert statuses == [404, 404]


def test_a_member_not_assigned_to_the_entry_cannot_open_its_evidence(client, assignment):
    other = ScorerFactory(campaign=assignment.entry.campaign)
    AssignmentFactory(entry__campaign=assignment.entry.campaign, member=other)  # assigned, but another entry
    link = reverse("attachment_download", args=[assignment.entry.attachments.first().code])
    client.force_login(other.person.user)

    response, _body = download(client, link)

    assert response.status_code == 404


def test_removed_evidence_and_withdrawn_entries_stay_closed_to_the_assigned_member(client, assignment):
    entry = assignment.entry
    removed = reverse("attachment_download", args=[entry.attachments.get(original_name="da-go.pdf").code])
    current = reverse("attachment_download", args=[entry.attachments.get(original_name="bao-cao.pdf").code])
    client.force_login(assignment.member.person.user)

    removed_status = download(client, removed)[0].status_code
    entry.status = EntryStatus.WITHDRAWN
    entry.save(update_fields=["status"])
    withdrawn_status = download(client, current)[0].status_code

    assert (removed_status, withdrawn_status) == (404, 404)
