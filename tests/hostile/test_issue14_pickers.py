"""Issue 14, items 3, 7 and 25: every picker tells people apart by code and unit."""

import pytest
import time_machine
from django.urls import reverse

from campaigns.enums import Role
from submissions.models import Assignment, Entry
from tests.factories import CampaignFactory, CouncilMemberFactory, PersonFactory, SubmittedEntryFactory, UnitFactory
from tests.hostile.test_entry_form import DURING

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(DURING, tick=False):
        yield DURING


def namesakes():
    """Two "Nguyễn Văn Bình" in two units of the agency."""
    first = PersonFactory(code="cb-101", full_name="Nguyễn Văn Bình", unit=UnitFactory(name="Văn phòng"))
    second = PersonFactory(code="cb-202", full_name="Nguyễn Văn Bình", unit=UnitFactory(name="Thanh tra"))
    return first, second


def test_coauthor_picker_lists_people_with_code_and_unit_without_the_entrant(client, staff, campaign):
    namesakes()
    client.force_login(staff)

    response = client.get(reverse("entry_create", args=[campaign.slug]))

    labels = [label for _value, label in response.context["form"].fields["coauthors"].choices]
    assert labels == ["Nguyễn Văn Bình — cb-101 — Văn phòng", "Nguyễn Văn Bình — cb-202 — Thanh tra"]
    assert 'data-filter-choices="id_coauthors_list"' in response.text
    assert "js/choice-filter.js" in response.text


def test_the_entrant_posted_as_own_coauthor_is_refused(client, staff, campaign, area):
    client.force_login(staff)
    data = {"participant": "self", "area": area.pk, "kind": "initiative", "title": "Bài", "summary": "Tóm tắt"}

    response = client.post(reverse("entry_create", args=[campaign.slug]), {**data, "coauthors": [staff.person.pk]})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["coauthors"]
    assert Entry.objects.count() == 0


def test_person_autocomplete_labels_people_with_code_and_unit(client, make_user):
    namesakes()
    client.force_login(make_user("thuky", Role.SECRETARY, person=False))
    query = {"app_label": "campaigns", "model_name": "unit", "field_name": "head", "term": "Bình"}

    response = client.get(reverse("admin:autocomplete"), query)

    assert [r["text"] for r in response.json()["results"]] == [
        "Nguyễn Văn Bình — cb-101 — Văn phòng",
        "Nguyễn Văn Bình — cb-202 — Thanh tra",
    ]


def test_unit_head_picker_shows_the_chosen_head_with_code_and_unit(client, make_user):
    first, _second = namesakes()
    unit = first.unit
    unit.head = first
    unit.save()
    client.force_login(make_user("thuky", Role.SECRETARY, person=False))

    response = client.get(reverse("admin:campaigns_unit_change", args=[unit.pk]))

    assert "Nguyễn Văn Bình — cb-101 — Văn phòng</option>" in response.text


def test_assignment_member_picker_offers_the_entrys_own_council_labelled_with_unit_and_role(client, make_user):
    first, second = namesakes()
    entry = SubmittedEntryFactory()
    CouncilMemberFactory(campaign=entry.campaign, person=first)
    CouncilMemberFactory(campaign=CampaignFactory(plan_number="7/KH-KHAC"), person=second)
    client.force_login(make_user("thuky", Role.SECRETARY, person=False))

    chosen = client.get(reverse("admin:submissions_assignment_add"), {"bai": entry.code})
    open_choice = client.get(reverse("admin:submissions_assignment_add"))

    labels = [label for _value, label in chosen.context["adminform"].form.fields["member"].choices]
    assert labels == ["---------", "Nguyễn Văn Bình — cb-101 — Văn phòng (Ủy viên)"]
    assert '<optgroup label="7/KH-KHAC">' in open_choice.text


def test_assignment_of_a_member_of_another_campaigns_council_is_refused(client, make_user):
    _first, second = namesakes()
    entry = SubmittedEntryFactory()
    other = CouncilMemberFactory(campaign=CampaignFactory(plan_number="7/KH-KHAC"), person=second)
    client.force_login(make_user("thuky", Role.SECRETARY, person=False))

    response = client.post(reverse("admin:submissions_assignment_add"), {"entry": entry.pk, "member": other.pk})

    assert response.status_code == 200
    assert "member" in response.context["adminform"].form.errors
    assert Assignment.objects.count() == 0


def test_member_filter_on_the_assignment_list_tells_namesakes_apart(client, make_user):
    first, second = namesakes()
    campaign = CampaignFactory(plan_number="7/KH-KHAC")
    seats = [CouncilMemberFactory(campaign=campaign, person=p) for p in (first, second)]
    client.force_login(make_user("thuky", Role.SECRETARY, person=False))

    response = client.get(reverse("admin:submissions_assignment_changelist"))

    assert f"?thanh_vien={seats[0].pk}" in response.text
    assert "Nguyễn Văn Bình — cb-202 — Thanh tra (Ủy viên) · 7/KH-KHAC" in response.text
