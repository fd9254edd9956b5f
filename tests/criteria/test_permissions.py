"""Only the secretary sets campaigns up; others are turned away while a campaign exists to leak."""

import pytest
import time_machine
from django.urls import reverse

from campaigns.enums import Role
from campaigns.models import Campaign
from tests.criteria.conftest import campaign_with_set, vietnam

pytestmark = pytest.mark.django_db

NOW = vietnam(2025, 3, 1, 9, 0, 0)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def campaign():
    return campaign_with_set(2025, title="Kế hoạch có dữ liệu cần bảo vệ")


def admin_urls(campaign):
    return {
        "changelist": reverse("admin:campaigns_campaign_changelist"),
        "add": reverse("admin:campaigns_campaign_add"),
        "change": reverse("admin:campaigns_campaign_change", args=[campaign.pk]),
        "clone": reverse("admin:campaigns_campaign_clone", args=[campaign.pk]),
    }


@pytest.mark.parametrize("page", ["changelist", "add", "change", "clone"])
def test_plain_staff_member_is_sent_away_from_the_campaign_admin(client, make_user, campaign, page):
    client.force_login(make_user("canbo", Role.STAFF))
    url = admin_urls(campaign)[page]

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('admin:login')}?next={url}"


@pytest.mark.parametrize("page", ["changelist", "add", "change", "clone"])
def test_council_member_without_campaign_rights_is_refused(client, make_user, campaign, page):
    client.force_login(make_user("uyvien", Role.COUNCIL_MEMBER))

    response = client.get(admin_urls(campaign)[page])

    assert response.status_code == 403
    assert "Kế hoạch có dữ liệu cần bảo vệ" not in response.text


def test_secretary_reaches_every_campaign_admin_page(secretary_client, campaign):
    statuses = {page: secretary_client.get(url).status_code for page, url in admin_urls(campaign).items()}

    assert statuses == {"changelist": 200, "add": 200, "change": 200, "clone": 200}


def test_leader_may_read_the_campaign_in_the_admin_but_not_change_it(client, make_user, campaign):
    client.force_login(make_user("lanhdao", Role.LEADER))
    urls = admin_urls(campaign)

    statuses = {page: client.get(url).status_code for page, url in urls.items()}
    posted = client.post(urls["change"], {"title": "Đổi tên"})

    assert statuses == {"changelist": 200, "add": 403, "change": 200, "clone": 403}
    assert posted.status_code == 403
    assert Campaign.objects.get().title == "Kế hoạch có dữ liệu cần bảo vệ"


def test_leader_cannot_import_criteria(client, make_user, campaign):
    client.force_login(make_user("lanhdao", Role.LEADER))

    response = client.get(reverse("admin:criteria_criterion_import"))

    assert response.status_code == 403
