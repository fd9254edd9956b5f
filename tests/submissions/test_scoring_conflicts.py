"""A council member never judges an entry they conflict with (DESIGN.md rule 3).

The member sits in "Phòng Chính sách", which has a sub-unit "Tổ Chính sách vùng cao".
"""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from campaigns.enums import Role
from submissions.enums import EntryStatus
from submissions.models import Assignment, CoauthorConfirmation, Entry, Score
from submissions.services import scoring
from tests.factories import (
    CampaignFactory,
    CriterionFactory,
    DeclaredConflictFactory,
    PersonFactory,
    UnitFactory,
    UserFactory,
)
from tests.factories.scoring import AssignmentFactory, ScorerFactory, SubmittedEntryFactory, scoring_form_data

pytestmark = pytest.mark.django_db

OWN_UNIT = "Bài thuộc đơn vị của thành viên (hoặc đơn vị trực thuộc)."


@pytest.fixture
def campaign():
    return CampaignFactory()


@pytest.fixture
def criterion(campaign):
    return CriterionFactory(campaign=campaign, code="A", max_points=Decimal(100))


@pytest.fixture
def member(campaign):
    unit = UnitFactory(name="Phòng Chính sách")
    return ScorerFactory(campaign=campaign, person__unit=unit, person__full_name="Trần Văn Hội")


@pytest.fixture
def secretary(make_user):
    return make_user("thuky", Role.SECRETARY, person=False)


def staff_of(unit):
    return PersonFactory(unit=unit, user=UserFactory())


def colleagues_entry(campaign, member):
    return SubmittedEntryFactory(campaign=campaign, person=staff_of(member.person.unit))


def own_units_collective_entry(campaign, member):
    head = staff_of(member.person.unit)
    return SubmittedEntryFactory(campaign=campaign, person=None, unit=member.person.unit, created_by=head.user)


def sub_units_entry(campaign, member):
    sub_unit = UnitFactory(name="Tổ Chính sách vùng cao", parent=member.person.unit)
    return SubmittedEntryFactory(campaign=campaign, person=staff_of(sub_unit))


def sub_sub_units_entry(campaign, member):
    """Two levels below the member's unit: a team of the sub-unit."""
    sub_unit = UnitFactory(name="Tổ Chính sách vùng cao", parent=member.person.unit)
    team = UnitFactory(name="Nhóm hỗ trợ xã Trung Thành", parent=sub_unit)
    return SubmittedEntryFactory(campaign=campaign, person=staff_of(team))


def own_entry(campaign, member):
    return SubmittedEntryFactory(campaign=campaign, person=member.person)


def coauthored_entry(campaign, member):
    """An entry naming the member as co-author, which the member confirmed."""
    entry = SubmittedEntryFactory(campaign=campaign)
    entry.coauthors.add(member.person)
    CoauthorConfirmation.objects.create(entry=entry, person=member.person)
    return entry


def declared_units_entry(campaign, member):
    unit = UnitFactory(name="Phòng Tổng hợp")
    DeclaredConflictFactory(member=member, unit=unit, reason="Vợ của thành viên là trưởng phòng.")
    return SubmittedEntryFactory(campaign=campaign, person=staff_of(unit))


def declared_persons_entry(campaign, member):
    relative = staff_of(UnitFactory(name="Văn phòng"))
    DeclaredConflictFactory(member=member, unit=None, person=relative, reason="Anh ruột của thành viên.")
    return SubmittedEntryFactory(campaign=campaign, person=relative)


CONFLICTS = [
    pytest.param(colleagues_entry, OWN_UNIT, id="own-unit"),
    pytest.param(own_units_collective_entry, OWN_UNIT, id="own-unit-collective"),
    pytest.param(sub_units_entry, OWN_UNIT, id="sub-unit"),
    pytest.param(sub_sub_units_entry, OWN_UNIT, id="sub-sub-unit"),
    pytest.param(own_entry, "Đây là bài của chính thành viên.", id="own-entry"),
    pytest.param(coauthored_entry, "Thành viên là đồng tác giả của bài.", id="co-author"),
    pytest.param(
        declared_units_entry, "Xung đột lợi ích đã khai: Vợ của thành viên là trưởng phòng.", id="declared-unit"
    ),
    pytest.param(declared_persons_entry, "Xung đột lợi ích đã khai: Anh ruột của thành viên.", id="declared-person"),
]


@pytest.mark.parametrize(("make_entry", "reason"), CONFLICTS)
def test_a_conflicted_member_gets_404_on_the_scoring_form_even_when_assigned(
    client, campaign, criterion, member, make_entry, reason
):
    entry = make_entry(campaign, member)
    assignment = AssignmentFactory(entry=entry, member=member)  # written directly, past every check
    client.force_login(member.person.user)
    url = reverse("admin:submissions_assignment_score", args=[assignment.pk])

    opened = client.get(url)
    posted = client.post(url, scoring_form_data({criterion.pk: "80"}))

    assert (opened.status_code, posted.status_code) == (404, 404)
    assert Score.objects.count() == 0


