"""Who may see the ranking, its explanations, charts and export (issue 6; DESIGN.md: a 404, not a hint).

Each test runs while data that could leak exists: scored entries of a collective and a person,
and (where said) a nominee list that has been compiled but not yet posted.
"""

import pytest
from django.conf import settings
from django.urls import reverse

from awards.enums import ListStatus
from awards.models import NomineeList
from campaigns.enums import CampaignStatus, Role

pytestmark = pytest.mark.django_db

PAGES = ["ranking", "ranking_explain", "ranking_charts", "ranking_export"]


@pytest.fixture
def scored(ranking_world):
    w = ranking_world
    unit = w.unit("Phòng Dân tộc", code="phong-dan-toc")
    w.entry(unit, 88)
    w.entry(w.person("Nguyễn Văn Mật"), 91)
    return w, unit


def url_of(page, campaign, unit):
    if page == "ranking_explain":
        return reverse(page, args=[campaign.slug, "tap-the", unit.code])
    return reverse(page, args=[campaign.slug]) + "?loai=tap-the"


def fetch(client, url):
    """GET the page; the Excel download's file is closed at once, as the server does once it is sent."""
    response = client.get(url)
    response.close()
    return response


def list_of(campaign, status):
    return NomineeList.objects.create(
        campaign=campaign, version=1, status=status, fingerprint="0" * 64, compiled_by="Hệ thống"
    )


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("roles", [(Role.STAFF,), (Role.STAFF, Role.UNIT_HEAD)], ids=["staff", "unit-head"])
def test_staff_without_a_leader_or_council_role_get_404_before_the_list_is_posted(
    scored, make_user, client, page, roles
):
    w, unit = scored
    list_of(w.campaign, ListStatus.DRAFT)
    client.force_login(make_user("canbo", *roles, full_name="Cán Bộ Thường"))

    response = fetch(client, url_of(page, w.campaign, unit))

    assert response.status_code == 404
    assert b"Ph\xc3\xb2ng D\xc3\xa2n t\xe1\xbb\x99c" not in response.content  # "Phòng Dân tộc"


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", [Role.LEADER, Role.SECRETARY, Role.COUNCIL_MEMBER, Role.ADMINISTRATOR])
def test_leaders_the_secretariat_and_council_members_see_every_page(scored, make_user, client, page, role):
    w, unit = scored
    client.force_login(make_user("nguoixem", role, full_name="Người Xem"))

    response = fetch(client, url_of(page, w.campaign, unit))

    assert response.status_code == 200


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_visitor_is_sent_to_sign_in(scored, client, page):
    w, unit = scored
    url = url_of(page, w.campaign, unit)

    response = fetch(client, url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL) + "?next=")


@pytest.mark.parametrize("page", PAGES)
def test_staff_see_the_ranking_once_a_list_is_posted(scored, make_user, client, page):
    w, unit = scored
    list_of(w.campaign, ListStatus.PUBLISHED)
    client.force_login(make_user("canbo", Role.STAFF, full_name="Cán Bộ Thường"))

    response = fetch(client, url_of(page, w.campaign, unit))

    assert response.status_code == 200


@pytest.mark.parametrize("page", PAGES)
def test_a_draft_campaign_has_no_ranking_even_for_a_leader(scored, ranking_leader_client, page):
    w, unit = scored
    w.configure(status=CampaignStatus.DRAFT)

    response = fetch(ranking_leader_client, url_of(page, w.campaign, unit))

    assert response.status_code == 404
