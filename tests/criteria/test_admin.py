"""The secretary sets up a campaign in the admin: the real add and change forms, inlines included."""

from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from campaigns.enums import CampaignStatus, ParticipantKind
from campaigns.models import Campaign, ReformArea
from criteria.enums import CouncilRole
from criteria.models import AwardForm, CouncilMember, Criterion
from criteria.services import check_saved_criteria_set
from tests.criteria.admin_forms import add_inline_rows, form_data, inline_formset, inline_row_index
from tests.criteria.conftest import campaign_with_set, vietnam
from tests.factories import AgencyFactory, PersonFactory

pytestmark = pytest.mark.django_db

NOW = vietnam(2025, 3, 1, 9, 0, 0)
SHORT_BY_5 = "tổng điểm tối đa các tiêu chí là 95, thiếu 5 điểm so với thang 100."
OVER_BY_5 = "tổng điểm tối đa các tiêu chí là 105, thừa 5 điểm so với thang 100."


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield NOW


def add_url():
    return reverse("admin:campaigns_campaign_add")


def change_url(campaign):
    return reverse("admin:campaigns_campaign_change", args=[campaign.pk])


def criterion_row(code, points, *, order=1, areas=None, collectives=True, individuals=True):
    row = {
        "code": code,
        "order": str(order),
        "max_points": str(points),
        "name": f"Tiêu chí {code}",
        "guidance": "",
        "for_collectives": collectives,
        "for_individuals": individuals,
    }
    if areas:
        row["areas"] = [str(area.pk) for area in areas]
    return row


def filled_add_form(client, agency, *, criteria, areas=("Cải cách thể chế", "Cải cách thủ tục hành chính")):
    """The add form as the secretary fills it: plan 12/KH-BDT of 2025 with its areas and criteria."""
    data = form_data(client.get(add_url()))
    data.update(
        {
            "agency": str(agency.pk),
            "plan_number": "12/KH-BDT",
            "slug": "12-kh-bdt-2025",
            "title": "Phát động phong trào thi đua cải cách hành chính năm 2025",
            "signed_on": "15/01/2025",
            "signer": "Trưởng Ban Dân tộc tỉnh Vĩnh Long",
            "opens_at_0": "15/01/2025",
            "opens_at_1": "00:00:00",
            "closes_at_0": "31/12/2025",
            "closes_at_1": "23:59:59",
        }
    )
    add_inline_rows(data, "areas", [{"order": str(n), "name": name} for n, name in enumerate(areas, start=1)])
    add_inline_rows(data, "criteria", criteria)
    return data


def criteria_errors(response):
    return list(inline_formset(response, "criteria").formset.non_form_errors())


def saved_set_errors(campaign):
    """What the stored criteria set of the campaign has against the scale (nothing when it adds up)."""
    try:
        check_saved_criteria_set(campaign=campaign)
    except ValidationError as exc:
        return exc.messages
    return []


def points_by_code(campaign):
    return dict(Criterion.objects.filter(campaign=campaign).order_by("code").values_list("code", "max_points"))


