"""A conflict declared after assignment or after scoring applies at once (issue 13, item 11).

Three members (Ba, Hai, Một) score the entry of Nguyễn Văn Dân; the quorum is 3. Then the
secretary declares, on Một's council seat, that Dân is Một's brother-in-law.
"""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from campaigns.enums import Role
from criteria.models import CouncilMember, DeclaredConflict
from criteria.services import check_seat_person
from submissions.enums import EntryStatus
from submissions.models import Assignment, CoauthorConfirmation, EntryResult, Score, ScoreChange
from submissions.services import scoring
from tests.criteria.admin_forms import add_inline_rows, form_data
from tests.factories import CampaignFactory, CriterionFactory, PersonFactory, UnitFactory
from tests.factories.scoring import ScorerFactory, SubmittedEntryFactory

pytestmark = pytest.mark.django_db

REASON = "Anh rể của thành viên."
REMOVED_NOTE = f"Điểm bị loại khỏi kết quả: Xung đột lợi ích đã khai: {REASON}"


@pytest.fixture
def secretary(make_user):
    return make_user("thuky", Role.SECRETARY, person=False)


@pytest.fixture
def world(secretary):
    campaign = CampaignFactory()
    criterion = CriterionFactory(campaign=campaign, code="A", max_points=Decimal(100))
    entry = SubmittedEntryFactory(campaign=campaign, person__full_name="Nguyễn Văn Dân")
    members = {
        name: ScorerFactory(campaign=campaign, person__full_name=name, person__unit=UnitFactory())
        for name in ("Ba", "Hai", "Một")
    }
    assignments = {name: scoring.assign_entry(entry=entry, member=m, by=secretary) for name, m in members.items()}
    return campaign, criterion, entry, members, assignments


def score(world, name, points):
    _campaign, criterion, _entry, members, assignments = world
    scoring.record_scores(
        assignment=assignments[name], by=members[name].person.user, points={criterion.pk: Decimal(points)}
    )


def declare_on_the_seat(client, secretary, member, person, reason=REASON):
    """The secretary adds a declared conflict on the member's council seat page and saves."""
    client.force_login(secretary)
    url = reverse("admin:criteria_councilmember_change", args=[member.pk])
    data = form_data(client.get(url), form_id="councilmember_form")
    add_inline_rows(data, "conflicts", [{"person": str(person.pk), "reason": reason}])
    return client.post(url, data, follow=True)


def test_a_conflict_declared_after_scoring_takes_the_score_out_of_the_result_and_keeps_it_in_history(
    client, secretary, world
):
    _campaign, criterion, entry, members, _assignments = world
    score(world, "Ba", 80)
    score(world, "Hai", 70)
    score(world, "Một", 30)
    assert EntryResult.objects.get(entry=entry).total == Decimal(60)

    response = declare_on_the_seat(client, secretary, members["Một"], entry.person)

    result = EntryResult.objects.get(entry=entry)
    assert (result.total, result.complete_members, result.assigned_members, result.counted) == (
        Decimal(75),
        2,
        2,
        False,
    )
    assert sorted(Score.objects.filter(entry=entry).values_list("member__person__full_name", flat=True)) == [
        "Ba",
        "Hai",
    ]
    assert list(
        ScoreChange.objects.filter(member=members["Một"])
        .order_by("pk")
        .values_list("old_points", "new_points", "note", "changed_by")
    ) == [(None, Decimal(30), "", members["Một"].person.user.pk), (Decimal(30), None, REMOVED_NOTE, secretary.pk)]
    entry.refresh_from_db()
    assert entry.status == EntryStatus.UNDER_REVIEW
    assert [str(m) for m in response.context["messages"]][0] == (
        "Một không còn chấm các bài sau; điểm (nếu có) đã được loại khỏi kết quả và lưu trong lịch sử. "
        f"Hãy phân công người thay thế: {entry.code} (Xung đột lợi ích đã khai: {REASON})"
    )


def test_a_conflict_declared_after_assignment_leaves_no_dead_assignment(client, secretary, world):
    campaign, _criterion, entry, members, assignments = world
    score(world, "Ba", 80)
    score(world, "Hai", 70)

    declare_on_the_seat(client, secretary, members["Một"], entry.person)

    assert not Assignment.objects.filter(pk=assignments["Một"].pk).exists()
    assert EntryResult.objects.get(entry=entry).assigned_members == 2
    progress = client.get(reverse("admin:submissions_assignment_progress"), {"phong-trao": campaign.slug})
    assert progress.context["missing"] == []
    client.force_login(members["Một"].person.user)
    desk = client.get(reverse("admin:submissions_assignment_changelist"))
    assert list(desk.context["cl"].result_list) == []
    assert client.get(reverse("admin:submissions_assignment_score", args=[assignments["Một"].pk])).status_code == 404


