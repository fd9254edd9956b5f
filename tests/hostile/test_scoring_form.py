"""Hostile points and comments on the council's scoring form in the admin.

Every post ends in 200 with the errors on their fields and nothing saved (scores, history and
the assignment as they were), or in 302 with every criterion scored within its range, on the
campaign's step of 0,5, and one history row per changed score.
"""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.html import escape
from hypothesis import example, given
from hypothesis import strategies as st

from submissions.models import Assignment, Score, ScoreChange
from submissions.services import scoring
from tests.factories.scoring import AssignmentFactory, scoring_form_data
from tests.hostile.conftest import HOSTILE, hostile_text, note_outcome, number_text, rolled_back

pytestmark = pytest.mark.django_db

REFUSED_BANNER = "Điểm chưa được lưu. Hãy sửa các ô báo lỗi."
EARLIER = {"TC1": Decimal("7.5"), "TC2": Decimal(50)}


@pytest.fixture(params=[False, True], ids=["first-scoring", "rescoring"])
def assignment(request, campaign):
    """An entry under review given to a council member, scored before (TC1 7,5, TC2 50) or not."""
    assignment = AssignmentFactory(entry__campaign=campaign)
    if request.param:
        criteria = {c.code: c.pk for c in campaign.criteria.all()}
        scoring.record_scores(
            assignment=assignment,
            by=assignment.member.person.user,
            points={criteria[code]: points for code, points in EARLIER.items()},
        )
    return assignment


@pytest.fixture
def member_client(client, assignment):
    client.force_login(assignment.member.person.user)
    return client


def state(assignment):
    """Everything a refused save must leave as it was."""
    fresh = Assignment.objects.get(pk=assignment.pk)
    return (
        sorted(Score.objects.filter(member=assignment.member).values_list("criterion__code", "points", "comment")),
        ScoreChange.objects.count(),
        fresh.comment,
        fresh.completed_at,
    )


def points_text(maximum):
    """Hostile text half the time; otherwise points on the step of 0,5 within the range, typed in several ways."""
    on_step = st.tuples(st.integers(0, maximum * 2), st.sampled_from(["{}", "{:.2f}", " {} ", "{:.5f}"])).map(
        lambda n_f: n_f[1].format(Decimal(n_f[0]) / 2)
    )
    return st.booleans().flatmap(lambda hostile: number_text if hostile else on_step)


# Comments with a NUL character are refused on their field, which the page must show: a test of its own.
comment_text = hostile_text(60).filter(lambda text: "\x00" not in text)


@HOSTILE
@given(
    tc1=points_text(25),
    tc2=points_text(75),
    comment=comment_text,
    overall=comment_text,
    button=st.sampled_from(["_save", "_next"]),
)
@example(tc1="25", tc2="75", comment="", overall="", button="_save")
@example(tc1="0", tc2="-0", comment="Tốt", overall="Khá", button="_next")
@example(tc1="25.5", tc2="-0.5", comment="", overall="", button="_save")
@example(tc1="7.25", tc2="7.50000", comment="", overall="", button="_save")
@example(tc1="NaN", tc2="Infinity", comment="", overall="", button="_save")
@example(tc1="sNaN", tc2="-Infinity", comment="", overall="", button="_save")
@example(tc1="1E+400", tc2="1e-400", comment="", overall="", button="_save")
@example(tc1="9" * 400, tc2="0." + "0" * 300 + "5", comment="", overall="", button="_save")
@example(tc1="7,5", tc2="mười", comment="", overall="", button="_save")
@example(tc1="7.5", tc2="50", comment="\u202eđiểm\u202c\x1b[0m", overall="<b>{{ x }}</b>", button="_save")
def test_hostile_points_are_refused_on_their_fields_or_saved_within_range_and_step(
    member_client, campaign, assignment, tc1, tc2, comment, overall, button
):
    criteria = {c.code: c for c in campaign.criteria.all()}
    url = reverse("admin:submissions_assignment_score", args=[assignment.pk])
    data = scoring_form_data(
        {criteria["TC1"].pk: tc1, criteria["TC2"].pk: tc2},
        comments={criteria["TC1"].pk: comment},
        overall=overall,
        button=button,
    )
    with rolled_back():
        before = state(assignment)

        response = member_client.post(url, data)

        assert response.status_code in (200, 302), response.status_code
        note_outcome(f"HTTP {response.status_code}")
        if response.status_code == 200:
            form = response.context["form"]
            page = response.content.decode()
            assert form.errors
            assert REFUSED_BANNER in page or form.non_field_errors()
            for messages in form.errors.values():
                for message in messages:
                    assert escape(message) in page, message
            assert state(assignment) == before
        else:
            scores = {s.criterion.code: s for s in Score.objects.filter(member=assignment.member)}
            assert sorted(scores) == ["TC1", "TC2"]
            for code, score in scores.items():
                assert Decimal(0) <= score.points <= criteria[code].max_points
                assert (score.points / campaign.score_step) % 1 == 0
            assert scores["TC1"].points == Decimal(tc1.strip())
            assert scores["TC2"].points == Decimal(tc2.strip())
            assert scores["TC1"].comment == comment.strip()
            earlier = EARLIER if before[0] else {}
            changed = sum(1 for code, score in scores.items() if earlier.get(code) != score.points)
            assert ScoreChange.objects.count() == before[1] + changed
            fresh = Assignment.objects.get(pk=assignment.pk)
            assert (fresh.comment, fresh.completed_at is not None) == (overall.strip(), True)


@pytest.mark.parametrize("assignment", [False], indirect=True, ids=["first-scoring"])
@pytest.mark.parametrize("field", ["comment", "overall"])
def test_a_comment_with_a_nul_character_is_refused_with_the_error_on_its_field(
    member_client, campaign, assignment, field
):
    """Text pasted from a PDF can carry NUL characters; the form refuses them and must say where."""
    criteria = {c.code: c.pk for c in campaign.criteria.all()}
    pasted = "Có minh chứng\x00 đầy đủ"
    data = scoring_form_data(
        {criteria["TC1"]: "7.5", criteria["TC2"]: "50"},
        comments={criteria["TC1"]: pasted if field == "comment" else ""},
        overall=pasted if field == "overall" else "",
    )
    before = state(assignment)

    response = member_client.post(reverse("admin:submissions_assignment_score", args=[assignment.pk]), data)

    assert response.status_code == 200
    [message] = [m for messages in response.context["form"].errors.values() for m in messages]
    assert escape(message) in response.content.decode()
    assert state(assignment) == before
