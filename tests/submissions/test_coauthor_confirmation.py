"""An entrant cannot choose who may not judge them (issue 13, item 9).

Nguyễn Văn Dân names council member Hai as co-author. Until Hai confirms, the conflict does
not apply and the secretary sees it pending; once Hai confirms, Hai stops judging the entry.
"""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from campaigns.enums import Role
from submissions.enums import EntryAction
from submissions.models import Assignment, CoauthorConfirmation
from submissions.services import scoring
from tests.factories import CampaignFactory, CriterionFactory, UnitFactory
from tests.factories.scoring import ScorerFactory, SubmittedEntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary(make_user):
    return make_user("thuky", Role.SECRETARY, person=False)


@pytest.fixture
def campaign():
    campaign = CampaignFactory()
    CriterionFactory(campaign=campaign, code="A", max_points=Decimal(100))
    return campaign


@pytest.fixture
def hai(campaign):
    return ScorerFactory(campaign=campaign, person__full_name="Hai", person__unit=UnitFactory())


@pytest.fixture
def entry(campaign, hai):
    entry = SubmittedEntryFactory(campaign=campaign, person__full_name="Nguyễn Văn Dân")
    entry.coauthors.add(hai.person)
    return entry


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_an_unconfirmed_co_author_is_not_conflicted_and_the_secretary_sees_it_pending(
    client, campaign, hai, entry, secretary
):
    assignment = scoring.assign_entry(entry=entry, member=hai, by=secretary)
    client.force_login(secretary)

    progress = client.get(reverse("admin:submissions_assignment_progress"), {"phong-trao": campaign.slug})

    assert Assignment.objects.filter(pk=assignment.pk).exists()
    assert progress.context["pending_coauthors"] == [(entry.code, entry.title, "Hai")]
    assert "Đồng tác giả chờ xác nhận" in progress.text


def test_the_member_confirms_from_the_desk_and_stops_judging_the_entry(client, campaign, hai, entry, secretary):
    assignment = scoring.assign_entry(entry=entry, member=hai, by=secretary)
    client.force_login(hai.person.user)

    desk = client.get(reverse("admin:submissions_assignment_changelist"))
    page = client.get(reverse("entry_detail", args=[entry.code]))
    confirmed = client.post(reverse("entry_action", args=[entry.code, "dong-tac-gia"]), follow=True)

    assert desk.context["coauthor_requests"] == [entry]
    assert page.context["coauthor_pending"] is True
    assert messages_of(confirmed) == ["Đã xác nhận bạn là đồng tác giả của bài."]
    assert confirmed.context["coauthor_pending"] is False
    assert list(CoauthorConfirmation.objects.values_list("entry", "person")) == [(entry.pk, hai.person.pk)]
    assert list(entry.events.values_list("action", "note")) == [(EntryAction.COAUTHOR_CONFIRMED, "Hai")]
    assert not Assignment.objects.filter(pk=assignment.pk).exists()
    assert client.get(reverse("admin:submissions_assignment_changelist")).context["coauthor_requests"] == []
    client.force_login(secretary)
    progress = client.get(reverse("admin:submissions_assignment_progress"), {"phong-trao": campaign.slug})
    assert progress.context["pending_coauthors"] == []
    with pytest.raises(ValidationError, match="Thành viên là đồng tác giả của bài."):
        scoring.assign_entry(entry=entry, member=hai, by=secretary)


def test_the_member_declines_and_is_no_longer_a_co_author(client, hai, entry):
    client.force_login(hai.person.user)

    declined = client.post(reverse("entry_action", args=[entry.code, "khong-phai-dong-tac-gia"]), follow=True)

    assert messages_of(declined) == [f"Đã ghi nhận: bạn không phải đồng tác giả của bài {entry.code}."]
    assert list(entry.coauthors.all()) == []
    assert list(entry.events.values_list("action", "note")) == [(EntryAction.COAUTHOR_DECLINED, "Hai")]
    assert CoauthorConfirmation.objects.count() == 0


def test_someone_not_named_cannot_confirm(client, campaign, entry):
    stranger = ScorerFactory(campaign=campaign)
    client.force_login(stranger.person.user)

    response = client.post(reverse("entry_action", args=[entry.code, "dong-tac-gia"]))

    assert response.status_code == 404
    assert CoauthorConfirmation.objects.count() == 0


def test_automatic_assignment_names_every_entry_it_could_not_staff_to_quorum_and_why(client, campaign, hai, secretary):
    """Quorum 3, three members; Ba's colleague wrote the second entry, so only two may judge it."""
    ba = ScorerFactory(campaign=campaign, person__full_name="Ba", person__unit=UnitFactory())
    ScorerFactory(campaign=campaign, person__full_name="Một", person__unit=UnitFactory())
    staffed = SubmittedEntryFactory(campaign=campaign)
    short = SubmittedEntryFactory(campaign=campaign, person__unit=ba.person.unit)
    client.force_login(secretary)

    response = client.post(
        reverse("admin:submissions_assignment_auto"), {"campaign": campaign.pk, "per_entry": 3}, follow=True
    )

    assert messages_of(response) == [
        "Đã tạo 5 phân công mới.",
        f"Bài {short.code} chưa đủ người chấm: chỉ có 2 thành viên không xung đột lợi ích với bài, cần 3.",
    ]
    assert (staffed.assignments.count(), short.assignments.count()) == (3, 2)