@pytest.mark.parametrize(("make_entry", "reason"), CONFLICTS)
def test_record_scores_refuses_a_conflicted_member(campaign, criterion, member, make_entry, reason):
    assignment = AssignmentFactory(entry=make_entry(campaign, member), member=member)

    with pytest.raises(ValidationError) as refused:
        scoring.record_scores(assignment=assignment, by=member.person.user, points={criterion.pk: Decimal(80)})

    assert refused.value.messages == ["Thành viên có xung đột lợi ích với bài này nên không được chấm."]
    assert Score.objects.count() == 0


@pytest.mark.parametrize(("make_entry", "reason"), CONFLICTS)
def test_assign_entry_refuses_a_conflicted_member_with_the_reason_on_the_member_field(
    campaign, member, secretary, make_entry, reason
):
    entry = make_entry(campaign, member)

    with pytest.raises(ValidationError) as refused:
        scoring.assign_entry(entry=entry, member=member, by=secretary)

    assert refused.value.message_dict == {"member": [f"Không phân công được: {reason}"]}
    assert Assignment.objects.count() == 0
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUBMITTED


def test_a_member_without_conflict_opens_the_scoring_form(client, campaign, criterion, member):
    assignment = AssignmentFactory(entry=SubmittedEntryFactory(campaign=campaign), member=member)
    client.force_login(member.person.user)

    response = client.get(reverse("admin:submissions_assignment_score", args=[assignment.pk]))

    assert response.status_code == 200


def test_the_secretarys_assignment_form_shows_the_conflict_on_the_member_field(client, campaign, member, secretary):
    entry = colleagues_entry(campaign, member)
    client.force_login(secretary)

    response = client.post(
        reverse("admin:submissions_assignment_add"), {"entry": entry.pk, "member": member.pk, "_save": "1"}
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"member": [f"Không phân công được: {OWN_UNIT}"]}
    assert Assignment.objects.count() == 0


def test_auto_assign_skips_the_conflicted_member_and_keeps_loads_even(campaign, secretary):
    """Four members A, B, C, D; four entries, two of them (e1, e2) by A's colleagues; two members each.

    Worked by hand, least loaded member first, then the lowest id:
    e1: A conflicts -> B, C (B1 C1); e2: D0 first, then B1 -> D, B (B2 C1 D1);
    e3: A0, then C1 -> A, C (A1 B2 C2 D1); e4: A1, D1 -> A, D (A2 B2 C2 D2).
    Eight assignments, two per member, none of A's colleagues' entries given to A.
    """
    a, b, c, d = (ScorerFactory(campaign=campaign, person__full_name=name) for name in "ABCD")
    e1, e2 = (colleagues_entry(campaign, a) for _ in range(2))
    e3, e4 = SubmittedEntryFactory(campaign=campaign), SubmittedEntryFactory(campaign=campaign)

    created = scoring.auto_assign(campaign=campaign, per_entry=2, by=secretary).created

    assert created == 8
    assert members_per_entry([e1, e2, e3, e4]) == {e1.pk: "BC", e2.pk: "BD", e3.pk: "AC", e4.pk: "AD"}
    assert load_per_member(campaign) == {"A": 2, "B": 2, "C": 2, "D": 2}
    assert set(Entry.objects.values_list("status", flat=True)) == {EntryStatus.UNDER_REVIEW}


def test_auto_assign_with_an_uneven_total_differs_by_at_most_one(campaign, secretary):
    """Three members A, B, C; four entries, C declared a conflict with the author of e1; two members each.

    e1: C conflicts -> A, B (A1 B1); e2: C0 first, then A1 -> C, A (A2 B1 C1);
    e3: B1, C1 -> B, C (A2 B2 C2); e4: all at 2 -> A, B (A3 B3 C2).
    """
    a, b, c = (ScorerFactory(campaign=campaign, person__full_name=name) for name in "ABC")
    e1 = SubmittedEntryFactory(campaign=campaign)
    DeclaredConflictFactory(member=c, unit=None, person=e1.person, reason="Con của thành viên.")
    e2, e3, e4 = (SubmittedEntryFactory(campaign=campaign) for _ in range(3))

    scoring.auto_assign(campaign=campaign, per_entry=2, by=secretary)

    assert members_per_entry([e1, e2, e3, e4]) == {e1.pk: "AB", e2.pk: "AC", e3.pk: "BC", e4.pk: "AB"}
    assert load_per_member(campaign) == {"A": 3, "B": 3, "C": 2}


def test_auto_assign_keeps_existing_assignments_and_adds_only_the_missing_members(campaign, secretary):
    a, b, c = (ScorerFactory(campaign=campaign, person__full_name=name) for name in "ABC")
    entry = SubmittedEntryFactory(campaign=campaign)
    AssignmentFactory(entry=entry, member=c)

    created = scoring.auto_assign(campaign=campaign, per_entry=2, by=secretary).created
    again = scoring.auto_assign(campaign=campaign, per_entry=2, by=secretary).created

    assert (created, again) == (1, 0)
    assert members_per_entry([entry]) == {entry.pk: "AC"}


def members_per_entry(entries) -> dict:
    return {
        entry.pk: "".join(sorted(entry.assignments.values_list("member__person__full_name", flat=True)))
        for entry in entries
    }


def load_per_member(campaign) -> dict:
    return {
        member.person.full_name: member.assignments.count()
        for member in campaign.council.select_related("person").order_by("person__full_name")
    }