def test_a_conflict_that_touches_no_assignment_changes_nothing_else(client, secretary, world):
    _campaign, _criterion, entry, members, _assignments = world
    score(world, "Một", 30)
    stranger = PersonFactory(full_name="Người khác")

    response = declare_on_the_seat(client, secretary, members["Một"], stranger)

    assert Score.objects.filter(member=members["Một"]).count() == 1
    assert Assignment.objects.filter(entry=entry).count() == 3
    assert [m.level_tag for m in response.context["messages"]] == ["success"]


def test_a_seat_with_scores_keeps_its_person_on_the_admin_form(client, secretary, world):
    campaign, _criterion, _entry, members, _assignments = world
    score(world, "Một", 30)
    seat = members["Một"]
    newcomer = PersonFactory(full_name="Người mới")
    client.force_login(secretary)
    url = reverse("admin:criteria_councilmember_change", args=[seat.pk])
    data = form_data(client.get(url), form_id="councilmember_form")
    data["person"] = str(newcomer.pk)

    response = client.post(url, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "person": [
            "Thành viên này đã chấm điểm nên không đổi được sang người khác; hãy thêm người mới thành một thành viên mới."
        ]
    }
    assert CouncilMember.objects.get(pk=seat.pk).person.full_name == "Một"


def test_a_seat_whose_scores_were_taken_out_still_keeps_its_person(client, secretary, world):
    _campaign, _criterion, entry, members, _assignments = world
    score(world, "Một", 30)
    declare_on_the_seat(client, secretary, members["Một"], entry.person)

    with pytest.raises(ValidationError) as refused:
        check_seat_person(member=members["Một"], person=PersonFactory())

    assert list(refused.value.message_dict) == ["person"]


def test_a_seat_without_scores_may_change_its_person(client, secretary, world):
    _campaign, _criterion, _entry, members, _assignments = world
    seat = members["Một"]
    newcomer = PersonFactory(full_name="Người mới")
    client.force_login(secretary)
    url = reverse("admin:criteria_councilmember_change", args=[seat.pk])
    data = form_data(client.get(url), form_id="councilmember_form")
    data["person"] = str(newcomer.pk)

    response = client.post(url, data)

    assert response.status_code == 302
    assert CouncilMember.objects.get(pk=seat.pk).person == newcomer


@pytest.mark.parametrize("count", [1, 5])
def test_ending_conflicted_assignments_runs_the_same_queries_whatever_their_number(
    secretary, count, django_assert_num_queries
):
    """A conflict declared on a unit ends the member's assignments on all its entries at once."""
    campaign = CampaignFactory()
    criterion = CriterionFactory(campaign=campaign, code="A", max_points=Decimal(100))
    member = ScorerFactory(campaign=campaign, person__unit=UnitFactory())
    unit = UnitFactory()
    for _ in range(count):
        entry = SubmittedEntryFactory(campaign=campaign, person__unit=unit)
        CoauthorConfirmation.objects.create(entry=entry, person=PersonFactory(unit=unit))
        assignment = scoring.assign_entry(entry=entry, member=member, by=secretary)
        scoring.record_scores(assignment=assignment, by=member.person.user, points={criterion.pk: Decimal(50)})
    DeclaredConflict.objects.create(member=member, unit=unit, reason=REASON)

    # The member with their unit tree and declared conflicts, the assignments with the entries'
    # confirmed co-authors, the entries locked, the scores, their history, their and the
    # assignments' deletion, the entries' results (criteria and their areas, scores, assignment
    # counts, one write), and the savepoint around it all.
    with django_assert_num_queries(17):
        ended = scoring.end_conflicted_assignments(member=member, by=secretary)

    assert len(ended) == count
    assert (Assignment.objects.count(), Score.objects.count()) == (0, 0)
    assert ScoreChange.objects.filter(new_points=None).count() == count
    assert list(EntryResult.objects.values_list("assigned_members", "complete_members").distinct()) == [(0, 0)]
