"""Scores are refused per field and written all at once, once per criterion, with their history.

Two criteria: A (maximum 10) and B (maximum 90); the campaign scores in steps of 0.5.
"""

from decimal import Decimal

import lxml.html
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from submissions.models import Score, ScoreChange
from submissions.services import scoring
from tests.factories import CampaignFactory, CriterionFactory, ReformAreaFactory
from tests.factories.scoring import AssignmentFactory, ScoreFactory, scoring_form_data

pytestmark = pytest.mark.django_db

OUT_OF_RANGE = "Điểm phải từ 0 đến 10."
# Written as Vietnamese writes decimals, like the example in the same sentence and the "bước 0,5" beside the field.
OFF_STEP = "Điểm phải là bội số của 0,5 (ví dụ 7 hoặc 7,5)."
MISSING = "Hãy chấm tiêu chí này (từ 0 đến 10)."


@pytest.fixture
def campaign():
    return CampaignFactory(score_step=Decimal("0.5"))


@pytest.fixture
def criteria(campaign):
    return [
        CriterionFactory(campaign=campaign, code="A", order=1, max_points=Decimal(10)),
        CriterionFactory(campaign=campaign, code="B", order=2, max_points=Decimal(90)),
    ]


@pytest.fixture
def assignment(campaign, criteria):
    return AssignmentFactory(entry__campaign=campaign)


@pytest.fixture
def member_user(assignment):
    return assignment.member.person.user


def written(assignment):
    """(scores, history rows, assignment completed): compared before and after a refused save."""
    assignment.refresh_from_db()
    return Score.objects.count(), ScoreChange.objects.count(), assignment.completed_at is not None


def field_errors(response, field_name) -> list[str]:
    """The error messages shown in the table cell of the given field."""
    page = lxml.html.fromstring(response.content.decode())
    cell = page.get_element_by_id(f"id_{field_name}").getparent()
    return [item.text_content().strip() for item in cell.xpath(".//ul[contains(@class, 'errorlist')]/li")]


@pytest.mark.parametrize(
    ("points_a", "message"),
    [("10.5", OUT_OF_RANGE), ("11", OUT_OF_RANGE), ("-0.5", OUT_OF_RANGE), ("7.25", OFF_STEP), ("0.1", OFF_STEP)],
)
def test_points_out_of_range_or_off_step_are_refused_by_the_service_on_their_field(
    assignment, criteria, member_user, points_a, message
):
    a, b = criteria

    with pytest.raises(ValidationError) as refused:
        scoring.record_scores(
            assignment=assignment, by=member_user, points={a.pk: Decimal(points_a), b.pk: Decimal(80)}
        )

    assert refused.value.message_dict == {f"points_{a.pk}": [message]}
    assert written(assignment) == (0, 0, False)


@pytest.mark.parametrize("points_a", ["0", "7.5", "10"])
def test_points_on_the_step_from_zero_to_the_maximum_are_accepted(assignment, criteria, member_user, points_a):
    a, b = criteria

    scoring.record_scores(assignment=assignment, by=member_user, points={a.pk: Decimal(points_a), b.pk: Decimal(90)})

    assert sorted(Score.objects.values_list("criterion__code", "points")) == [
        ("A", Decimal(points_a)),
        ("B", Decimal(90)),
    ]
    assert written(assignment) == (2, 2, True)


def test_a_missing_criterion_refuses_the_whole_sheet(assignment, criteria, member_user):
    a, b = criteria

    with pytest.raises(ValidationError) as refused:
        scoring.record_scores(assignment=assignment, by=member_user, points={b.pk: Decimal(80)})

    assert refused.value.message_dict == {f"points_{a.pk}": [MISSING]}
    assert written(assignment) == (0, 0, False)


def test_a_refused_change_keeps_the_previous_scores_and_history(assignment, criteria, member_user):
    a, b = criteria
    scoring.record_scores(assignment=assignment, by=member_user, points={a.pk: Decimal(7), b.pk: Decimal(80)})

    with pytest.raises(ValidationError):
        scoring.record_scores(assignment=assignment, by=member_user, points={a.pk: Decimal(8), b.pk: Decimal("80.25")})

    assert sorted(Score.objects.values_list("criterion__code", "points")) == [("A", Decimal(7)), ("B", Decimal(80))]
    assert ScoreChange.objects.count() == 2


