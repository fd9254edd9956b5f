"""The secretary registers on someone's behalf: marked as such; after the window only with a reason."""

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from registrations import services
from registrations.models import Registration
from tests.registrations.conftest import AFTER_REGISTRATION, DURING_REGISTRATION, WINDOW_TEXT

pytestmark = pytest.mark.django_db


def on_behalf(campaign, secretary, author, giay_khen, moment, note=""):
    return services.register(
        campaign=campaign,
        by=secretary,
        person=author.person,
        award_forms=[giay_khen],
        commitments="Hoàn thành tốt nhiệm vụ",
        on_behalf=True,
        note=note,
        moment=moment,
    )


def test_within_the_window_the_secretary_registers_for_someone_without_a_reason(campaign, secretary, author, giay_khen):
    registration = on_behalf(campaign, secretary, author, giay_khen, DURING_REGISTRATION)

    assert (registration.on_behalf, registration.outside_window, registration.registered_by) == (
        True,
        False,
        secretary,
    )


def test_after_the_window_a_registration_on_behalf_without_a_reason_is_refused(campaign, secretary, author, giay_khen):
    with pytest.raises(ValidationError) as refused:
        on_behalf(campaign, secretary, author, giay_khen, AFTER_REGISTRATION)

    assert refused.value.message_dict == {
        "note": [f"Đăng ký thay ngoài thời gian đăng ký ({WINDOW_TEXT}) phải ghi lý do."]
    }
    assert Registration.objects.count() == 0


def test_after_the_window_a_registration_on_behalf_with_a_reason_is_kept_and_marked(
    campaign, secretary, author, giay_khen
):
    registration = on_behalf(campaign, secretary, author, giay_khen, AFTER_REGISTRATION, note="Đi công tác (mẫu)")

    assert (registration.on_behalf, registration.outside_window, registration.note) == (
        True,
        True,
        "Đi công tác (mẫu)",
    )


def test_only_the_secretary_registers_on_behalf(campaign, author, giay_khen, make_staff):
    colleague = make_staff("canbo7")

    with pytest.raises(PermissionDenied):
        on_behalf(campaign, colleague, author, giay_khen, DURING_REGISTRATION)


def admin_post(client, campaign, author, giay_khen, note):
    return client.post(
        reverse("admin:registrations_registration_add"),
        {
            "campaign": str(campaign.pk),
            "person": str(author.person.pk),
            "unit": "",
            "award_forms": [str(giay_khen.pk)],
            "commitments": "Hoàn thành tốt nhiệm vụ",
            "note": note,
            "_save": "1",
        },
    )


def test_the_admin_form_shows_the_missing_reason_on_its_field_after_the_window(
    client, campaign, secretary, author, giay_khen
):
    client.force_login(secretary)

    with time_machine.travel(AFTER_REGISTRATION, tick=False):
        refused = admin_post(client, campaign, author, giay_khen, note="")
        kept = admin_post(client, campaign, author, giay_khen, note="Nghỉ phép trong thời gian đăng ký")

    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors == {
        "note": [f"Đăng ký thay ngoài thời gian đăng ký ({WINDOW_TEXT}) phải ghi lý do."]
    }
    assert kept.status_code == 302
    assert list(Registration.objects.values_list("person", "on_behalf", "outside_window")) == [
        (author.person.pk, True, True)
    ]
