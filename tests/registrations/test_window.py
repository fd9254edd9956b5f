"""The registration window to the second, read by the same rule as the entry deadline
(campaigns.deadline): 15/05/2022 23:59:59 is the last open second, 23:59:59.9 is still in it."""

import pytest
from django.core.exceptions import ValidationError

from registrations import services
from registrations.models import Registration
from tests.registrations.conftest import (
    REGISTRATION_FIRST_CLOSED_MOMENT,
    REGISTRATION_LAST_MOMENT,
    WINDOW_TEXT,
    vietnam,
)

pytestmark = pytest.mark.django_db


def register(campaign, author, giay_khen, moment, **kwargs):
    return services.register(
        campaign=campaign,
        by=author,
        person=author.person,
        award_forms=[giay_khen],
        commitments="Hoàn thành xuất sắc nhiệm vụ; 01 sáng kiến cấp cơ sở.",
        moment=moment,
        **kwargs,
    )


def test_the_window_opens_at_its_first_second_and_ends_after_its_last(campaign):
    assert [
        campaign.registration_open_at(moment)
        for moment in (
            vietnam(2022, 4, 20, 23, 59, 59, 900000),
            vietnam(2022, 4, 21),
            REGISTRATION_LAST_MOMENT,
            REGISTRATION_FIRST_CLOSED_MOMENT,
        )
    ] == [False, True, True, False]


def test_a_registration_in_the_last_tenth_of_the_last_second_is_accepted(campaign, author, giay_khen):
    registration = register(campaign, author, giay_khen, REGISTRATION_LAST_MOMENT)

    assert list(Registration.objects.all()) == [registration]
    assert (registration.on_behalf, registration.outside_window) == (False, False)
    assert list(registration.award_forms.all()) == [giay_khen]


def test_a_registration_at_the_next_second_is_refused_with_the_window_shown(campaign, author, giay_khen):
    with pytest.raises(ValidationError) as refused:
        register(campaign, author, giay_khen, REGISTRATION_FIRST_CLOSED_MOMENT)

    assert refused.value.messages == [f"Ngoài thời gian đăng ký: nhận đăng ký {WINDOW_TEXT}."]
    assert Registration.objects.count() == 0


def test_a_draft_campaign_takes_no_registration_even_within_its_window(campaign, author, giay_khen):
    campaign.status = "draft"
    campaign.save()

    assert campaign.registration_open_at(vietnam(2022, 5, 1)) is False


def test_someone_registers_only_for_themselves(campaign, author, giay_khen, make_staff):
    stranger = make_staff("canbo9")

    with pytest.raises(Exception) as refused:
        services.register(
            campaign=campaign,
            by=stranger,
            person=author.person,
            award_forms=[giay_khen],
            commitments="x",
            moment=vietnam(2022, 5, 1),
        )

    assert type(refused.value).__name__ == "PermissionDenied"


def test_a_form_of_another_kind_or_campaign_is_refused_by_name(campaign, author, giay_khen_tap_the):
    with pytest.raises(ValidationError) as refused:
        register(campaign, author, giay_khen_tap_the, vietnam(2022, 5, 1))

    assert refused.value.message_dict == {
        "award_forms": ["Chỉ chọn danh hiệu, hình thức khen thưởng của phong trào dành cho cá nhân."]
    }


def test_registering_again_changes_the_one_registration(campaign, author, giay_khen):
    first = register(campaign, author, giay_khen, vietnam(2022, 5, 1))

    again = services.register(
        campaign=campaign,
        by=author,
        person=author.person,
        award_forms=[giay_khen],
        commitments="Chỉ tiêu mới",
        moment=vietnam(2022, 5, 2),
    )

    assert again.pk == first.pk
    assert list(Registration.objects.values_list("commitments", flat=True)) == ["Chỉ tiêu mới"]
