"""Once scoring starts the criteria and scale are frozen; once the campaign ends, everything is."""

from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from campaigns.enums import TieBreak
from criteria.forms import CampaignForm
from criteria.models import AwardForm, Criterion
from criteria.services import lock_reason
from tests.criteria.admin_forms import add_inline_rows, form_data, inline_formset
from tests.criteria.conftest import campaign_with_set, vietnam
from tests.factories import AwardFormFactory

pytestmark = pytest.mark.django_db

NOW = vietnam(2025, 3, 1, 9, 0, 0)
SCORING_STARTED = (
    "Hội đồng đã bắt đầu chấm điểm nên tiêu chí, thang điểm, cách tổng hợp, số thành viên tối thiểu, "
    "cách phân định người bằng điểm và các hình thức khen thưởng (số lượng, điểm tối thiểu) không được sửa nữa."
)
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
        "tie_break",
    ]
    assert list(response.context["adminform"].readonly_fields) == [
        "scale_total",
        "score_step",
        "aggregation",
        "quorum",
        "tie_break",
    ]
    assert inline_permissions(response) == {
        "areas": (True, True, True),
        "criteria": (False, False, False),
        "award_forms": (False, False, False),
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


def test_after_scoring_started_a_forged_post_changes_no_award_quota_minimum_or_tie_break(secretary_client):
    """Quotas, minimums and the tie-break decide who is nominated: once a score is saved they stay."""
    campaign = campaign_with_set(2025, scoring_started_at=vietnam(2025, 2, 1, 8))
    form = AwardFormFactory(campaign=campaign, name="Giấy khen", quota_count=2, min_score=Decimal(70))
    data = form_data(secretary_client.get(change_url(campaign)))
    data.update({"tie_break": TieBreak.BEST_ENTRY, "award_forms-0-id": str(form.pk)})
    data.update({"award_forms-0-quota_count": "5", "award_forms-0-min_score": "50", "award_forms-0-name": "Bằng khen"})
    data = add_inline_rows(
        data, "award_forms", [{"name": "Thêm sau", "recipient_kind": "individual", "precedence": "9"}]
    )

    response = secretary_client.post(change_url(campaign), data)

    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.tie_break == TieBreak.NONE
    assert list(AwardForm.objects.filter(campaign=campaign).values_list("name", "quota_count", "min_score")) == [
        ("Giấy khen", 2, Decimal(70))
    ]


def test_before_scoring_the_award_quota_and_tie_break_can_still_change(secretary_client):
    campaign = campaign_with_set(2025)
    form = AwardFormFactory(campaign=campaign, name="Giấy khen", quota_count=2, min_score=Decimal(70))
    data = form_data(secretary_client.get(change_url(campaign)))
    data.update({"tie_break": TieBreak.BEST_ENTRY, "award_forms-0-quota_count": "5"})

    response = secretary_client.post(change_url(campaign), data)

    assert response.status_code == 302
    campaign.refresh_from_db()
    form.refresh_from_db()
    assert (campaign.tie_break, form.quota_count) == (TieBreak.BEST_ENTRY, 5)


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
