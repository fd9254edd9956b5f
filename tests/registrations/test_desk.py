"""The secretary's desk: who registered and who did not, the reminder, the Excel list."""

from io import BytesIO

import openpyxl
import pytest
from django.core import mail
from django.urls import reverse

from campaigns.enums import ParticipantKind, Role
from registrations import services
from registrations.models import PersonRegistrant
from tests.factories import AwardFormFactory
from tests.registrations.conftest import DURING_REGISTRATION

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(make_staff):
    return [make_staff(f"canbo{i}", full_name=name) for i, name in enumerate(["An", "Bình", "Cường"], start=1)]


def register_first(campaign, staff, giay_khen):
    return services.register(
        campaign=campaign,
        by=staff[0],
        person=staff[0].person,
        award_forms=[giay_khen],
        commitments='=HYPERLINK("http://x")',  # a participant's text that a spreadsheet would run
        moment=DURING_REGISTRATION,
    )


def test_the_desk_lists_who_did_not_register(client, campaign, staff, secretary, giay_khen):
    register_first(campaign, staff, giay_khen)
    client.force_login(secretary)

    response = client.get(reverse("admin:registrations_personregistrant_changelist"), {"dang_ky": "chua"})

    assert sorted(p.full_name for p in response.context["cl"].result_list) == ["Bình", "Cường", "Phạm Thu Ký"]


def test_the_reminder_goes_only_to_those_who_did_not_register(
    client, campaign, staff, secretary, giay_khen, django_capture_on_commit_callbacks
):
    register_first(campaign, staff, giay_khen)
    client.force_login(secretary)
    chosen = [person.pk for person in PersonRegistrant.objects.filter(user__in=staff)]

    with django_capture_on_commit_callbacks(execute=True):
        with_actions = client.post(
            reverse("admin:registrations_personregistrant_changelist") + f"?phong_trao={campaign.slug}",
            {"action": "remind", "_selected_action": chosen},
        )

    assert with_actions.status_code == 302
    assert sorted(message.to[0] for message in mail.outbox) == [
        "canbo2@bdt.vinhlong.gov.vn",
        "canbo3@bdt.vinhlong.gov.vn",
    ]
    assert all(reverse("registration", args=[campaign.slug]) in message.body for message in mail.outbox)


def test_a_leader_sees_the_desk_but_sends_no_reminder(client, campaign, make_user):
    leader = make_user("lanhdao", Role.LEADER, person=False)
    client.force_login(leader)

    response = client.get(reverse("admin:registrations_personregistrant_changelist"))

    assert response.status_code == 200
    assert response.context["action_form"] is None  # the reminder is the list's only action


def test_the_excel_list_opens_with_the_official_header_and_one_row_per_registration(
    client, campaign, staff, secretary, giay_khen, head, unit
):
    first = register_first(campaign, staff, giay_khen)
    collective = AwardFormFactory(campaign=campaign, name="Tập thể lao động tiên tiến", kind="title", precedence=3)
    assert collective.recipient_kind == ParticipantKind.COLLECTIVE
    unit_registration = services.register(
        campaign=campaign,
        by=head,
        unit=unit,
        award_forms=[collective],
        commitments="100% hồ sơ đúng hạn",
        moment=DURING_REGISTRATION,
    )
    client.force_login(secretary)

    response = client.post(
        reverse("admin:registrations_registration_changelist"),
        {"action": "export_list", "_selected_action": [first.pk, unit_registration.pk]},
    )

    sheet = openpyxl.load_workbook(BytesIO(response.content)).active
    rows = [[cell for cell in row if cell is not None] for row in sheet.iter_rows(values_only=True)]
    assert rows[:2] == [
        ["UBND TỈNH VĨNH LONG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ["BAN DÂN TỘC TỈNH VĨNH LONG", "Độc lập - Tự do - Hạnh phúc"],
    ]
    assert rows[4] == ["DANH SÁCH ĐĂNG KÝ THI ĐUA"]
    table = rows[
        rows.index(
            [
                "STT",
                "Họ và tên / Tên tập thể",
                "Chức vụ, đơn vị",
                "Danh hiệu, hình thức khen thưởng đăng ký",
                "Chỉ tiêu, cam kết",
                "Ghi chú",
            ]
        )
        + 1 :
    ]
    assert table[:2] == [
        [1, "Văn phòng Ban", "Tập thể", "Tập thể lao động tiên tiến", "100% hồ sơ đúng hạn"],
        [2, "An", "Chuyên viên, Văn phòng Ban", "Giấy khen của Trưởng Ban Dân tộc", '=HYPERLINK("http://x")'],
    ]
    commitments = next(row for row in sheet.iter_rows() if row[0].value == 2)[4]
    assert (commitments.data_type, commitments.quotePrefix) == ("s", True)  # text, never a formula


def test_a_reminder_queued_before_someone_registered_skips_them(
    campaign, staff, giay_khen, head, unit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.remind_unregistered(campaign=campaign, people=[p.person for p in staff], units=[unit])
        register_first(campaign, staff, giay_khen)  # registers before the queued mail goes out

    assert sorted(message.to[0] for message in mail.outbox) == [
        "canbo2@bdt.vinhlong.gov.vn",
        "canbo3@bdt.vinhlong.gov.vn",
        "truongdonvi@bdt.vinhlong.gov.vn",
    ]


def test_the_desk_opens_empty_when_no_campaign_requires_registration(client, campaign, staff, secretary, unit):
    campaign.requires_registration = False
    campaign.save()
    client.force_login(secretary)

    for name in ("personregistrant", "unitregistrant"):
        response = client.get(reverse(f"admin:registrations_{name}_changelist"))
        assert (response.status_code, list(response.context["cl"].result_list)) == (200, [])
