"""The participant's registration page: register, see and change it while the window is open."""

import pytest
import time_machine
from django.urls import reverse

from registrations.models import Registration
from tests.factories import AwardFormFactory
from tests.registrations.conftest import AFTER_REGISTRATION, DURING_REGISTRATION, WINDOW_TEXT

pytestmark = pytest.mark.django_db


def post(client, url, giay_khen, commitments="Hoàn thành xuất sắc nhiệm vụ", moment=DURING_REGISTRATION):
    with time_machine.travel(moment, tick=False):
        return client.post(url, {"award_forms": [str(giay_khen.pk)], "commitments": commitments})


def test_a_staff_member_registers_and_changes_the_registration_while_open(client, campaign, author, giay_khen):
    client.force_login(author)
    url = reverse("registration", args=[campaign.slug])

    first = post(client, url, giay_khen)
    second = post(client, url, giay_khen, commitments="01 sáng kiến cấp cơ sở")
    with time_machine.travel(DURING_REGISTRATION, tick=False):
        page = client.get(url)

    assert (first.status_code, second.status_code) == (302, 302)
    assert list(Registration.objects.values_list("person", "commitments")) == [
        (author.person.pk, "01 sáng kiến cấp cơ sở")
    ]
    assert page.context["form"].initial["commitments"] == "01 sáng kiến cấp cơ sở"


def test_after_the_window_the_page_shows_the_registration_without_a_form_and_refuses_a_post(
    client, campaign, author, giay_khen
):
    client.force_login(author)
    url = reverse("registration", args=[campaign.slug])

    refused = post(client, url, giay_khen, moment=AFTER_REGISTRATION)
    with time_machine.travel(AFTER_REGISTRATION, tick=False):
        page = client.get(url).content.decode()

    assert refused.context["form"].non_field_errors() == [f"Ngoài thời gian đăng ký: nhận đăng ký {WINDOW_TEXT}."]
    assert Registration.objects.count() == 0
    assert "Ngoài thời gian đăng ký: không đăng ký hoặc sửa được nữa." in page
    assert 'name="commitments"' not in page


def test_a_unit_head_registers_the_unit_and_nobody_else_reaches_its_page(
    client, campaign, head, author, unit, giay_khen_tap_the
):
    url = reverse("registration_unit", args=[campaign.slug, unit.code])
    client.force_login(author)
    assert client.get(url).status_code == 404

    client.force_login(head)
    response = post(client, url, giay_khen_tap_the)

    assert response.status_code == 302
    assert list(Registration.objects.values_list("unit", "person", "registered_by")) == [(unit.pk, None, head.pk)]


def test_a_campaign_without_registration_has_no_registration_page(client, campaign, author):
    campaign.requires_registration = False
    campaign.save()
    client.force_login(author)

    assert client.get(reverse("registration", args=[campaign.slug])).status_code == 404


@pytest.mark.parametrize("forms", [1, 3])
def test_the_page_reads_the_same_number_of_queries_whatever_the_forms(
    client, campaign, author, django_assert_num_queries, forms
):
    for precedence in range(forms):
        AwardFormFactory(campaign=campaign, recipient_kind="individual", precedence=precedence + 1)
    client.force_login(author)
    url = reverse("registration", args=[campaign.slug])

    # 8: the signed-in user, their groups (the rules read roles; campaigns/permissions.py), the page.
    with time_machine.travel(DURING_REGISTRATION, tick=False), django_assert_num_queries(8):
        client.get(url)


def test_the_campaign_page_shows_the_registration_window_and_links_to_the_page(client, campaign, author):
    client.force_login(author)

    page = client.get(reverse("campaign_detail", args=[campaign.slug])).content.decode()

    assert "Đăng ký thi đua: từ 21/04/2022 00:00:00 đến hết 15/05/2022 23:59:59" in page
    assert reverse("registration", args=[campaign.slug]) in page
