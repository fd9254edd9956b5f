"""The demo lets a new council member try the scoring desk, as issue 5 asks ("tried as a new user")."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Campaign
from criteria.models import CouncilMember, DeclaredConflict
from criteria.queries import applicable_criteria
from submissions.enums import EntryStatus
from submissions.models import Entry, Score
from submissions.services import scoring
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


def test_demo_history_falls_within_each_campaign_and_its_text_names_the_campaigns_year(demo):
    """Issue 14 item 27: no 2022 entry "updated 02/12/2026", no current plan "for 2022"."""
    outside = []
    for entry in Entry.objects.select_related("campaign").prefetch_related("events"):
        opens, closes = entry.campaign.opens_at, entry.campaign.closes_at
        times = [("created_at", entry.created_at), ("updated_at", entry.updated_at)]
        times += [("submitted_at", entry.submitted_at)] if entry.submitted_at else []
        times += [(f"event {event.action}", event.at) for event in entry.events.all()]
        outside += [(entry.campaign.slug, entry.code, name) for name, at in times if not opens <= at <= closes]
    current = Campaign.objects.get(slug=f"kh-bdt-{timezone.localdate().year}-mau")
    years = {c.slug: re.findall(r"năm (\d{4})", c.purpose) for c in Campaign.objects.filter(is_sample=True)}

    assert outside == []
    assert years == {
        "169-kh-bdt-2022": ["2022"],
        "95-kh-bdt-2021-mau": ["2021"],
        current.slug: [str(timezone.localdate().year)],
    }
