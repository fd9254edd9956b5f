"""The demo lets a new council member try the scoring desk, as issue 5 asks ("tried as a new user")."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from criteria.models import CouncilMember, DeclaredConflict
from submissions.enums import EntryStatus
from submissions.models import Entry, Score
from submissions.services import applicable_criteria, scoring
from tests.factories.scoring import scoring_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(django_user_model):
    call_command("load_demo", stdout=StringIO())
    return django_user_model.objects


def test_the_2022_council_has_one_declared_conflict(demo):
    assert DeclaredConflict.objects.filter(member__campaign__slug="169-kh-bdt-2022").count() == 1


def test_hoidong1_can_be_given_the_open_campaigns_entry_then_score_it_and_see_progress_move(client, demo):
    """The walk-through: the secretary assigns the open campaign's submitted entry to hoidong1,
    who finds it with "Chấm bài tiếp theo chưa chấm", scores it, and sees one more entry scored."""
    entry = Entry.objects.get(campaign__slug__startswith="kh-bdt-", status=EntryStatus.SUBMITTED)
    member = CouncilMember.objects.get(campaign=entry.campaign, person__user__username="hoidong1")
    assignment = scoring.assign_entry(entry=entry, member=member, by=demo.get(username="thuky"))
    client.force_login(demo.get(username="hoidong1"))
    changelist = reverse("admin:submissions_assignment_changelist")

    before = client.get(changelist).context["desk_progress"]
    assert client.get(changelist).context["next_assignment"] == assignment
    criteria = applicable_criteria(campaign=entry.campaign, area=entry.area, kind=entry.participant_kind)
    client.post(
        reverse("admin:submissions_assignment_score", args=[assignment.pk]),
        scoring_form_data({c.pk: "5" for c in criteria}),
    )
    after = client.get(changelist).context["desk_progress"]

    assert Score.objects.filter(entry=entry, member=member).count() == len(criteria)
    assert (after["done"], after["total"]) == (before["done"] + 1, before["total"])
