"""A new campaign starts from an older one: its areas, criteria, award forms, council and conflicts."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from campaigns.enums import CampaignStatus, ParticipantKind, Role
from campaigns.models import Campaign
from criteria.enums import CouncilRole
from criteria.services import clone_campaign
from tests.criteria.conftest import campaign_with_set, vietnam
from tests.factories import (
    AwardFormFactory,
    CouncilMemberFactory,
    DeclaredConflictFactory,
    PersonFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db

NOW = vietnam(2025, 3, 1, 9, 0, 0)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def source():
    """Plan 169/KH-BDT-like campaign of 2024: three areas, area-specific criteria, awards, council, conflicts."""
    campaign = campaign_with_set(
        2024,
        plan_number="169/KH-BDT",
        areas=["Cải cách thể chế", "Cải cách thủ tục hành chính", "Cải cách tài chính công"],
        criteria=[("TC1", 80), ("TC2", 20), ("TC3", 20)],
        quorum=5,
        best_k=2,
        blind_scoring=False,
    )
    area_1, area_2, area_3 = campaign.areas.order_by("order")
    campaign.criteria.get(code="TC2").areas.set([area_1])
    criterion = campaign.criteria.get(code="TC3")
    criterion.areas.set([area_2, area_3])
    criterion.for_individuals = False
    criterion.save()
    AwardFormFactory(campaign=campaign, name="Bằng khen", precedence=1, min_score=Decimal(90), quota_count=1)
    AwardFormFactory(
        campaign=campaign,
        name="Giấy khen",
        recipient_kind=ParticipantKind.INDIVIDUAL,
        precedence=2,
        quota_percent=Decimal(30),
    )
    chair = CouncilMemberFactory(campaign=campaign, role=CouncilRole.CHAIR)
    member = CouncilMemberFactory(campaign=campaign, role=CouncilRole.MEMBER)
    DeclaredConflictFactory(member=chair, unit=UnitFactory(name="Văn phòng Ban"), reason="Công tác tại đơn vị")
    DeclaredConflictFactory(member=member, unit=None, person=PersonFactory(), reason="Vợ chồng")
    return campaign


def new_plan(**fields):
    return {
        "slug": "15-kh-bdt-2025",
        "plan_number": "15/KH-BDT",
        "title": "Phát động phong trào thi đua cải cách hành chính năm 2025",
        "signed_on": date(2025, 1, 15),
        "opens_at": vietnam(2025, 1, 15),
        "closes_at": vietnam(2025, 12, 31, 23, 59, 59),
        **fields,
    }


def configuration(campaign):
    """Everything a clone copies, without ids, in a stable order."""
    return {
        "settings": (
            campaign.agency_id,
            campaign.kind,
            campaign.scale_total,
            campaign.score_step,
            campaign.aggregation,
            campaign.quorum,
            campaign.participant_rule,
            campaign.best_k,
            campaign.blind_scoring,
            campaign.endorsement_required,
            campaign.posting_days,
        ),
        "areas": list(campaign.areas.order_by("order").values_list("order", "name", "description")),
        "criteria": [
            (c.code, c.name, c.guidance, c.max_points, c.order, c.for_collectives, c.for_individuals)
            + (sorted(area.order for area in c.areas.all()),)
            for c in campaign.criteria.order_by("code")
        ],
        "award_forms": list(
            campaign.award_forms.order_by("recipient_kind", "precedence").values_list(
                "name", "recipient_kind", "precedence", "min_score", "quota_count", "quota_percent"
            )
        ),
        "council": [
            (seat.person_id, seat.role, list(seat.conflicts.order_by("reason").values_list("unit", "person", "reason")))
            for seat in campaign.council.order_by("role", "person_id")
        ],
    }


def stored_rows(campaign):
    """The source's own rows with their ids, to show they are untouched."""
    return (
        list(Campaign.objects.filter(pk=campaign.pk).values()),
        list(campaign.areas.order_by("pk").values()),
        list(campaign.criteria.order_by("pk").values()),
        [list(c.areas.order_by("pk").values_list("pk", flat=True)) for c in campaign.criteria.order_by("pk")],
        list(campaign.award_forms.order_by("pk").values()),
        list(campaign.council.order_by("pk").values()),
        [list(seat.conflicts.order_by("pk").values()) for seat in campaign.council.order_by("pk")],
    )


def test_clone_copies_areas_criteria_award_forms_council_and_conflicts(source):
    clone = clone_campaign(source=source, **new_plan())

    assert configuration(clone) == configuration(source)
    copied = configuration(clone)
    assert [
        (code, collectives, individuals, areas) for code, *_, collectives, individuals, areas in copied["criteria"]
    ] == [
        ("TC1", True, True, []),
        ("TC2", True, True, [1]),
        ("TC3", True, False, [2, 3]),
    ]
    assert [name for name, *_ in copied["award_forms"]] == ["Bằng khen", "Giấy khen"]
    assert [(role, [reason for *_, reason in conflicts]) for _person, role, conflicts in copied["council"]] == [
        (CouncilRole.CHAIR, ["Công tác tại đơn vị"]),
        (CouncilRole.MEMBER, ["Vợ chồng"]),
    ]