@pytest.mark.parametrize(
    ("points_a", "message"),
    [("10.5", OUT_OF_RANGE), ("-1", OUT_OF_RANGE), ("7.25", OFF_STEP), ("", MISSING)],
)
def test_the_scoring_form_shows_a_refusal_on_the_field_in_vietnamese_and_saves_nothing(
    client, assignment, criteria, member_user, points_a, message
):
    a, b = criteria
    client.force_login(member_user)

    response = client.post(
        reverse("admin:submissions_assignment_score", args=[assignment.pk]),
        scoring_form_data({a.pk: points_a, b.pk: "80"}, comments={b.pk: "Tốt"}),
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {f"points_{a.pk}": [message]}
    assert field_errors(response, f"points_{a.pk}") == [message]
    assert field_errors(response, f"points_{b.pk}") == []
    assert "Điểm chưa được lưu. Hãy sửa các ô báo lỗi." in response.content.decode()
    assert written(assignment) == (0, 0, False)


def test_the_scoring_form_saves_points_on_the_step(client, assignment, criteria, member_user):
    a, b = criteria
    client.force_login(member_user)

    response = client.post(
        reverse("admin:submissions_assignment_score", args=[assignment.pk]),
        scoring_form_data({a.pk: "7.5", b.pk: "80"}, comments={a.pk: " Có minh chứng đầy đủ "}, overall="Khá"),
    )

    assert response.status_code == 302
    assert sorted(Score.objects.values_list("criterion__code", "points", "comment")) == [
        ("A", Decimal("7.5"), "Có minh chứng đầy đủ"),
        ("B", Decimal(80), ""),
    ]
    assignment.refresh_from_db()
    assert (assignment.comment, assignment.completed_at is not None) == ("Khá", True)


def test_saving_the_same_sheet_twice_keeps_one_score_per_criterion(assignment, criteria, member_user):
    a, b = criteria
    points = {a.pk: Decimal("7.5"), b.pk: Decimal(80)}

    scoring.record_scores(assignment=assignment, by=member_user, points=points)
    scoring.record_scores(assignment=assignment, by=member_user, points=points)

    assert sorted(Score.objects.values_list("entry_id", "criterion__code", "member_id")) == [
        (assignment.entry_id, "A", assignment.member_id),
        (assignment.entry_id, "B", assignment.member_id),
    ]
    assert ScoreChange.objects.count() == 2


def test_a_double_click_on_save_in_the_admin_keeps_one_score_per_criterion(client, assignment, criteria, member_user):
    a, b = criteria
    client.force_login(member_user)
    url = reverse("admin:submissions_assignment_score", args=[assignment.pk])
    data = scoring_form_data({a.pk: "7.5", b.pk: "80"})

    first = client.post(url, data)
    second = client.post(url, data)

    assert (first.status_code, second.status_code) == (302, 302)
    assert Score.objects.count() == 2
    assert ScoreChange.objects.count() == 2


def test_the_database_refuses_a_second_score_for_the_same_entry_criterion_and_member(assignment, criteria):
    a, _b = criteria
    ScoreFactory(entry=assignment.entry, criterion=a, member=assignment.member, points=Decimal(7))

    with pytest.raises(IntegrityError), transaction.atomic():
        ScoreFactory(entry=assignment.entry, criterion=a, member=assignment.member, points=Decimal(8))

    assert list(Score.objects.values_list("points", flat=True)) == [Decimal(7)]
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Score._meta.db_table)
    assert constraints["submissions_score_once"]["unique"] is True
    assert constraints["submissions_score_once"]["columns"] == ["entry_id", "criterion_id", "member_id"]


def test_changing_a_score_adds_its_old_and_new_points_to_the_history(assignment, criteria, member_user):
    a, b = criteria
    scoring.record_scores(assignment=assignment, by=member_user, points={a.pk: Decimal("7.5"), b.pk: Decimal(80)})

    scoring.record_scores(assignment=assignment, by=member_user, points={a.pk: Decimal(9), b.pk: Decimal(80)})

    assert list(ScoreChange.objects.values_list("criterion__code", "old_points", "new_points", "changed_by")) == [
        ("A", None, Decimal("7.5"), member_user.pk),
        ("B", None, Decimal(80), member_user.pk),
        ("A", Decimal("7.5"), Decimal(9), member_user.pk),
    ]
    assert sorted(Score.objects.values_list("criterion__code", "points")) == [("A", Decimal(9)), ("B", Decimal(80))]


