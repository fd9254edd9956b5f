"""What happens after the deadline: close, compile the nominee list, publish, comment, approve.

Every step is idempotent through the database: closing is a conditional update, a list is
unique per fingerprint of the scores, approval freezes the list and locks the scores.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from awards.enums import ListStatus, TieDecision
from awards.models import Comment, Nominee, NomineeList
from awards.queries.ranking import ranking
from awards.rules import allocate
from awards.validators import decision_number as clean_decision_number
from campaigns import deadline
from campaigns.enums import CampaignStatus, ParticipantKind
from campaigns.formatting import points
from campaigns.models import Campaign
from campaigns.notifications import enqueue_after_commit  # by name: awards.tasks imports this module
from criteria.models import AwardForm
from submissions.deadlines import open_extensions
from submissions.enums import EntryStatus
from submissions.models import Entry, Score

SYSTEM = "hệ thống"


def due_campaigns(moment):
    """Launched campaigns whose last open second (and every personal extension) has passed.

    One indexed query; nothing due means an empty result.
    """
    later = open_extensions(moment).filter(campaign=OuterRef("pk"))
    return Campaign.objects.filter(deadline.passed_q(moment), status=CampaignStatus.LAUNCHED).filter(~Exists(later))


# A compilation is sent when a campaign closes and normally ends within minutes (the task's time
# limit is ten). A campaign closed longer ago than this with no list lost its compilation: the
# broker was down when it was sent, or its worker died. The close sweep sends it again.
COMPILE_OWED_AFTER = timedelta(minutes=15)


def campaigns_owed_a_list(moment):
    """Closed campaigns, closed before ``moment`` less COMPILE_OWED_AFTER, that have no nominee list.

    The database is the record of the compilation owed at the close: one query.
    """
    return Campaign.objects.filter(
        status=CampaignStatus.CLOSED, closed_at__lt=moment - COMPILE_OWED_AFTER, scores_locked_at__isnull=True
    ).filter(~Exists(NomineeList.objects.filter(campaign=OuterRef("pk"))))


def close_campaign(*, campaign_id: int, by: str) -> bool:
    """Close a campaign exactly once and start the compilation after commit.

    Returns True only for the call that closed it; racing sweeps or a second click change
    nothing. Entries of a closed campaign can no longer be created, edited or submitted.
    """
    with transaction.atomic():
        closed = Campaign.objects.filter(pk=campaign_id, status=CampaignStatus.LAUNCHED).update(
            status=CampaignStatus.CLOSED, closed_at=timezone.now(), closed_by=by
        )
        if closed:
            enqueue_after_commit("awards.compile", campaign_id=campaign_id)
    return bool(closed)


def scores_fingerprint(campaign) -> str:
    """SHA-256 over every score of the campaign and the entries taken out of the competition.

    What is hashed (its definition: lists keep the fingerprint they were compiled with, so it
    never changes): one line ``entry|criterion|member|points`` (points with two decimals, then a
    newline) per score, in (entry, criterion, member) order, followed by ``withdrawn:`` and the
    ids of the withdrawn entries joined by commas, in id order. PostgreSQL builds the text and
    hashes it in one statement; other databases (SQLite) send the rows to ``_fingerprint_in_python``.
    """
    if connection.vendor == "postgresql":
        return _fingerprint_in_postgresql(campaign)
    return _fingerprint_in_python(campaign)


def _fingerprint_in_postgresql(campaign) -> str:
    score, entry = Score._meta.db_table, Entry._meta.db_table
    sql = f"""
        SELECT encode(sha256(convert_to(
            coalesce((
                SELECT string_agg(
                    s.entry_id || '|' || s.criterion_id || '|' || s.member_id || '|'
                    || (s.points::numeric(20, 2))::text || E'\\n',
                    '' ORDER BY s.entry_id, s.criterion_id, s.member_id
                )
                FROM {score} s JOIN {entry} e ON e.id = s.entry_id
                WHERE e.campaign_id = %s
            ), '')
            || 'withdrawn:'
            || coalesce((
                SELECT string_agg(w.id::text, ',' ORDER BY w.id) FROM {entry} w
                WHERE w.campaign_id = %s AND w.status = %s
            ), ''),
            'UTF8')), 'hex')
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [campaign.pk, campaign.pk, EntryStatus.WITHDRAWN])
        return cursor.fetchone()[0]


