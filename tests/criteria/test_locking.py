"""Once scoring starts the criteria and scale are frozen; once the campaign ends, everything is."""

from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from criteria.forms import CampaignForm
from criteria.models import Criterion
from criteria.services import lock_reason
from tests.criteria.admin_forms import form_data, inline_formset
from tests.criteria.conftest import campaign_with_set, vietnam

pytestmark = pytest.mark.django_db

NOW = vietnam(2025, 3, 1, 9, 0, 0)
SCORING_STARTED = "Hội đồng đã bắt đầu chấm điểm nên tiêu chí, thang điểm, cách tổng hợp và số thành viên tối thiểu không được sửa nữa."
ENDED = "Phong trào đã kết thúc nên mọi thiết lập chỉ được xem, không được sửa."
INLINES = ["areas", "criteria", "award_forms", "council"]


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield NOW


def change_url(campaign):
    return reverse("admin:campaigns_campaign_change", args=[campaign.pk])


def editable_fields(response):
    return sorted(response.context["adminform"].form.fields)


def inline_permissions(response):
    """(add, change, delete) for each inline, in page order."""
    return {
        prefix: (inline.has_add_permission, inline.has_change_permission, inline.has_delete_permission)
        for prefix in INLINES
        for inline in [inline_formset(response, prefix)]
    }


def warnings(response):
    return [message.message for message in response.context["messages"]]


def test_open_campaign_before_scoring_is_fully_editable(secretary_client):
    campaign = campaign_with_set(2025)

    response = secretary_client.get(change_url(campaign))

    assert editable_fields(response) == sorted(CampaignForm.Meta.fields)
    assert set(inline_permissions(response).values()) == {(True, True, True)}
    assert warnings(response) == []


def test_after_scoring_started_scale_and_criteria_are_read_only_and_the_page_says_why(secretary_client):
    campaign = campaign_with_set(2025, scoring_started_at=vietnam(2025, 2, 1, 8))

    response = secretary_client.get(change_url(campaign))

    assert response.status_code == 200
    assert sorted(set(CampaignForm.Meta.fields) - set(editable_fields(response))) == [
        "aggregation",
        "quorum",
        "scale_total",
        "score_step",
    ]
    assert list(response.context["adminform"].readonly_fields) == ["scale_total", "score_step", "aggregation", "quorum"]
    assert inline_permissions(response) == {
        "areas": (True, True, True),
        "criteria": (False, False, False),
        "award_forms": (True, True, True),
        "council": (True, True, True),
    }
    assert warnings(response) == [SCORING_STARTED]
    assert "đã bắt đầu chấm điểm" in response.text


def test_after_scoring_started_a_forged_post_changes_neither_scale_nor_criteria(secretary_client):
    campaign = campaign_with_set(2025, scoring_started_at=vietnam(2025, 2, 1, 8), title="Tên cũ")
    data = form_data(secretary_client.get(change_url(campaign)))
    data.update({"title": "Tên mới", "scale_total": "90", "score_step": "1"})
    # Row 0 of the criteria inline is TC1: the read-only page still carries its id.
    data.update({"criteria-0-max_points": "15", "criteria-0-code": "TC1", "criteria-0-name": "Đổi tên"})

    response = secretary_client.post(change_url(campaign), data)

    assert response.status_code == 302
    campaign.refresh_from_db()
    assert (campaign.title, campaign.scale_total, campaign.score_step) == ("Tên mới", Decimal(100), Decimal("0.5"))
    assert list(Criterion.objects.filter(campaign=campaign).order_by("order").values_list("code", "max_points")) == [
        ("TC1", Decimal(25)),
        ("TC2", Decimal(30)),
        ("TC3", Decimal(20)),
        ("TC4", Decimal(15)),
        ("TC5", Decimal(10)),
    ]


def test_ended_campaign_is_read_only_everywhere_and_the_page_says_it_has_ended(secretary_client):
    campaign = campaign_with_set(2024)

    response = secretary_client.get(change_url(campaign))

    assert response.status_code == 200
    assert editable_fields(response) == []
    assert set(inline_permissions(response).values()) == {(False, False, False)}
    assert warnings(response) == [ENDED]
    assert "đã kết thúc" in response.text


def test_ended_campaign_ignores_a_forged_post(secretary_client):
    campaign = campaign_with_set(2024, title="Tên cũ")
    data = form_data(secretary_client.get(change_url(campaign)))
    data.update({"title": "Tên mới", "closes_at_0": "31/12/2025", "closes_at_1": "23:59:59", "status": "draft"})
    data.update({"areas-TOTAL_FORMS": "3", "areas-2-order": "3", "areas-2-name": "Nội dung thêm sau khi kết thúc"})

    secretary_client.post(change_url(campaign), data)

    campaign.refresh_from_db()
    assert (campaign.title, campaign.closes_at, campaign.areas.count()) == (
        "Tên cũ",
        vietnam(2024, 12, 31, 23, 59, 59),
        2,
    )


def test_whole_configuration_locks_at_midnight_after_the_closing_second():
    campaign = campaign_with_set(2025)

    last_tenth = lock_reason(campaign, part="all", moment=vietnam(2025, 12, 31, 23, 59, 59, 900000))
    midnight = lock_reason(campaign, part="all", moment=vietnam(2026, 1, 1))

    assert (last_tenth, midnight) == (None, ENDED)


def test_scoring_lock_does_not_lock_the_rest_of_the_configuration():
    campaign = campaign_with_set(2025, scoring_started_at=vietnam(2025, 2, 1, 8))

    assert (lock_reason(campaign, part="scoring"), lock_reason(campaign, part="all")) == (SCORING_STARTED, None)
