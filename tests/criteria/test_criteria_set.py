"""For every reform area and kind of entry, the criteria's maximum points add up to the scale."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from campaigns.models import Campaign
from criteria.services import CriterionSpec, check_saved_criteria_set, criteria_set_errors
from tests.criteria.conftest import vietnam
from tests.factories import AgencyFactory, CampaignFactory, CriterionFactory, ReformAreaFactory

pytestmark = pytest.mark.django_db

SCALE = Decimal(100)
AREAS = {1: "1. Cải cách thể chế", 2: "2. Cải cách thủ tục hành chính", 3: "3. Cải cách tài chính công"}


def spec(code, points, areas=(), collectives=True, individuals=True):
    return CriterionSpec(code, Decimal(points), frozenset(areas), collectives, individuals)


def test_set_adding_up_to_the_scale_has_no_errors():
    criteria = [spec("TC1", 25), spec("TC2", 30), spec("TC3", 20), spec("TC4", 15), spec("TC5", 10)]

    assert criteria_set_errors(scale=SCALE, areas=AREAS, criteria=criteria) == []


def test_set_short_of_the_scale_names_each_set_and_the_gap():
    criteria = [spec("TC1", 60), spec("TC2", 35)]

    assert criteria_set_errors(scale=SCALE, areas={}, criteria=criteria) == [
        "Tập thể và cá nhân: tổng điểm tối đa các tiêu chí là 95, thiếu 5 điểm so với thang 100.",
    ]


def test_set_over_the_scale_says_by_how_much():
    criteria = [spec("TC1", 60), spec("TC2", 45)]

    assert criteria_set_errors(scale=SCALE, areas={}, criteria=criteria) == [
        "Tập thể và cá nhân: tổng điểm tối đa các tiêu chí là 105, thừa 5 điểm so với thang 100.",
    ]


def test_criterion_limited_to_one_area_leaves_the_other_areas_short():
    criteria = [spec("TC1", 80), spec("TC2", 20, areas={1})]

    assert criteria_set_errors(scale=SCALE, areas=AREAS, criteria=criteria) == [
        "2. Cải cách thủ tục hành chính; 3. Cải cách tài chính công (tập thể và cá nhân): "
        "tổng điểm tối đa các tiêu chí là 80, thiếu 20 điểm so với thang 100.",
    ]


def test_each_area_may_have_its_own_criteria_adding_up_to_the_scale():
    criteria = [spec("TC1", 80), spec("TC2", 20, areas={1}), spec("TC3", 20, areas={2, 3})]

    assert criteria_set_errors(scale=SCALE, areas=AREAS, criteria=criteria) == []


def test_criterion_for_collectives_only_leaves_the_individual_set_short():
    criteria = [spec("TC1", 90), spec("TC2", 10, individuals=False)]

    assert criteria_set_errors(scale=SCALE, areas={}, criteria=criteria) == [
        "Cá nhân: tổng điểm tối đa các tiêu chí là 90, thiếu 10 điểm so với thang 100.",
    ]


def test_gap_of_half_a_point_is_written_with_a_decimal_comma():
    criteria = [spec("TC1", "60.5"), spec("TC2", 39)]

    assert criteria_set_errors(scale=SCALE, areas={}, criteria=criteria)[0] == (
        "Tập thể và cá nhân: tổng điểm tối đa các tiêu chí là 99,5, thiếu 0,5 điểm so với thang 100."
    )


def test_one_wrong_number_in_ten_areas_is_said_once_naming_every_area():
    areas = {n: f"{n}. Nội dung {n}" for n in range(1, 11)}
    criteria = [spec("TC1", 60), spec("TC2", 35)]

    assert criteria_set_errors(scale=SCALE, areas=areas, criteria=criteria) == [
        "Mọi nội dung thi đua (tập thể và cá nhân): tổng điểm tối đa các tiêu chí là 95, thiếu 5 điểm so với thang 100.",
    ]


def test_areas_off_by_different_totals_get_one_sentence_each():
    criteria = [spec("TC1", 80), spec("TC2", 20, areas={1}), spec("TC3", 10, areas={2}, individuals=False)]

    assert criteria_set_errors(scale=SCALE, areas=AREAS, criteria=criteria) == [
        "2. Cải cách thủ tục hành chính (tập thể): tổng điểm tối đa các tiêu chí là 90, thiếu 10 điểm so với thang 100.",
        "2. Cải cách thủ tục hành chính (cá nhân); 3. Cải cách tài chính công (tập thể và cá nhân): "
        "tổng điểm tối đa các tiêu chí là 80, thiếu 20 điểm so với thang 100.",
    ]


def test_empty_set_is_allowed_while_the_secretary_has_not_written_it():
    assert criteria_set_errors(scale=SCALE, areas=AREAS, criteria=[]) == []


def test_saved_set_is_checked_with_the_areas_each_criterion_applies_to():
    campaign = CampaignFactory(scale_total=Decimal(100))
    first = ReformAreaFactory(campaign=campaign, order=1, name="Cải cách thể chế")
    ReformAreaFactory(campaign=campaign, order=2, name="Cải cách tài chính công")
    CriterionFactory(campaign=campaign, code="TC1", max_points=Decimal(80))
    CriterionFactory(campaign=campaign, code="TC2", max_points=Decimal(20), areas=[first])

    with pytest.raises(ValidationError) as refused:
        check_saved_criteria_set(campaign=campaign)

    assert refused.value.messages == [
        "2. Cải cách tài chính công (tập thể và cá nhân): "
        "tổng điểm tối đa các tiêu chí là 80, thiếu 20 điểm so với thang 100.",
    ]


def test_saved_set_adding_up_to_a_scale_other_than_100_passes():
    campaign = CampaignFactory(scale_total=Decimal(10))
    CriterionFactory(campaign=campaign, code="TC1", max_points=Decimal("6.5"))
    CriterionFactory(campaign=campaign, code="TC2", max_points=Decimal("3.5"))

    assert check_saved_criteria_set(campaign=campaign) is None


def test_saved_set_of_a_campaign_just_created_with_the_default_scale_names_the_gap():
    # The campaign object is the one just created, as load_reference_campaign() passes it: its
    # scale_total is the model default, not a value read back from the database.
    campaign = Campaign.objects.create(
        agency=AgencyFactory(),
        slug="moi-tao",
        plan_number="1/KH-BDT",
        title="Phong trào vừa tạo",
        signed_on=date(2022, 4, 21),
        opens_at=vietnam(2022, 4, 21),
        closes_at=vietnam(2022, 12, 31, 23, 59, 59),
    )
    CriterionFactory(campaign=campaign, code="TC1", max_points=Decimal(95))

    with pytest.raises(ValidationError) as refused:
        check_saved_criteria_set(campaign=campaign)

    assert refused.value.messages == [
        "Tập thể và cá nhân: tổng điểm tối đa các tiêu chí là 95, thiếu 5 điểm so với thang 100.",
    ]
