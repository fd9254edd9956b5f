"""Points are typed as text: "7,5" and "7.5" are the same number, in either language, and are shown
back as the language writes them. Nothing off the campaign's step or not a number is reinterpreted.

Two criteria: A (maximum 10) and B (maximum 90); the campaign scores in steps of 0.5.
"""

from decimal import Decimal

import lxml.html
import pytest
from django.conf import settings
from django.urls import reverse
from time_machine import travel

from submissions.models import Score, SelfScore
from submissions.services import scoring
from tests.factories import CampaignFactory, CriterionFactory
from tests.factories.scoring import AssignmentFactory, scoring_form_data
from tests.submissions.conftest import DURING, entry_post

pytestmark = pytest.mark.django_db

OFF_STEP = "Điểm phải là bội số của 0,5 (ví dụ 7 hoặc 7,5)."
NOT_A_NUMBER = "Hãy nhập một số, ví dụ 7 hoặc 7,5."


@pytest.fixture
def scoring_campaign():
    return CampaignFactory(score_step=Decimal("0.5"))


@pytest.fixture
def criteria(scoring_campaign):
    return [
        CriterionFactory(campaign=scoring_campaign, code="A", order=1, max_points=Decimal(10)),
        CriterionFactory(campaign=scoring_campaign, code="B", order=2, max_points=Decimal(90)),
    ]


@pytest.fixture
def assignment(scoring_campaign, criteria):
    return AssignmentFactory(entry__campaign=scoring_campaign)


@pytest.fixture
def member_client(client, assignment):
    client.force_login(assignment.member.person.user)
    return client


def in_language(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def score_url(assignment):
    return reverse("admin:submissions_assignment_score", args=[assignment.pk])


def points_input(response, criterion):
    page = lxml.html.fromstring(response.content.decode())
    return page.xpath(f"//input[@name='points_{criterion.pk}']")[0]


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(("typed_a", "typed_b"), [("7,5", "2,5"), ("7.5", "2.5")])
def test_the_scoring_form_reads_a_decimal_comma_or_point_in_either_language(
    member_client, assignment, criteria, language, typed_a, typed_b
):
    in_language(member_client, language)

    response = member_client.post(
        score_url(assignment), scoring_form_data({criteria[0].pk: typed_a, criteria[1].pk: typed_b})
    )

    assert response.status_code == 302
    assert sorted(Score.objects.values_list("criterion__code", "points")) == [
        ("A", Decimal("7.5")),
        ("B", Decimal("2.5")),
    ]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("7,25", OFF_STEP),
        ("abc", NOT_A_NUMBER),
        ("7,5,0", NOT_A_NUMBER),
        ("1.000,5", NOT_A_NUMBER),
        ("7 5", NOT_A_NUMBER),
        ("10,5", "Điểm phải từ 0 đến 10."),
    ],
)
def test_the_scoring_form_refuses_what_is_not_a_number_on_the_step_and_saves_nothing(
    member_client, assignment, criteria, typed, message
):
    a, b = criteria

    response = member_client.post(score_url(assignment), scoring_form_data({a.pk: typed, b.pk: "80"}))

    assert response.status_code == 200
    assert response.context["form"].errors == {f"points_{a.pk}": [message]}
    assert points_input(response, a).get("value") == typed  # shown as typed, never reinterpreted
    assert Score.objects.count() == 0


@pytest.mark.parametrize(("language", "shown"), [("vi", "7,5"), ("en", "7.5")])
def test_the_scoring_form_shows_saved_points_in_a_text_box_in_the_active_language(
    member_client, assignment, criteria, language, shown
):
    a, b = criteria
    scoring.record_scores(
        assignment=assignment,
        by=assignment.member.person.user,
        points={a.pk: Decimal("7.50"), b.pk: Decimal("80.00")},
    )
    in_language(member_client, language)

    response = member_client.get(score_url(assignment))

    box = points_input(response, a)
    assert (box.get("type"), box.get("inputmode"), box.get("value")) == ("text", "decimal", shown)
    assert points_input(response, b).get("value") == "80"


@pytest.fixture
def self_scoring(campaign):
    campaign.score_step = Decimal("0.5")
    campaign.save(update_fields=["score_step"])
    area = campaign.areas.get()
    criterion = CriterionFactory(campaign=campaign, code="TC1", order=1, max_points=Decimal(25))
    return area, criterion


@travel(DURING, tick=False)
def test_a_self_score_typed_with_a_decimal_comma_is_saved_as_typed(client, campaign, self_scoring, author):
    area, criterion = self_scoring
    client.force_login(author)

    response = client.post(
        reverse("entry_create", args=[campaign.slug]), entry_post(area, **{f"self_score_{criterion.pk}": "2,5"})
    )

    assert response.status_code == 302
    assert list(SelfScore.objects.values_list("points", flat=True)) == [Decimal("2.5")]


@travel(DURING, tick=False)
@pytest.mark.parametrize(
    ("typed", "message"),
    [("25,5", "Điểm phải từ 0 đến 25."), ("7,25", OFF_STEP), ("bảy", NOT_A_NUMBER)],
)
def test_a_self_score_off_range_or_step_is_refused_with_numbers_written_in_vietnamese(
    client, campaign, self_scoring, author, typed, message
):
    area, criterion = self_scoring
    client.force_login(author)

    response = client.post(
        reverse("entry_create", args=[campaign.slug]), entry_post(area, **{f"self_score_{criterion.pk}": typed})
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {f"self_score_{criterion.pk}": [message]}
    assert SelfScore.objects.count() == 0
