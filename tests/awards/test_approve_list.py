"""Publishing and approving the nominee list (rule 9), and what approval freezes.

The list is posted on 10/01/2023 at 08:00 for 5 days, so its window ends on 15/01/2023 at 08:00
(Vietnam time): the leader may approve from that moment on, once every comment is answered and
every tie across a quota cut is decided by the council.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards.enums import ListStatus, TieDecision
from awards.models import Comment, NomineeList
from awards.services import approval, compilation
from submissions.models import Score

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
POSTED = datetime(2023, 1, 10, 8, 0, tzinfo=VIETNAM)
WINDOW_ENDS = POSTED + timedelta(days=5)
F1 = "Giấy khen của Trưởng Ban Dân tộc"

TOO_EARLY = "Chưa hết thời gian công khai (đến 15/01/2023 08:00)."
ONE_UNANSWERED = "Còn 1 ý kiến chưa được trả lời."
TWO_TIES = "Còn 2 trường hợp đồng hạng tại ngưỡng chưa được Hội đồng quyết định."
NOT_POSTED = "Danh sách phải được công khai trước khi phê duyệt."
SCORES_LOCKED = "Danh sách khen thưởng đã được phê duyệt nên điểm đã khóa."
LIST_APPROVED = "Danh sách đã phê duyệt."


@pytest.fixture
def world(closing_world):
    """One form (minimum 80, one place); An 90 and Bình 85 ranked, Chi 70 below the minimum."""
    closing_world.form(F1, min_score=80, quota_count=1)
    closing_world.people = closing_world.ranked([("An", 90), ("Bình", 85), ("Chi", 70)])
    return closing_world


@pytest.fixture
def tied_world(closing_world):
    """One form with one place and An and Bình tied at 90 across it: both kept and flagged."""
    closing_world.form(F1, min_score=80, quota_count=1)
    closing_world.people = closing_world.ranked([("An", 90), ("Bình", 90), ("Chi", 70)])
    return closing_world


def posted_list(world):
    nominee_list = compilation.compile_nominees(campaign=world.campaign)
    with time_machine.travel(POSTED, tick=False):
        return approval.publish_list(nominee_list=nominee_list, by=world.secretary, days=5)


def approve(world, nominee_list, *, at=WINDOW_ENDS):
    with time_machine.travel(at, tick=False):
        return approval.approve_list(
            nominee_list=nominee_list,
            by=world.leader,
            decision_number="25/QĐ-BDT",
            decision_date=date(2023, 1, 15),
            signer_title="Trưởng ban",
            signer="Nguyễn Văn Trưởng",
        )


def refusal(call) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.messages


def comment(world, nominee_list, text="Đề nghị xem lại điểm của bà Chi."):
    with time_machine.travel(POSTED + timedelta(days=1), tick=False):
        return approval.add_comment(nominee_list=nominee_list, author=world.staff, text=text)


def answer(world, note):
    with time_machine.travel(POSTED + timedelta(days=2), tick=False):
        return approval.answer_comment(comment=note, by=world.secretary, answer="Hội đồng đã xem lại; điểm giữ nguyên.")


# --- Publishing -----------------------------------------------------------------------------------


def test_publishing_posts_the_draft_for_the_days_given_and_mails_the_staff(
    world, django_capture_on_commit_callbacks, mailoutbox
):
    world.staff.email = "canbo1@bdt.vinhlong.gov.vn"
    world.staff.save(update_fields=["email"])
    nominee_list = compilation.compile_nominees(campaign=world.campaign)

    with django_capture_on_commit_callbacks(execute=True), time_machine.travel(POSTED, tick=False):
        approval.publish_list(nominee_list=nominee_list, by=world.secretary, days=5)

    nominee_list.refresh_from_db()
    assert (nominee_list.status, nominee_list.posted_at, nominee_list.posting_ends_at) == (
        ListStatus.PUBLISHED,
        POSTED,
        WINDOW_ENDS,
    )
    assert [(m.to, m.subject) for m in mailoutbox] == [
        (["canbo1@bdt.vinhlong.gov.vn"], "Công khai danh sách đề nghị khen thưởng 169/KH-BDT")
    ]
    assert "đến 15/01/2023 08:00" in mailoutbox[0].body


def test_publishing_version_2_marks_the_posted_version_1_superseded(world):
    first = posted_list(world)
    world.rescore(world.people["Chi"].entries.get(), 95)
    second = compilation.compile_nominees(campaign=world.campaign)

    with time_machine.travel(POSTED + timedelta(days=1), tick=False):
        approval.publish_list(nominee_list=second, by=world.secretary, days=5)

    assert list(NomineeList.objects.order_by("version").values_list("version", "status")) == [
        (first.version, ListStatus.SUPERSEDED),
        (second.version, ListStatus.PUBLISHED),
    ]
    assert (first.version, second.version) == (1, 2)


def test_only_a_draft_can_be_published(world):
    nominee_list = posted_list(world)

    assert refusal(lambda: approval.publish_list(nominee_list=nominee_list, by=world.secretary, days=5)) == [
        "Chỉ danh sách dự thảo mới công khai được."
    ]


def test_comments_close_with_the_window(world):
    nominee_list = posted_list(world)

    with time_machine.travel(WINDOW_ENDS, tick=False):
        refused = refusal(lambda: approval.add_comment(nominee_list=nominee_list, author=world.staff, text="Muộn"))

    assert refused == ["Đã hết thời gian công khai lấy ý kiến."]
    assert Comment.objects.count() == 0


# --- Approval refused -----------------------------------------------------------------------------


def test_approval_of_a_draft_is_refused(world):
    nominee_list = compilation.compile_nominees(campaign=world.campaign)

    assert refusal(lambda: approve(world, nominee_list)) == [NOT_POSTED]


def test_approval_one_second_before_the_window_ends_is_refused_naming_its_end(world):
    nominee_list = posted_list(world)

    assert refusal(lambda: approve(world, nominee_list, at=WINDOW_ENDS - timedelta(seconds=1))) == [TOO_EARLY]
    nominee_list.refresh_from_db()
    assert (nominee_list.status, nominee_list.decision_number) == (ListStatus.PUBLISHED, "")
    assert world.campaign.__class__.objects.get(pk=world.campaign.pk).scores_locked_at is None


def test_approval_with_an_unanswered_comment_is_refused(world):
    nominee_list = posted_list(world)
    comment(world, nominee_list)

    assert refusal(lambda: approve(world, nominee_list)) == [ONE_UNANSWERED]


def test_approval_with_a_tie_the_council_has_not_decided_is_refused(tied_world):
    nominee_list = posted_list(tied_world)

    assert refusal(lambda: approve(tied_world, nominee_list)) == [TWO_TIES]


def test_every_problem_is_named_at_once(tied_world):
    nominee_list = posted_list(tied_world)
    comment(tied_world, nominee_list)

    refused = refusal(lambda: approve(tied_world, nominee_list, at=POSTED + timedelta(days=3)))

    assert refused == [TOO_EARLY, ONE_UNANSWERED, TWO_TIES]


def test_approval_without_decision_number_date_or_signer_says_what_is_missing(world):
    nominee_list = posted_list(world)

    with pytest.raises(ValidationError) as refused, time_machine.travel(WINDOW_ENDS, tick=False):
        approval.approve_list(
            nominee_list=nominee_list,
            by=world.leader,
            decision_number=" ",
            decision_date=None,
            signer_title=" ",
            signer="",
        )

    assert sorted(refused.value.message_dict) == ["decision_date", "decision_number", "signer", "signer_title"]


def test_approval_is_refused_when_scores_changed_after_the_list_was_compiled(world):
    """A council member changes a score while the list is posted: the list no longer matches the scores.

    Approving it would freeze scores that give another list (rule 8: the same scores always
    give the same list), so approval must wait for a list compiled from the current scores.
    """
    nominee_list = posted_list(world)
    world.rescore(world.people["Chi"].entries.get(), 95)  # Chi would now take the only place

    with pytest.raises(ValidationError):
        approve(world, nominee_list)
    nominee_list.refresh_from_db()
    assert nominee_list.status == ListStatus.PUBLISHED


# --- Approval, and what it freezes ----------------------------------------------------------------


def test_the_leader_approves_once_answered_and_decided(tied_world):
    nominee_list = posted_list(tied_world)
    note = comment(tied_world, nominee_list)
    answer(tied_world, note)
    for nominee in nominee_list.nominees.filter(tie_flag=True):
        approval.resolve_tie(
            nominee=nominee, by=tied_world.secretary, decision=TieDecision.KEEP, reason="Biên bản họp Hội đồng số 3"
        )

    approved = approve(tied_world, nominee_list)

    tied_world.campaign.refresh_from_db()
    assert (approved.status, approved.decision_number, approved.decision_date, approved.signer) == (
        ListStatus.APPROVED,
        "25/QĐ-BDT",
        date(2023, 1, 15),
        "Nguyễn Văn Trưởng",
    )
    assert (approved.approved_at, approved.approved_by, tied_world.campaign.scores_locked_at) == (
        WINDOW_ENDS,
        tied_world.leader,
        WINDOW_ENDS,
    )


def test_approval_mails_the_staff_the_decision(world, django_capture_on_commit_callbacks, mailoutbox):
    """Issue 7: "Mail when a list is posted and when it is approved"."""
    world.staff.email = "canbo1@bdt.vinhlong.gov.vn"
    world.staff.save(update_fields=["email"])
    nominee_list = posted_list(world)

    with django_capture_on_commit_callbacks(execute=True):
        approve(world, nominee_list)

    assert [m.to for m in mailoutbox] == [["canbo1@bdt.vinhlong.gov.vn"]]
    assert "25/QĐ-BDT" in mailoutbox[0].body


@pytest.fixture
def approved(world):
    nominee_list = approve(world, posted_list(world))
    world.campaign.refresh_from_db()
    return nominee_list


def test_after_approval_scores_cannot_be_recorded(world, approved):
    entry = world.people["Chi"].entries.get()

    assert refusal(lambda: world.rescore(entry, 95)) == [SCORES_LOCKED]
    assert list(Score.objects.filter(entry=entry).values_list("points", flat=True)) == [Decimal("70.00")]


def test_after_approval_compiling_again_gives_back_the_approved_list(world, approved):
    campaign = world.campaign.__class__.objects.get(pk=world.campaign.pk)

    assert compilation.compile_nominees(campaign=campaign) == approved
    assert NomineeList.objects.count() == 1


def test_after_approval_scores_changed_behind_the_services_back_cannot_be_compiled(world, approved):
    """Even a score changed directly in the database (no service allows it) gives no new version."""
    Score.objects.filter(entry__person=world.people["Chi"]).update(points=Decimal(95))
    campaign = world.campaign.__class__.objects.get(pk=world.campaign.pk)

    assert refusal(lambda: compilation.compile_nominees(campaign=campaign)) == [
        "Danh sách đã được phê duyệt; điểm đã khóa nên không lập lại được."
    ]
    assert NomineeList.objects.count() == 1


def test_after_approval_comments_answers_ties_and_publishing_are_refused(world, approved):
    assert refusal(lambda: approve(world, approved)) == [NOT_POSTED]
    nominee = approved.nominees.first()
    late = Comment.objects.create(nominee_list=approved, author=world.staff, text="Ý kiến cũ")

    assert refusal(lambda: approval.add_comment(nominee_list=approved, author=world.staff, text="Muộn")) == [
        "Danh sách không trong thời gian công khai lấy ý kiến."
    ]
    assert refusal(lambda: approval.answer_comment(comment=late, by=world.secretary, answer="Đã xem")) == [
        LIST_APPROVED
    ]
    nominee.tie_flag = True  # even a flagged row cannot be decided any more
    assert refusal(
        lambda: approval.resolve_tie(nominee=nominee, by=world.secretary, decision=TieDecision.DROP, reason="Muộn")
    ) == [LIST_APPROVED]
    assert refusal(lambda: approval.publish_list(nominee_list=approved, by=world.secretary, days=5)) == [
        "Chỉ danh sách dự thảo mới công khai được."
    ]


def test_after_approval_the_admin_scoring_form_refuses_and_keeps_the_score(world, approved, client):
    entry = world.people["Chi"].entries.get()
    assignment = world.assignments[entry.pk]
    client.force_login(world.member_user)
    url = reverse("admin:submissions_assignment_score", args=[assignment.pk])

    response = client.post(
        url, {f"points_{world.criterion.pk}": "95", f"comment_{world.criterion.pk}": "", "overall": ""}
    )

    assert response.status_code == 200
    assert SCORES_LOCKED in response.content.decode()
    assert list(Score.objects.filter(entry=entry).values_list("points", flat=True)) == [Decimal("70.00")]
