"""From draft to approved: posting the list for comment, comments and their answers, the
council's tie decisions, and the leader's approval, which freezes the list and locks the scores."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.enums import ListStatus, TieDecision
from awards.models import Comment, Nominee, NomineeList
from awards.services.compilation import scores_fingerprint
from awards.tasks import task_send_approved, task_send_published
from awards.validators import decision_number as clean_decision_number
from campaigns.models import Campaign


def publish_list(*, nominee_list: NomineeList, by, days: int | None = None) -> NomineeList:
    """Post a draft list for comment for the campaign's number of days; mails every staff member."""
    with transaction.atomic():
        nominee_list = (
            NomineeList.objects.select_for_update(of=("self",)).select_related("campaign").get(pk=nominee_list.pk)
        )
        if nominee_list.status != ListStatus.DRAFT:
            raise ValidationError(_("Chỉ danh sách dự thảo mới công khai được."))
        days = days if days is not None else nominee_list.campaign.posting_days
        if days < 1:
            raise ValidationError({"days": _("Thời gian công khai ít nhất 1 ngày.")})
        now = timezone.now()
        NomineeList.objects.filter(campaign=nominee_list.campaign, status=ListStatus.PUBLISHED).update(
            status=ListStatus.SUPERSEDED
        )
        nominee_list.status = ListStatus.PUBLISHED
        nominee_list.posted_at = now
        nominee_list.posting_ends_at = now + timedelta(days=days)
        nominee_list.save(update_fields=["status", "posted_at", "posting_ends_at"])
        task_send_published.delay_on_commit(list_id=nominee_list.pk)
    return nominee_list


def add_comment(*, nominee_list: NomineeList, author, text: str, nominee: Nominee | None = None) -> Comment:
    """A staff member's comment on a posted list, or on one row of it, while the window is open."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Hãy ghi nội dung ý kiến.")})
    if nominee_list.status != ListStatus.PUBLISHED:
        raise ValidationError(_("Danh sách không trong thời gian công khai lấy ý kiến."))
    if timezone.now() >= nominee_list.posting_ends_at:
        raise ValidationError(_("Đã hết thời gian công khai lấy ý kiến."))
    if nominee is not None and nominee.nominee_list_id != nominee_list.pk:
        raise ValidationError({"nominee": _("Dòng này không thuộc danh sách.")})
    return Comment.objects.create(nominee_list=nominee_list, nominee=nominee, author=author, text=text)


def answer_comment(*, comment: Comment, by, answer: str) -> Comment:
    """The secretary's answer to a comment, made on this or an earlier version of the list (the
    thread follows the list from version to version), until a version is approved."""
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("Hãy ghi nội dung trả lời.")})
    approved = NomineeList.objects.filter(campaign_id=comment.nominee_list.campaign_id, status=ListStatus.APPROVED)
    if approved.exists():
        raise ValidationError(_("Danh sách đã phê duyệt."))
    comment.answer, comment.answered_by, comment.answered_at = answer, by, timezone.now()
    comment.save(update_fields=["answer", "answered_by", "answered_at"])
    return comment


def resolve_tie(*, nominee: Nominee, by, decision: str, reason: str) -> Nominee:
    """The council's decision on a participant tied across a quota cut: keep or drop, with a reason."""
    reason = (reason or "").strip()
    errors = {}
    if decision not in TieDecision.values:
        errors["decision"] = _("Chọn giữ hoặc đưa ra khỏi danh sách.")
    if not reason:
        errors["reason"] = _("Hãy ghi lý do (ví dụ: theo biên bản họp Hội đồng).")
    if errors:
        raise ValidationError(errors)
    if not nominee.tie_flag:
        raise ValidationError(_("Dòng này không phải trường hợp đồng hạng tại ngưỡng."))
    if nominee.nominee_list.status == ListStatus.APPROVED:
        raise ValidationError(_("Danh sách đã phê duyệt."))
    nominee.decision, nominee.decision_reason = decision, reason
    nominee.save(update_fields=["decision", "decision_reason"])
    return nominee


# What apps to the right of this one add to approval, which this app may not import; each appends
# its function in its ``ready()``. ``approval_checks``: conditions, each a function of the list
# returning its problems (ballots: the council's secret ballot). ``on_approved``: work done in the
# approval's transaction, each a function of the approved list (honours: the award register).
approval_checks: list = []
on_approved: list = []


