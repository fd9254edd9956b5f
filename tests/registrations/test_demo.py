"""The demo shows registration at both stages: the 2022 campaign's window closed, with some
registered, one registered late by the secretary, and some not (their entries flagged); this
year's window open. Its award forms are labelled by kind and deciding level."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from campaigns.models import Campaign, Person
from criteria.models import AwardForm
from registrations.queries import entry_unregistered, registrants
from submissions.models import Entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO())


def test_the_2022_demo_campaign_has_registered_and_unregistered_people_past_its_window(demo):
    reference = Campaign.objects.get(slug="169-kh-bdt-2022")
    people = registrants(reference, Person).filter(user__isnull=False, is_sample=True)

    assert not reference.registration_open_at(timezone.now())
    assert people.filter(registered=True).exists() and people.filter(registered=False).exists()
    assert list(reference.registrations.filter(outside_window=True).values_list("on_behalf", flat=True)) == [True]
    flagged = Entry.objects.filter(campaign=reference).annotate(unregistered=entry_unregistered())
    assert flagged.filter(unregistered=True).exists() and flagged.filter(unregistered=False).exists()


def test_this_years_demo_campaign_is_open_for_registration(demo):
    current = Campaign.objects.get(slug=f"kh-bdt-{timezone.localdate().year}-mau")

    assert current.registration_open_at(timezone.now())
    assert current.registrations.count() == 1


def test_the_demo_labels_its_forms_by_kind_and_deciding_level(demo):
    forms = AwardForm.objects.filter(campaign__slug="169-kh-bdt-2022")

    assert sorted(set(forms.values_list("name", "kind", "deciding_level"))) == [
        ("Bằng khen của Chủ tịch UBND tỉnh (đề nghị)", "commendation", "higher"),
        ("Giấy khen của Trưởng Ban Dân tộc", "commendation", "agency_head"),
    ]
