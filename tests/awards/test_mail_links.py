"""Every mail about the nominee list links to its page, at the site's address (issue 14, item 21)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import override_settings

from awards.services import approval, compilation
from tests.mails import follow_link

POSTED = datetime(2023, 1, 10, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture
def world(closing_world):
    closing_world.form("Giấy khen", min_score=80, quota_count=1)
    closing_world.ranked([("An", 90), ("Bình", 85)])
    closing_world.staff.email = "canbo1@bdt.vinhlong.gov.vn"
    closing_world.staff.save(update_fields=["email"])
    return closing_world


@override_settings(SITE_URL="https://thidua.example.gov.vn/")
def test_the_posting_and_approval_mails_link_to_the_list_the_staff_member_then_opens(
    client, world, django_capture_on_commit_callbacks, mailoutbox
):
    nominee_list = compilation.compile_nominees(campaign=world.campaign)
    with django_capture_on_commit_callbacks(execute=True), time_machine.travel(POSTED, tick=False):
        approval.publish_list(nominee_list=nominee_list, by=world.secretary, days=5)
    with django_capture_on_commit_callbacks(execute=True), time_machine.travel(POSTED + timedelta(days=6)):
        approval.approve_list(
            nominee_list=nominee_list,
            by=world.leader,
            decision_number="25/QĐ-BDT",
            decision_date=date(2023, 1, 16),
            signer_title="Trưởng ban",
            signer="Nguyễn Văn Trưởng",
        )

    posted, approved = mailoutbox
    for mail in (posted, approved):
        assert f"https://thidua.example.gov.vn/danh-sach/{world.campaign.slug}/" in mail.body
        assert follow_link(client, mail, world.staff).status_code == 200


def test_the_home_page_tells_everyone_concerned_what_waits_for_them(client, world, make_user):
    # Staff were not told in the application that the list was posted (issue 14, item 21).
    from django.urls import reverse

    nominee_list = compilation.compile_nominees(campaign=world.campaign)
    with time_machine.travel(POSTED, tick=False):
        approval.publish_list(nominee_list=nominee_list, by=world.secretary, days=5)

    client.force_login(world.staff)
    with time_machine.travel(POSTED + timedelta(days=5) - timedelta(seconds=1), tick=False):
        during = client.get(reverse("home")).text
    with time_machine.travel(POSTED + timedelta(days=5), tick=False):
        after = client.get(reverse("home")).text

    notice = f"Danh sách đề nghị khen thưởng của phong trào {world.campaign.plan_number} đang công khai lấy ý kiến đến 15/01/2023 08:00."
    assert notice in during and f'href="/danh-sach/{world.campaign.slug}/"' in during
    assert notice not in after