def test_secretary_creates_a_campaign_with_its_areas_criteria_award_forms_and_council(secretary_client):
    agency = AgencyFactory()
    chair = PersonFactory(full_name="Trần Văn Chủ Tịch")
    data = filled_add_form(
        secretary_client,
        agency,
        criteria=[
            criterion_row(code, points, order=n) for n, (code, points) in enumerate([("TC1", 60), ("TC2", 40)], 1)
        ],
    )
    add_inline_rows(
        data,
        "award_forms",
        [
            {
                "name": "Giấy khen",
                "kind": "commendation",
                "recipient_kind": "collective",
                "deciding_level": "agency_head",
                "precedence": "1",
                "min_score": "75",
                "vote_threshold": "70",  # the form's initial value, as the page posts it
            }
        ],
    )
    add_inline_rows(data, "council", [{"person": str(chair.pk), "role": CouncilRole.CHAIR}])

    response = secretary_client.post(add_url(), data)

    assert response.status_code == 302
    assert response.url == reverse("admin:campaigns_campaign_changelist")
    campaign = Campaign.objects.get()
    assert (campaign.plan_number, campaign.slug, campaign.status) == (
        "12/KH-BDT",
        "12-kh-bdt-2025",
        CampaignStatus.DRAFT,
    )
    assert (campaign.opens_at, campaign.closes_at) == (vietnam(2025, 1, 15), vietnam(2025, 12, 31, 23, 59, 59))
    assert list(campaign.areas.order_by("order").values_list("order", "name")) == [
        (1, "Cải cách thể chế"),
        (2, "Cải cách thủ tục hành chính"),
    ]
    assert points_by_code(campaign) == {"TC1": Decimal(60), "TC2": Decimal(40)}
    assert list(AwardForm.objects.filter(campaign=campaign).values_list("name", "recipient_kind", "min_score")) == [
        ("Giấy khen", ParticipantKind.COLLECTIVE, Decimal(75))
    ]
    assert list(CouncilMember.objects.filter(campaign=campaign).values_list("person", "role")) == [
        (chair.pk, CouncilRole.CHAIR)
    ]


def test_criteria_adding_up_to_95_are_refused_on_the_add_page_once_naming_the_areas_and_the_gap(secretary_client):
    data = filled_add_form(
        secretary_client, AgencyFactory(), criteria=[criterion_row("TC1", 60), criterion_row("TC2", 35)]
    )

    response = secretary_client.post(add_url(), data)

    assert response.status_code == 200
    assert criteria_errors(response) == [
        "Bộ tiêu chí chưa khớp thang điểm:",
        f"Mọi nội dung thi đua (tập thể và cá nhân): {SHORT_BY_5}",
    ]
    assert "thiếu 5 điểm" in response.text
    assert (Campaign.objects.count(), ReformArea.objects.count(), Criterion.objects.count()) == (0, 0, 0)


def test_closing_moment_before_the_opening_moment_is_refused_on_the_closing_field(secretary_client):
    data = filled_add_form(secretary_client, AgencyFactory(), criteria=[criterion_row("TC1", 100)])
    data.update({"closes_at_0": "14/01/2025", "closes_at_1": "23:59:59"})

    response = secretary_client.post(add_url(), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "closes_at": ["Thời điểm kết thúc phải sau thời điểm bắt đầu nhận bài."]
    }
    assert Campaign.objects.count() == 0


def test_secretary_edits_the_title_and_moves_points_between_criteria(secretary_client):
    campaign = campaign_with_set(2025)
    data = form_data(secretary_client.get(change_url(campaign)))
    data["title"] = "Tên mới của phong trào"
    data[f"criteria-{inline_row_index(data, 'criteria', 'code', 'TC1')}-max_points"] = "20"
    data[f"criteria-{inline_row_index(data, 'criteria', 'code', 'TC2')}-max_points"] = "35"

    response = secretary_client.post(change_url(campaign), data)

    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.title == "Tên mới của phong trào"
    assert points_by_code(campaign) == {
        "TC1": Decimal(20),
        "TC2": Decimal(35),
        "TC3": Decimal(20),
        "TC4": Decimal(15),
        "TC5": Decimal(10),
    }


@pytest.mark.parametrize(("tc5_points", "gap"), [("5", SHORT_BY_5), ("15", OVER_BY_5)], ids=["95", "105"])
def test_edit_that_puts_the_set_off_the_scale_is_refused_and_changes_nothing(secretary_client, tc5_points, gap):
    campaign = campaign_with_set(2025, title="Tên cũ")
    before = points_by_code(campaign)
    data = form_data(secretary_client.get(change_url(campaign)))
    data["title"] = "Tên mới của phong trào"
    data[f"criteria-{inline_row_index(data, 'criteria', 'code', 'TC5')}-max_points"] = tc5_points

    response = secretary_client.post(change_url(campaign), data)

    assert response.status_code == 200
    assert criteria_errors(response) == [
        "Bộ tiêu chí chưa khớp thang điểm:",
        f"Mọi nội dung thi đua (tập thể và cá nhân): {gap}",
    ]
    campaign.refresh_from_db()
    assert (campaign.title, points_by_code(campaign)) == ("Tên cũ", before)