def _fingerprint_in_python(campaign) -> str:
    digest = hashlib.sha256()
    rows = (
        Score.objects.filter(entry__campaign=campaign)
        .order_by("entry_id", "criterion_id", "member_id")
        .values_list("entry_id", "criterion_id", "member_id", "points")
    )
    for entry_id, criterion_id, member_id, given in rows.iterator(chunk_size=5000):
        digest.update(f"{entry_id}|{criterion_id}|{member_id}|{given:.2f}\n".encode())
    withdrawn = (
        Entry.objects.filter(campaign=campaign, status=EntryStatus.WITHDRAWN)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    digest.update(("withdrawn:" + ",".join(map(str, withdrawn))).encode())
    return digest.hexdigest()


def _summaries(campaign, keys) -> dict:
    """Per participant: the titles of the entries that count, best first."""
    entries = (
        Entry.objects.filter(campaign=campaign, result__counted=True)
        .exclude(status=EntryStatus.WITHDRAWN)
        .filter(Q(person_id__in=[k[0] for k in keys if k[0]]) | Q(unit_id__in=[k[1] for k in keys if k[1]]))
        .order_by("-result__total", "submitted_at", "pk")
        .values_list("person_id", "unit_id", "title")
    )
    titles: dict = {}
    for person_id, unit_id, title in entries:
        titles.setdefault((person_id, unit_id), []).append(title)
    return titles


def compile_nominees(*, campaign: Campaign, by: str = SYSTEM) -> NomineeList:
    """Build the nominee list from the ranking by the award rules; same scores, same list.

    Compiling again without a change in scores returns the existing version; with changed
    scores it creates a new draft version and keeps the old ones.
    """
    with translation.override(settings.LANGUAGE_CODE):  # summaries read the same from any process
        return _compile(campaign=campaign, by=by)


def _compile(*, campaign: Campaign, by: str) -> NomineeList:
    fingerprint = scores_fingerprint(campaign)
    existing = NomineeList.objects.filter(campaign=campaign, fingerprint=fingerprint).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)  # one compilation at a time
            existing = NomineeList.objects.filter(campaign=campaign, fingerprint=fingerprint).first()
            if existing is not None:
                return existing
            if campaign.scores_locked_at is not None:
                raise ValidationError(_("Danh sách đã được phê duyệt; điểm đã khóa nên không lập lại được."))
            version = (NomineeList.objects.filter(campaign=campaign).aggregate(v=Max("version"))["v"] or 0) + 1
            nominee_list = NomineeList.objects.create(
                campaign=campaign, version=version, fingerprint=fingerprint, compiled_by=by
            )
            rows_out, position = [], 0
            for kind in (ParticipantKind.COLLECTIVE, ParticipantKind.INDIVIDUAL):
                rows, _count = ranking(campaign, kind)
                forms = list(AwardForm.objects.filter(campaign=campaign, recipient_kind=kind))
                outcomes = allocate(rows, forms)
                titles = _summaries(campaign, [r.key for o in outcomes for r in o.rows])
                for outcome in outcomes:
                    for row in outcome.rows:
                        position += 1
                        entry_titles = titles.get(row.key, [])
                        summary = _("%(score)s điểm; %(n)d bài: %(titles)s") % {
                            "score": points(row.score),
                            "n": row.counted_entries,
                            "titles": "; ".join(entry_titles[: campaign.best_k]),
                        }
                        rows_out.append(
                            Nominee(
                                nominee_list=nominee_list,
                                kind=kind,
                                person_id=row.person_id,
                                unit_id=row.unit_id,
                                award_form=outcome.form,
                                position=position,
                                rank=row.rank,
                                score=row.score,
                                summary=summary,
                                tie_flag=row.key in outcome.tie_keys,
                            )
                        )
            Nominee.objects.bulk_create(rows_out, batch_size=1000)
            return nominee_list
    except IntegrityError:
        # Another compilation of the same scores won the race: use its list.
        return NomineeList.objects.get(campaign=campaign, fingerprint=fingerprint)


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
        enqueue_after_commit("awards.send_published", list_id=nominee_list.pk)
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
    answer, tie decision or new version any more), locks the scores; mails the staff after commit.

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
        enqueue_after_commit("awards.send_approved", list_id=nominee_list.pk)
    return nominee_list
