"""The campaign page reads like its plan: deadline in Vietnam time and the state as of now."""

from datetime import date

import lxml.html
import pytest
import time_machine
from django.urls import reverse

from awards.enums import ListStatus
from awards.models import NomineeList
from campaigns.enums import CampaignStatus, Role
from criteria.demo import COUNCIL, REFERENCE_SLUG, load_current_campaign, load_reference_campaign
from submissions.models import PersonalDeadline
from tests.criteria.conftest import campaign_with_set, vietnam
from tests.factories import AgencyFactory, AwardFormFactory, CampaignFactory, PersonFactory

pytestmark = pytest.mark.django_db


def page_url(campaign):
    return reverse("campaign_detail", kwargs={"slug": campaign.slug})


def header_lines(response):
    """The header's state line and time line, with whitespace (non-breaking spaces too) collapsed."""
    header = lxml.html.fromstring(response.content.decode()).find(".//header")
    lines = header.xpath("./p[@class='mb-1'] | ./p[@class='mb-0']")
    return [" ".join(line.text_content().split()) for line in lines]


def test_reference_campaign_page_shows_its_last_second_and_that_it_has_ended(client, make_user):
    campaign = load_reference_campaign(agency=AgencyFactory())
    client.force_login(make_user("canbo", Role.STAFF))

    response = client.get(page_url(campaign))

    assert response.status_code == 200
    assert campaign.slug == REFERENCE_SLUG
    assert header_lines(response) == [
        "Đã kết thúc Thi đua theo chuyên đề (theo đợt)",
        "Thời gian: từ 21/04/2022 00:00:00 · Hạn cuối: 31/12/2022 23:59:59 (giờ Việt Nam)",
    ]


def test_reference_campaign_page_is_still_open_in_its_last_second(client, make_user):
    campaign = load_reference_campaign(agency=AgencyFactory())

    with time_machine.travel(vietnam(2022, 12, 31, 23, 59, 59, 900000), tick=False):
        client.force_login(make_user("canbo", Role.STAFF))
        response = client.get(page_url(campaign))

    document = lxml.html.fromstring(response.content.decode())
    assert header_lines(response)[0] == "Đang mở Thi đua theo chuyên đề (theo đợt)"
    assert document.xpath("//header//strong/text()") == ["31/12/2022 23:59:59"]


def test_reference_campaign_lists_its_ten_areas_five_criteria_and_council_of_sample_people(client, make_user):
    for code, _role in COUNCIL:
        PersonFactory(code=code)

    campaign = load_reference_campaign(agency=AgencyFactory())

    assert (campaign.areas.count(), campaign.criteria.count(), campaign.council.count()) == (10, 5, 9)
    client.force_login(make_user("canbo", Role.STAFF))
    response = client.get(page_url(campaign))
    assert [area.order for area in response.context["campaign"].areas.all()] == list(range(1, 11))
    assert [c.code for c in response.context["campaign"].criteria.all()] == ["TC1", "TC2", "TC3", "TC4", "TC5"]


def test_current_year_clone_of_the_reference_is_open_and_shows_the_time_left(client, make_user):
    reference = load_reference_campaign(agency=AgencyFactory())

    with time_machine.travel(vietnam(2025, 6, 1, 12, 0, 0), tick=False):
        current = load_current_campaign(reference=reference, today=date(2025, 6, 1))
        client.force_login(make_user("canbo", Role.STAFF))
        response = client.get(page_url(current))

    assert response.status_code == 200
    assert (current.slug, current.status) == ("kh-bdt-2025-mau", CampaignStatus.LAUNCHED)
    assert header_lines(response)[0] == "Đang mở Thi đua theo chuyên đề (theo đợt)"
    assert "Hạn cuối: 31/12/2025 23:59:59 (còn " in header_lines(response)[1]
    # Time left to 01/01/2026 00:00:00, in Vietnamese like the rest of the page.
    assert header_lines(response)[1] == (
        "Thời gian: từ 15/01/2025 00:00:00 · Hạn cuối: 31/12/2025 23:59:59 (còn 6 tháng, 4 tuần) (giờ Việt Nam)"
    )


def test_current_year_clone_has_ended_at_midnight_of_the_new_year(client, make_user):
    reference = load_reference_campaign(agency=AgencyFactory())
    current = load_current_campaign(reference=reference, today=date(2025, 6, 1))

    with time_machine.travel(vietnam(2026, 1, 1), tick=False):
        client.force_login(make_user("canbo", Role.STAFF))
        response = client.get(page_url(current))

    assert header_lines(response)[0] == "Đã kết thúc Thi đua theo chuyên đề (theo đợt)"