def test_criterion_limited_to_area_1_leaves_the_other_areas_short_and_names_them(secretary_client):
    campaign = campaign_with_set(
        2025,
        areas=["Cải cách thể chế", "Cải cách thủ tục hành chính", "Cải cách tài chính công"],
        criteria=[("TC1", 80), ("TC2", 20)],
    )
    area_1 = campaign.areas.get(order=1)
    data = form_data(secretary_client.get(change_url(campaign)))
    data[f"criteria-{inline_row_index(data, 'criteria', 'code', 'TC2')}-areas"] = [str(area_1.pk)]

    response = secretary_client.post(change_url(campaign), data)

    short = "tổng điểm tối đa các tiêu chí là 80, thiếu 20 điểm so với thang 100."
    assert criteria_errors(response) == [
        "Bộ tiêu chí chưa khớp thang điểm:",
        f"2. Cải cách thủ tục hành chính; 3. Cải cách tài chính công (tập thể và cá nhân): {short}",
    ]
    assert list(Criterion.objects.get(campaign=campaign, code="TC2").areas.all()) == []


def test_area_specific_criteria_are_saved_when_every_area_adds_up(secretary_client):
    campaign = campaign_with_set(
        2025, areas=["Cải cách thể chế", "Cải cách tài chính công"], criteria=[("TC1", 80), ("TC2", 20)]
    )
    area_1, area_2 = campaign.areas.order_by("order")
    data = form_data(secretary_client.get(change_url(campaign)))
    data[f"criteria-{inline_row_index(data, 'criteria', 'code', 'TC2')}-areas"] = [str(area_1.pk)]
    add_inline_rows(data, "criteria", [criterion_row("TC3", 20, order=3, areas=[area_2])])

    response = secretary_client.post(change_url(campaign), data)

    assert response.status_code == 302
    assert {
        criterion.code: [area.order for area in criterion.areas.order_by("order")]
        for criterion in Criterion.objects.filter(campaign=campaign)
    } == {"TC1": [], "TC2": [1], "TC3": [2]}


def test_new_area_added_with_the_criteria_is_part_of_the_check(secretary_client):
    campaign = campaign_with_set(2025, areas=["Cải cách thể chế"], criteria=[("TC1", 80), ("TC2", 20)])
    area_1 = campaign.areas.get()
    data = form_data(secretary_client.get(change_url(campaign)))
    data[f"criteria-{inline_row_index(data, 'criteria', 'code', 'TC2')}-areas"] = [str(area_1.pk)]
    add_inline_rows(data, "areas", [{"order": "2", "name": "Cải cách tài chính công"}])

    response = secretary_client.post(change_url(campaign), data)

    short = "tổng điểm tối đa các tiêu chí là 80, thiếu 20 điểm so với thang 100."
    assert criteria_errors(response) == [
        "Bộ tiêu chí chưa khớp thang điểm:",
        f"2. Cải cách tài chính công (tập thể và cá nhân): {short}",
    ]
    assert campaign.areas.count() == 1


def test_scale_changed_together_with_the_criteria_is_checked_against_the_new_scale(secretary_client):
    campaign = campaign_with_set(2025, criteria=[("TC1", 60), ("TC2", 40)])
    data = form_data(secretary_client.get(change_url(campaign)))
    data["scale_total"] = "10"
    data[f"criteria-{inline_row_index(data, 'criteria', 'code', 'TC1')}-max_points"] = "6.5"
    data[f"criteria-{inline_row_index(data, 'criteria', 'code', 'TC2')}-max_points"] = "3.5"

    response = secretary_client.post(change_url(campaign), data)

    assert response.status_code == 302
    campaign.refresh_from_db()
    assert (campaign.scale_total, points_by_code(campaign)) == (
        Decimal(10),
        {"TC1": Decimal("6.5"), "TC2": Decimal("3.5")},
    )