def approval_problems(nominee_list: NomineeList, moment=None) -> list[str]:
    """What still stands in the way of approving the list (empty when it can be approved)."""
    moment = moment or timezone.now()
    problems = []
    if nominee_list.status != ListStatus.PUBLISHED:
        problems.append(_("Danh sách phải được công khai trước khi phê duyệt."))
    elif moment < nominee_list.posting_ends_at:
        problems.append(
            _("Chưa hết thời gian công khai (đến %(end)s).")
            % {"end": timezone.localtime(nominee_list.posting_ends_at).strftime("%d/%m/%Y %H:%M")}
        )
    if nominee_list.fingerprint != scores_fingerprint(nominee_list.campaign):
        problems.append(
            _("Điểm đã thay đổi sau khi lập danh sách này; hãy lập lại danh sách rồi công khai phiên bản mới.")
        )
    if not nominee_list.nominees.exists():
        problems.append(_("Danh sách không có ai được đề nghị khen thưởng nên không thể phê duyệt."))
    # Comments made on earlier versions follow the list: they too must be answered.
    unanswered = Comment.objects.filter(
        nominee_list__campaign_id=nominee_list.campaign_id,
        nominee_list__version__lte=nominee_list.version,
        answered_at__isnull=True,
    ).count()
    if unanswered:
        problems.append(_("Còn %(n)d ý kiến chưa được trả lời.") % {"n": unanswered})
    open_ties = nominee_list.nominees.filter(tie_flag=True, decision="").count()
    if open_ties:
        problems.append(
            _("Còn %(n)d trường hợp đồng hạng tại ngưỡng chưa được Hội đồng quyết định.") % {"n": open_ties}
        )
    for check in approval_checks:
        problems.extend(check(nominee_list))
    return problems


def decision_date_bounds(nominee_list: NomineeList, moment=None) -> tuple:
    """The first and last day a decision approving the list may carry: the day its posting ends
    (rule 9: approval comes after the comment period) and today, in Vietnam time."""
    moment = moment or timezone.now()
    first = timezone.localdate(nominee_list.posting_ends_at) if nominee_list.posting_ends_at else None
    return first, timezone.localdate(moment)


def approve_list(
    *, nominee_list: NomineeList, by, decision_number: str, decision_date, signer_title: str, signer: str
) -> NomineeList:
    """The leader approves the posted list: records the decision, freezes the list (no comment,
    answer, tie decision or new version any more), locks the scores, runs ``on_approved`` in the same
    transaction (the award register enters its awards); mails the staff after commit.

    The decision number is stored as its number and symbol alone ("Quyết định số" typed before it
    is dropped); the decision date lies between the end of the posting and today.
    """
    errors = {}
    try:
        decision_number = clean_decision_number(decision_number)
    except ValidationError as error:
        errors["decision_number"] = error.messages
    if decision_date is None:
        errors["decision_date"] = _("Hãy nhập ngày quyết định (dd/mm/yyyy).")
    if not (signer_title or "").strip():
        errors["signer_title"] = _("Hãy nhập chức vụ người ký, ví dụ: Giám đốc.")
    if not (signer or "").strip():
        errors["signer"] = _("Hãy nhập họ tên người ký.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        nominee_list = NomineeList.objects.select_for_update().get(pk=nominee_list.pk)
        problems = approval_problems(nominee_list)
        if problems:
            raise ValidationError(problems)
        first, last = decision_date_bounds(nominee_list)
        if not first <= decision_date <= last:
            raise ValidationError(
                {
                    "decision_date": _(
                        "Ngày quyết định phải từ ngày hết hạn công khai (%(first)s) đến hôm nay (%(last)s)."
                    )
                    % {"first": f"{first:%d/%m/%Y}", "last": f"{last:%d/%m/%Y}"}
                }
            )
        now = timezone.now()
        nominee_list.status = ListStatus.APPROVED
        nominee_list.decision_number = decision_number
        nominee_list.decision_date = decision_date
        nominee_list.signer_title, nominee_list.signer = signer_title.strip(), signer.strip()
        nominee_list.approved_at, nominee_list.approved_by = now, by
        nominee_list.save()
        Campaign.objects.filter(pk=nominee_list.campaign_id).update(scores_locked_at=now)
        for approved in on_approved:
            approved(nominee_list=nominee_list)
        task_send_approved.delay_on_commit(list_id=nominee_list.pk)
    return nominee_list