def test_cloned_criteria_point_to_the_clones_own_areas(source):
    clone = clone_campaign(source=source, **new_plan())

    linked = {area.campaign_id for criterion in clone.criteria.all() for area in criterion.areas.all()}
    assert linked == {clone.pk}


def test_clone_is_a_draft_with_the_new_number_title_and_dates(source):
    clone = clone_campaign(source=source, **new_plan())

    clone.refresh_from_db()
    assert (clone.status, clone.plan_number, clone.slug, clone.signed_on, clone.opens_at, clone.closes_at) == (
        CampaignStatus.DRAFT,
        "15/KH-BDT",
        "15-kh-bdt-2025",
        date(2025, 1, 15),
        vietnam(2025, 1, 15),
        vietnam(2025, 12, 31, 23, 59, 59),
    )
    assert (clone.scoring_started_at, clone.closed_at) == (None, None)


def test_cloning_leaves_the_source_unchanged(source):
    before = stored_rows(source)

    clone_campaign(source=source, **new_plan())

    assert stored_rows(source) == before


def test_clone_with_a_plan_number_the_agency_already_has_creates_nothing(source):
    with pytest.raises(ValidationError) as refused:
        clone_campaign(source=source, **new_plan(plan_number="169/KH-BDT"))

    assert refused.value.message_dict == {"__all__": ["Cơ quan đã có kế hoạch mang số này."]}
    assert list(Campaign.objects.all()) == [source]


CLONE_POST = {
    "plan_number": "15/KH-BDT",
    "slug": "15-kh-bdt-2025",
    "title": "Phát động phong trào thi đua cải cách hành chính năm 2025",
    "signed_on": "15/01/2025",
    "opens_at_0": "15/01/2025",
    "opens_at_1": "00:00:00",
    "closes_at_0": "31/12/2025",
    "closes_at_1": "23:59:59",
}


def clone_url(campaign):
    return reverse("admin:campaigns_campaign_clone", args=[campaign.pk])


def test_clone_view_creates_the_draft_and_opens_its_change_page(secretary_client, source):
    response = secretary_client.post(clone_url(source), CLONE_POST)

    clone = Campaign.objects.get(slug="15-kh-bdt-2025")
    assert (response.status_code, response.url) == (302, reverse("admin:campaigns_campaign_change", args=[clone.pk]))
    assert [m.message for m in get_messages(response.wsgi_request)] == [
        "Đã nhân bản thành 15/KH-BDT. Kiểm tra lại rồi chuyển trạng thái sang “Đã phát động”."
    ]
    assert (clone.status, clone.closes_at) == (CampaignStatus.DRAFT, vietnam(2025, 12, 31, 23, 59, 59))
    assert configuration(clone) == configuration(source)


def test_clone_view_refuses_a_plan_number_the_agency_already_has_and_creates_nothing(secretary_client, source):
    response = secretary_client.post(clone_url(source), {**CLONE_POST, "plan_number": " 169/KH-BDT "})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "plan_number": ["Cơ quan đã có kế hoạch mang số này; hãy dùng số của kế hoạch mới."]
    }
    assert list(Campaign.objects.all()) == [source]


def test_clone_view_refuses_a_slug_in_use_and_a_closing_moment_before_the_opening(secretary_client, source):
    response = secretary_client.post(
        clone_url(source), {**CLONE_POST, "slug": source.slug, "closes_at_0": "14/01/2025"}
    )

    assert response.context["form"].errors == {
        "slug": ["Mã đường dẫn này đã được dùng cho phong trào khác."],
        "closes_at": ["Thời điểm kết thúc phải sau thời điểm bắt đầu nhận bài."],
    }
    assert list(Campaign.objects.all()) == [source]


def test_clone_action_wants_exactly_one_campaign(secretary_client, source):
    other = campaign_with_set(2025)

    response = secretary_client.post(
        reverse("admin:campaigns_campaign_changelist"),
        {"action": "clone_selected", "_selected_action": [str(source.pk), str(other.pk)]},
        follow=True,
    )

    assert [m.message for m in response.context["messages"]] == ["Chọn đúng một phong trào để nhân bản."]
    assert Campaign.objects.count() == 2


def test_leader_who_may_only_view_campaigns_cannot_clone_one(client, make_user, source):
    client.force_login(make_user("lanhdao", Role.LEADER))

    response = client.post(clone_url(source), CLONE_POST)

    assert response.status_code == 403
    assert list(Campaign.objects.all()) == [source]


def test_clone_keeps_the_agencys_regulation_for_its_decisions(source):
    source.regulation = "Quyết định số 10/QĐ-BDT ngày 05/01/2022 ban hành Quy chế thi đua, khen thưởng"
    source.save()

    clone = clone_campaign(source=source, **new_plan())

    assert clone.regulation == source.regulation