def test_deleting_the_area_a_criterion_is_limited_to_does_not_leave_the_saved_set_off_the_scale(secretary_client):
    # Area 1: TC1 + TC2 = 100; area 2: TC1 + TC3 = 100. Deleting area 2 empties TC3's area list, and an
    # empty list means "every area": area 1 would then count TC1 + TC2 + TC3 = 120.
    campaign = campaign_with_set(2025, criteria=[("TC1", 80), ("TC2", 20), ("TC3", 20)])
    area_1, area_2 = campaign.areas.order_by("order")
    campaign.criteria.get(code="TC2").areas.set([area_1])
    campaign.criteria.get(code="TC3").areas.set([area_2])
    data = form_data(secretary_client.get(change_url(campaign)))
    data[f"areas-{inline_row_index(data, 'areas', 'order', '2')}-DELETE"] = "on"

    secretary_client.post(change_url(campaign), data)

    assert saved_set_errors(campaign) == []


def test_secretary_creates_edits_and_clones_a_campaign_entirely_in_the_admin(secretary_client):
    agency = AgencyFactory()
    # Create: two areas, criteria for every area.
    data = filled_add_form(
        secretary_client, agency, criteria=[criterion_row("TC1", 80), criterion_row("TC2", 20, order=2)]
    )
    assert secretary_client.post(add_url(), data).status_code == 302
    campaign = Campaign.objects.get(slug="12-kh-bdt-2025")
    area_1, area_2 = campaign.areas.order_by("order")

    # Edit: TC2 only for area 1, a new TC3 only for area 2.
    data = form_data(secretary_client.get(change_url(campaign)))
    data[f"criteria-{inline_row_index(data, 'criteria', 'code', 'TC2')}-areas"] = [str(area_1.pk)]
    add_inline_rows(data, "criteria", [criterion_row("TC3", 20, order=3, areas=[area_2])])
    assert secretary_client.post(change_url(campaign), data).status_code == 302

    # Clone: the change-list action leads to the clone form.
    response = secretary_client.post(
        reverse("admin:campaigns_campaign_changelist"),
        {"action": "clone_selected", "_selected_action": [str(campaign.pk)]},
    )
    clone_url = reverse("admin:campaigns_campaign_clone", args=[campaign.pk])
    assert (response.status_code, response.url) == (302, clone_url)
    clone_page = secretary_client.get(clone_url)
    assert clone_page.context["form"].initial["title"] == campaign.title
    data = {
        "plan_number": "15/KH-BDT",
        "slug": "15-kh-bdt-2026",
        "title": campaign.title.replace("2025", "2026"),
        "signed_on": "15/01/2026",
        "opens_at_0": "15/01/2026",
        "opens_at_1": "00:00:00",
        "closes_at_0": "31/12/2026",
        "closes_at_1": "23:59:59",
    }
    response = secretary_client.post(clone_url, data)

    clone = Campaign.objects.get(slug="15-kh-bdt-2026")
    assert (response.status_code, response.url) == (302, change_url(clone))
    assert (clone.plan_number, clone.status, clone.closes_at) == (
        "15/KH-BDT",
        CampaignStatus.DRAFT,
        vietnam(2026, 12, 31, 23, 59, 59),
    )
    assert {
        criterion.code: [(area.campaign_id, area.order) for area in criterion.areas.all()]
        for criterion in Criterion.objects.filter(campaign=clone)
    } == {"TC1": [], "TC2": [(clone.pk, 1)], "TC3": [(clone.pk, 2)]}


@pytest.mark.parametrize("count", [1, 3])
def test_campaign_change_list_query_count_does_not_grow_with_campaigns(
    secretary_client, django_assert_num_queries, count
):
    for _ in range(count):
        campaign_with_set(2025)

    # user, their groups (the rules read no permission table), agencies for the filter, counts (filtered and total), campaigns, and
    # the footer's agency (the session comes from the cache)
    with django_assert_num_queries(7):
        response = secretary_client.get(reverse("admin:campaigns_campaign_changelist"))

    assert response.status_code == 200
