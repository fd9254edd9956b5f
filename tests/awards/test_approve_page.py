"""The leader's approval page (issue 14, items 8, 11 and 30): a confirmation step that says what
approval freezes, a decision number without "Quyết định số", a dd/mm/yyyy date between the end of
the posting and today, no empty list; and the comment thread that follows the list across versions.

The list is posted on 10/01/2023 at 08:00 for 5 days: its window ends on 15/01/2023 at 08:00.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import lxml.html
import pytest
import time_machine
from django.urls import reverse

from awards.enums import ListStatus
from awards.models import Comment
from awards.services import approval, compilation

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
POSTED = datetime(2023, 1, 10, 8, 0, tzinfo=VIETNAM)
DURING = POSTED + timedelta(days=1)
AFTER = POSTED + timedelta(days=6)  # 16/01/2023 08:00
F1 = "Giấy khen của Trưởng Ban Dân tộc"
GOOD = {
    "decision_number": "120/QĐ-SNV",
    "decision_date": "16/01/2023",
    "signer_title": "Trưởng ban",
    "signer": "Nguyễn Văn Trưởng",
}


@pytest.fixture
def world(closing_world):
    """An 90 and Bình 85 on a form with one place at 80: An is nominated, Bình is not."""
    closing_world.form(F1, min_score=80, quota_count=1)
    closing_world.people = closing_world.ranked([("An", 90), ("Bình", 85)])
    return closing_world


def post_list(world, nominee_list=None):
    nominee_list = nominee_list or compilation.compile_nominees(campaign=world.campaign)
    with time_machine.travel(POSTED, tick=False):
        return approval.publish_list(nominee_list=nominee_list, by=world.secretary, days=5)


def approve_url(world, nominee_list):
    return reverse("nominee_list_approve", args=[world.campaign.slug, nominee_list.code])


def submit(client, world, nominee_list, at=AFTER, **changes):
    client.force_login(world.leader)
    with time_machine.travel(at, tick=False):
        return client.post(approve_url(world, nominee_list), GOOD | changes)


def field_errors(response) -> dict:
    document = lxml.html.fromstring(response.content.decode())
    errors = {}
    for feedback in document.xpath("//div[contains(@class, 'invalid-feedback')]"):
        name = feedback.xpath("./preceding-sibling::*[@name][1]/@name")[0]
        errors.setdefault(name, []).append(feedback.text_content().strip())
    return errors


def alerts(response) -> list[str]:
    document = lxml.html.fromstring(response.content.decode())
    return [" ".join(li.text_content().split()) for li in document.xpath("//div[contains(@class, 'alert')]//li")]


def status(nominee_list):
    nominee_list.refresh_from_db()
    return nominee_list.status


# --- The confirmation step ------------------------------------------------------------------------


def test_the_approval_page_says_what_approval_freezes_and_changes_nothing(client, world):
    posted = post_list(world)
    client.force_login(world.leader)

    with time_machine.travel(AFTER, tick=False):
        response = client.get(approve_url(world, posted))

    document = lxml.html.fromstring(response.content.decode())
    frozen = [" ".join(li.text_content().split()) for li in document.xpath("//section[@aria-labelledby='freezes']//li")]
    assert frozen[0] == "Danh sách phiên bản 1: 0 tập thể và 1 cá nhân, như đang công khai; không sửa được nữa."
    assert frozen[1] == "Điểm của phong trào: Hội đồng không chấm lại được và không lập được phiên bản mới."
    assert document.xpath("//input[@name='decision_date']/@placeholder") == ["dd/mm/yyyy"]
    assert [b.text_content() for b in document.xpath("//main//form//button")] == ["Xác nhận phê duyệt"]
    assert status(posted) == ListStatus.PUBLISHED


def test_the_list_page_sends_the_leader_to_the_approval_page(client, world):
    posted = post_list(world)
    client.force_login(world.leader)

    with time_machine.travel(AFTER, tick=False):
        response = client.get(reverse("nominee_list", args=[world.campaign.slug]))

    document = lxml.html.fromstring(response.content.decode())
    assert document.xpath("//a[normalize-space()='Phê duyệt danh sách…']/@href") == [approve_url(world, posted)]
    assert document.xpath("//form[contains(@action, 'phe-duyet')]") == []


def test_the_approval_page_of_another_campaigns_slug_is_a_404(client, world):
    posted = post_list(world)
    client.force_login(world.leader)

    response = client.get(reverse("nominee_list_approve", args=["khac", posted.code]))

    assert response.status_code == 404


# --- The decision number --------------------------------------------------------------------------


def test_a_decision_number_typed_with_its_prefix_is_kept_as_number_and_symbol(client, world, mailoutbox):
    posted = post_list(world)

    response = submit(client, world, posted, decision_number="Quyết định số 120/QĐ-SNV")

    assert response.status_code == 302
    posted.refresh_from_db()
    assert (posted.status, posted.decision_number) == (ListStatus.APPROVED, "120/QĐ-SNV")
    client.force_login(world.staff)
    shown = client.get(reverse("nominee_list", args=[world.campaign.slug])).content.decode()
    assert "Quyết định số 120/QĐ-SNV ngày 16/01/2023" in shown
    assert "Quyết định số Quyết định số" not in shown


def test_a_decision_number_without_number_and_symbol_is_refused_with_the_example(client, world):
    posted = post_list(world)

    response = submit(client, world, posted, decision_number="Quyết định khen thưởng")

    assert field_errors(response) == {
        "decision_number": ["Chỉ nhập số và ký hiệu của quyết định, ví dụ 120/QĐ-SNV (không ghi “Quyết định số”)."]
    }
    assert status(posted) == ListStatus.PUBLISHED


def test_the_service_also_drops_the_prefix(world):
    posted = post_list(world)

    with time_machine.travel(AFTER, tick=False):
        approved = approval.approve_list(
            nominee_list=posted,
            by=world.leader,
            decision_number="QĐ số: 120/qđ-snv",
            decision_date=AFTER.date(),
            signer_title="Trưởng ban",
            signer="Nguyễn Văn Trưởng",
        )

    assert approved.decision_number == "120/QĐ-SNV"


# --- The decision date ----------------------------------------------------------------------------


def test_an_iso_date_is_refused_with_the_format(client, world):
    posted = post_list(world)

    response = submit(client, world, posted, decision_date="2023-01-16")

    assert field_errors(response) == {"decision_date": ["Nhập ngày theo dạng dd/mm/yyyy, ví dụ 16/01/2023."]}
    assert status(posted) == ListStatus.PUBLISHED


@pytest.mark.parametrize("typed", ["14/01/2023", "17/01/2023"])
def test_a_date_before_the_posting_ends_or_after_today_is_refused(client, world, typed):
    posted = post_list(world)

    response = submit(client, world, posted, decision_date=typed)

    assert field_errors(response) == {
        "decision_date": ["Ngày quyết định phải từ ngày hết hạn công khai (15/01/2023) đến hôm nay (16/01/2023)."]
    }
    assert status(posted) == ListStatus.PUBLISHED


@pytest.mark.parametrize("typed", ["15/01/2023", "16/01/2023"])
def test_the_day_the_posting_ends_and_today_are_accepted(client, world, typed):
    posted = post_list(world)

    response = submit(client, world, posted, decision_date=typed)

    assert response.status_code == 302
    posted.refresh_from_db()
    assert (posted.status, f"{posted.decision_date:%d/%m/%Y}") == (ListStatus.APPROVED, typed)


def test_the_service_refuses_a_future_decision_date_too(world):
    posted = post_list(world)

    with pytest.raises(Exception) as refused, time_machine.travel(AFTER, tick=False):
        approval.approve_list(
            nominee_list=posted,
            by=world.leader,
            decision_number="120/QĐ-SNV",
            decision_date=(AFTER + timedelta(days=1)).date(),
            signer_title="Trưởng ban",
            signer="Nguyễn Văn Trưởng",
        )

    assert refused.value.message_dict == {
        "decision_date": ["Ngày quyết định phải từ ngày hết hạn công khai (15/01/2023) đến hôm nay (16/01/2023)."]
    }
    assert status(posted) == ListStatus.PUBLISHED


# --- An empty list --------------------------------------------------------------------------------


def test_an_empty_list_cannot_be_approved(client, closing_world):
    closing_world.form(F1, min_score=95)
    closing_world.people = closing_world.ranked([("An", 90)])
    posted = post_list(closing_world)
    assert posted.nominees.count() == 0

    response = submit(client, closing_world, posted)

    assert alerts(response) == ["Danh sách không có ai được đề nghị khen thưởng nên không thể phê duyệt."]
    assert status(posted) == ListStatus.PUBLISHED


# --- The comment thread follows the list (item 30) ------------------------------------------------


@pytest.fixture
def second_version(world):
    """v1 posted and commented on; a score changes, v2 is compiled and posted a day later."""
    first = post_list(world)
    with time_machine.travel(DURING, tick=False):
        note = approval.add_comment(nominee_list=first, author=world.staff, text="Đề nghị xem lại điểm của Bình.")
    world.rescore(world.people["Bình"].entries.get(), 95)
    second = compilation.compile_nominees(campaign=world.campaign)
    with time_machine.travel(POSTED + timedelta(days=2), tick=False):
        second = approval.publish_list(nominee_list=second, by=world.secretary, days=5)
    world.first, world.second, world.note = first, second, note
    return world


def comment_headers(response) -> list[str]:
    document = lxml.html.fromstring(response.content.decode())
    return [" ".join(d.text_content().split()) for d in document.xpath("//div[contains(@class, 'border')]/div[1]")]


def test_a_comment_on_the_first_version_shows_on_the_second_marked_with_its_version(client, second_version):
    world = second_version
    client.force_login(world.staff)

    with time_machine.travel(POSTED + timedelta(days=3), tick=False):
        response = client.get(reverse("nominee_list", args=[world.campaign.slug]))

    document = lxml.html.fromstring(response.content.decode())
    badges = [b.text_content() for b in document.xpath("//span[contains(@class, 'badge') and contains(., 'ý kiến')]")]
    assert badges == ["ý kiến trên phiên bản 1"]
    assert "Đề nghị xem lại điểm của Bình." in response.content.decode()


def test_an_unanswered_comment_on_an_earlier_version_holds_the_approval_until_answered(client, second_version):
    world = second_version
    late = POSTED + timedelta(days=8)  # v2's window ended on 17/01/2023 08:00

    refused = submit(client, world, world.second, at=late, decision_date="18/01/2023")
    client.force_login(world.secretary)
    with time_machine.travel(late, tick=False):
        answered = client.post(
            reverse("nominee_list_action", args=[world.campaign.slug, "tra-loi"]),
            {"list": world.second.code, "comment": str(world.note.pk), "answer": "Đã chấm lại; xem phiên bản 2."},
        )
    approved = submit(client, world, world.second, at=late, decision_date="18/01/2023")

    assert alerts(refused) == ["Còn 1 ý kiến chưa được trả lời."]
    assert answered.status_code == 302
    assert Comment.objects.get().answer == "Đã chấm lại; xem phiên bản 2."
    assert approved.status_code == 302
    assert status(world.second) == ListStatus.APPROVED