@pytest.mark.parametrize("roles", [(Role.STAFF,), (Role.SECRETARY,), (Role.LEADER,), (Role.ADMINISTRATOR,)])
def test_draft_campaign_page_is_not_found_for_anybody_on_the_front_site(client, make_user, roles):
    draft = campaign_with_set(2025, status=CampaignStatus.DRAFT, title="Kế hoạch chưa ban hành")
    client.force_login(make_user("nguoidung", *roles))

    response = client.get(page_url(draft))

    assert response.status_code == 404
    assert "Kế hoạch chưa ban hành" not in response.text


def test_draft_campaign_page_is_not_found_even_for_a_superuser(client, make_user):
    draft = campaign_with_set(2025, status=CampaignStatus.DRAFT)
    user = make_user("quantri", Role.ADMINISTRATOR)
    user.is_superuser = True
    user.save()
    client.force_login(user)

    assert client.get(page_url(draft)).status_code == 404


def test_launched_campaign_page_is_open_to_any_signed_in_staff_member(client, make_user):
    campaign = campaign_with_set(2025, title="Kế hoạch đã phát động")
    client.force_login(make_user("canbo", Role.STAFF))

    response = client.get(page_url(campaign))

    assert (response.status_code, response.context["campaign"]) == (200, campaign)


def test_anonymous_visitor_is_sent_to_sign_in_from_the_campaign_page(client):
    campaign = campaign_with_set(2025)

    response = client.get(page_url(campaign))

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={page_url(campaign)}"


@pytest.mark.parametrize(
    "criteria", [[("TC1", 100)], [("TC1", 40), ("TC2", 30), ("TC3", 30)]], ids=["1-criterion", "3-criteria"]
)
def test_campaign_page_query_count_does_not_grow_with_criteria(client, make_user, django_assert_num_queries, criteria):
    campaign = campaign_with_set(2025, criteria=criteria)
    area_1 = campaign.areas.get(order=1)
    for criterion in campaign.criteria.all():
        criterion.areas.set([area_1])
    for precedence in range(1, len(criteria) + 1):
        AwardFormFactory(campaign=campaign, precedence=precedence)
    client.force_login(make_user("canbo", Role.STAFF))

    # user, their groups, campaign, areas, criteria, their areas, award forms, footer agency (the session
    # comes from the cache), whether the user may enter (their deadline), whether a list is posted
    # (the ranking's access rule)
    with django_assert_num_queries(10):
        response = client.get(page_url(campaign))

    assert response.status_code == 200
    assert len(response.context["campaign"].criteria.all()) == len(criteria)


def buttons(response):
    header = lxml.html.fromstring(response.content.decode()).find(".//header")
    return [" ".join(a.text_content().split()) for a in header.xpath(".//a[contains(@class, 'btn')]")]


@pytest.fixture
def extended_campaign(make_user):
    """A campaign closed for everybody on 31/12/2022 but for canbo, extended to 07/01/2023 23:59:59."""
    campaign = CampaignFactory()
    author, other = make_user("canbo", Role.STAFF), make_user("canbo2", Role.STAFF)
    PersonalDeadline.objects.create(
        campaign=campaign,
        person=author.person,
        closes_at=vietnam(2023, 1, 7, 23, 59, 59),
        reason="Ốm nằm viện.",
        granted_by=make_user("thuky", Role.SECRETARY, person=False),
    )
    return campaign, author, other


def test_participant_with_an_extension_sees_the_entry_button_after_the_common_close(client, extended_campaign):
    campaign, author, other = extended_campaign

    with time_machine.travel(vietnam(2023, 1, 2, 9, 0), tick=False):
        client.force_login(author)
        for_author = buttons(client.get(page_url(campaign)))
        client.force_login(other)
        for_other = buttons(client.get(page_url(campaign)))

    assert (for_author, for_other) == (
        ["Gửi bài dự thi", "Danh sách đề nghị khen thưởng"],
        ["Danh sách đề nghị khen thưởng"],
    )


def test_staff_see_the_ranking_link_once_a_list_is_posted_as_the_ranking_page_allows(client, make_user):
    campaign = CampaignFactory(status=CampaignStatus.CLOSED)
    client.force_login(make_user("canbo", Role.STAFF))
    before = buttons(client.get(page_url(campaign)))
    NomineeList.objects.create(campaign=campaign, version=1, status=ListStatus.PUBLISHED, fingerprint="x")

    after = client.get(page_url(campaign))

    assert (before, buttons(after)) == (
        ["Danh sách đề nghị khen thưởng"],
        ["Xem xếp hạng", "Danh sách đề nghị khen thưởng"],
    )
    assert client.get(reverse("ranking", args=[campaign.slug])).status_code == 200