def test_scores_are_refused_once_the_campaign_has_locked_them(campaign, assignment, criteria, member_user):
    a, b = criteria
    scoring.record_scores(assignment=assignment, by=member_user, points={a.pk: Decimal("7.5"), b.pk: Decimal(80)})
    campaign.scores_locked_at = timezone.now()
    campaign.save(update_fields=["scores_locked_at"])

    with pytest.raises(ValidationError) as refused:
        scoring.record_scores(assignment=assignment, by=member_user, points={a.pk: Decimal(9), b.pk: Decimal(80)})

    assert refused.value.messages == ["Danh sách khen thưởng đã được phê duyệt nên điểm đã khóa."]
    assert sorted(Score.objects.values_list("criterion__code", "points")) == [("A", Decimal("7.5")), ("B", Decimal(80))]
    assert ScoreChange.objects.count() == 2


def test_the_scoring_form_says_the_scores_are_locked_and_saves_nothing(
    client, campaign, assignment, criteria, member_user
):
    a, b = criteria
    campaign.scores_locked_at = timezone.now()
    campaign.save(update_fields=["scores_locked_at"])
    client.force_login(member_user)

    response = client.post(
        reverse("admin:submissions_assignment_score", args=[assignment.pk]),
        scoring_form_data({a.pk: "7.5", b.pk: "80"}),
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Danh sách khen thưởng đã được phê duyệt nên điểm đã khóa."]
    assert written(assignment) == (0, 0, False)


def test_the_scoring_form_of_locked_scores_shows_them_read_only_without_a_save_button(
    client, campaign, assignment, criteria, member_user
):
    a, b = criteria
    scoring.record_scores(assignment=assignment, by=member_user, points={a.pk: Decimal("7.5"), b.pk: Decimal(80)})
    campaign.scores_locked_at = timezone.now()
    campaign.save(update_fields=["scores_locked_at"])
    client.force_login(member_user)

    page = client.get(reverse("admin:submissions_assignment_score", args=[assignment.pk])).content.decode()

    document = lxml.html.fromstring(page)
    points = document.xpath(f"//input[@name='points_{a.pk}']")[0]
    assert points.get("value") == "7,5" and points.get("disabled") is not None
    assert document.xpath("//input[@type='submit']") == []
    assert "điểm chỉ còn để xem" in page


def test_assigning_is_refused_once_the_campaign_has_locked_its_scores(campaign, assignment):
    campaign.scores_locked_at = timezone.now()
    campaign.save(update_fields=["scores_locked_at"])
    other = AssignmentFactory(entry__campaign=campaign)

    with pytest.raises(ValidationError) as refused:
        scoring.assign_entry(entry=assignment.entry, member=other.member, by=other.assigned_by)

    assert refused.value.messages == ["Danh sách khen thưởng đã được phê duyệt nên điểm đã khóa."]
    assert list(assignment.entry.assignments.all()) == [assignment]


def test_only_the_criteria_that_apply_to_the_entry_are_asked_for(campaign, assignment, criteria, member_user):
    a, b = criteria
    CriterionFactory(campaign=campaign, code="T", order=3, max_points=Decimal(90), for_individuals=False)
    CriterionFactory(
        campaign=campaign, code="K", order=4, max_points=Decimal(90), areas=[ReformAreaFactory(campaign=campaign)]
    )

    scoring.record_scores(assignment=assignment, by=member_user, points={a.pk: Decimal(7), b.pk: Decimal(80)})

    assert sorted(Score.objects.values_list("criterion__code", flat=True)) == ["A", "B"]


def test_only_the_assigned_member_may_record_the_scores(assignment, criteria):
    a, b = criteria
    other = AssignmentFactory(entry=assignment.entry)

    with pytest.raises(ValidationError) as refused:
        scoring.record_scores(
            assignment=assignment, by=other.member.person.user, points={a.pk: Decimal(7), b.pk: Decimal(80)}
        )

    assert refused.value.messages == ["Chỉ thành viên được phân công mới chấm được bài này."]
    assert written(assignment) == (0, 0, False)
