"""Writes of entries: every path (web form, admin, import, task) goes through these functions.

Each one checks the deadline to the second against the clock, in one transaction, so a
campaign past its closing moment refuses changes whatever the background workers are doing.
"""

import hashlib
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from campaigns import deadline
from campaigns.participants import Participant
from criteria.queries import applicable_criteria
from registrations.services import ensure_may_enter
from submissions import permissions
from submissions.deadlines import accepts_entries, participant_closes_at
from submissions.enums import EntryAction, EntryStatus
from submissions.models import Attachment, Entry, EntryEvent, PersonalDeadline, SelfScore
from submissions.tasks import task_send_receipt, task_send_returned
from submissions.validators import points_error, validate_evidence

CONTENT_FIELDS = ("area", "kind", "title", "summary", "description", "results", "applied_on")


@dataclass
class EntryContent:
    """What an author writes: the content fields, co-authors, self-scores and new evidence files."""

    area: object
    kind: str
    title: str
    summary: str
    description: str = ""
    results: str = ""
    applied_on: object = None
    coauthors: list = field(default_factory=list)
    self_scores: dict = field(default_factory=dict)  # criterion -> Decimal or None
    new_files: list = field(default_factory=list)
    removed_files: list = field(default_factory=list)  # Attachment objects to take off


def ensure_accepting(*, campaign, participant: Participant, moment=None) -> None:
    """Refuse, in Vietnamese, any write to an entry of a campaign that is not open for this participant."""
    moment = moment or timezone.now()
    if accepts_entries(campaign=campaign, participant=participant, moment=moment):
        return
    closes_at = participant_closes_at(campaign=campaign, participant=participant)
    if moment < campaign.opens_at:
        raise ValidationError(
            _("Phong trào chưa mở nhận bài; bắt đầu từ %(start)s.")
            % {"start": date_format(timezone.localtime(campaign.opens_at), "d/m/Y H:i:s")}
        )
    raise ValidationError(
        _("Đã hết hạn nhận bài: hạn cuối là %(end)s (giờ Việt Nam). Bài không được tạo, sửa hay gửi nữa.")
        % {"end": date_format(timezone.localtime(closes_at), "d/m/Y H:i:s")}
    )


def _check_participant(*, by, person, unit) -> None:
    if (person is None) == (unit is None):
        raise ValidationError(_("Bài dự thi thuộc đúng một cá nhân hoặc một tập thể."))
    if person is not None and person.user_id != by.pk:
        raise PermissionDenied(_("Bạn chỉ được gửi bài cho chính mình."))
    if unit is not None and (unit.head_id is None or unit.head.user_id != by.pk):
        raise PermissionDenied(_("Chỉ thủ trưởng đơn vị được gửi bài cho tập thể đơn vị."))


def _check_content(*, campaign, content: EntryContent, kind: str, person=None) -> None:
    errors = {}
    if content.area is not None and content.area.campaign_id != campaign.pk:
        errors["area"] = _("Nội dung thi đua không thuộc phong trào này.")
    if person is not None and any(coauthor.pk == person.pk for coauthor in content.coauthors):
        errors["coauthors"] = _("Người dự thi không đồng thời là đồng tác giả của bài mình; hãy bỏ chọn tên mình.")
    applicable = {c.pk: c for c in applicable_criteria(campaign=campaign, area=content.area, kind=kind)}
    step = campaign.score_step
    for criterion, points in content.self_scores.items():
        if points is None:
            continue
        key = f"self_score_{criterion.pk}"
        if criterion.pk not in applicable:
            errors[key] = _("Tiêu chí này không áp dụng cho nội dung và đối tượng đã chọn; hãy để trống.")
        elif error := points_error(points, maximum=criterion.max_points, step=step):
            errors[key] = error
    if errors:
        raise ValidationError(errors)


def _validate_files(files) -> list[tuple]:
    """Check every new file before anything is written; returns (file, content type) pairs."""
    if len(files) > settings.EVIDENCE_MAX_FILES:  # the proxy's body limit is sized by it (deploy/nginx.conf)
        raise ValidationError(
            {
                "files": _(
                    "Mỗi lần lưu nhận tối đa %(n)d tệp minh chứng; hãy gửi bớt, phần còn lại thêm ở lần sửa sau."
                )
                % {"n": settings.EVIDENCE_MAX_FILES}
            }
        )
    checked, errors = [], []
    for uploaded in files:
        try:
            checked.append((uploaded, *validate_evidence(uploaded)))
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError({"files": errors})
    return checked


@contextmanager
def _files_removed_on_failure():
    """Files written inside the block are deleted again if the block fails."""
    written: list = []
    try:
        yield written
    except BaseException:
        for storage, name in written:
            storage.delete(name)
        raise


def _store_files(*, entry, by, checked, written) -> list[Attachment]:
    stored = []
    for uploaded, name, content_type in checked:
        digest = hashlib.sha256()
        for chunk in uploaded.chunks():
            digest.update(chunk)
        uploaded.seek(0)
        attachment = Attachment(
            entry=entry,
            original_name=name,
            size=uploaded.size,
            content_type=content_type,
            sha256=digest.hexdigest(),
            uploaded_by=by,
        )
        attachment.file.save(name, uploaded, save=False)
        written.append((attachment.file.storage, attachment.file.name))
        attachment.save()
        stored.append(attachment)
    return stored


def _record(entry, action, by, note="", changes=None) -> EntryEvent:
    return EntryEvent.objects.create(entry=entry, action=action, actor=by, note=note, changes=changes or {})


def _save_self_scores(entry, scores: dict) -> None:
    for criterion, points in scores.items():
        if points is None:
            SelfScore.objects.filter(entry=entry, criterion=criterion).delete()
        else:
            SelfScore.objects.update_or_create(entry=entry, criterion=criterion, defaults={"points": points})


def _display(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value)


def create_entry(
    *, campaign, by, content: EntryContent, person=None, unit=None, form_token=None, submit=False
) -> Entry:
    """Create a draft entry (and submit it at once when ``submit``); mails a receipt on submission.

    A repeated request with the same ``form_token`` (two clicks, two tabs) returns the entry the
    first one created instead of a second one. A token belongs to the user who first sent it:
    another user's request with it is an ordinary new entry, and learns nothing of theirs.
    """
    if form_token is not None:
        existing = Entry.objects.filter(form_token=form_token).first()
        if existing is not None and existing.created_by_id == by.pk:
            return existing
        if existing is not None:
            form_token = None  # someone else's: no guard for this request
    _check_participant(by=by, person=person, unit=unit)
    participant = Participant.of(person_id=person.pk if person else None, unit_id=unit.pk if unit else None)
    checked = _validate_files(content.new_files)
    try:
        with _files_removed_on_failure() as written, transaction.atomic():
            ensure_accepting(campaign=campaign, participant=participant)
            ensure_may_enter(campaign=campaign, person=person, unit=unit)  # registration, by the campaign's policy
            _check_content(campaign=campaign, content=content, kind=participant.kind, person=person)
            entry = Entry(
                campaign=campaign,
                person=person,
                unit=unit,
                created_by=by,
                form_token=form_token,
                **{name: getattr(content, name) for name in CONTENT_FIELDS},
            )
            entry.full_clean(exclude=["form_token"])
            entry.save()
            entry.coauthors.set(content.coauthors)
            _save_self_scores(entry, content.self_scores)
            _store_files(entry=entry, by=by, checked=checked, written=written)
            _record(entry, EntryAction.CREATED, by)
            if submit:
                _submit(entry, by)
    except IntegrityError:
        if form_token is not None and Entry.objects.filter(form_token=form_token, created_by=by).exists():
            return Entry.objects.get(form_token=form_token, created_by=by)
        raise
    return entry


def update_entry(*, entry, by, content: EntryContent, submit=False, check_author=True) -> Entry:
    """Change an entry's content while it is a draft or returned; the history keeps old and new values."""
    checked = _validate_files(content.new_files)
    with _files_removed_on_failure() as written, transaction.atomic():
        entry = Entry.objects.select_for_update(of=("self",)).select_related("person", "unit__head").get(pk=entry.pk)
        if check_author and not permissions.can_edit(by, entry):
            raise PermissionDenied(
                _("Bài ở trạng thái “%(status)s” không sửa được.") % {"status": entry.get_status_display()}
            )
        ensure_accepting(campaign=entry.campaign, participant=entry.participant_key)
        _check_content(campaign=entry.campaign, content=content, kind=entry.participant_kind, person=entry.person)
        changes = {}
        for name in CONTENT_FIELDS:
            old, new = getattr(entry, name), getattr(content, name)
            if old != new:
                changes[name] = [_display(old), _display(new)]
                setattr(entry, name, new)
        old_coauthors = set(entry.coauthors.values_list("pk", flat=True))
        if old_coauthors != {p.pk for p in content.coauthors}:
            changes["coauthors"] = [
                ", ".join(entry.coauthors.order_by("full_name").values_list("full_name", flat=True)),
                ", ".join(sorted(p.full_name for p in content.coauthors)),
            ]
            entry.coauthors.set(content.coauthors)
            # A co-author taken off and named again confirms again.
            entry.coauthor_confirmations.exclude(person__in=content.coauthors).delete()
        entry.full_clean(exclude=["form_token"])
        entry.save()
        _save_self_scores(entry, content.self_scores)
        for attachment in content.removed_files:
            if attachment.entry_id == entry.pk and attachment.removed_at is None:
                attachment.removed_at = timezone.now()
                attachment.save(update_fields=["removed_at"])
                _record(entry, EntryAction.FILE_REMOVED, by, note=attachment.original_name)
        for attachment in _store_files(entry=entry, by=by, checked=checked, written=written):
            _record(entry, EntryAction.FILE_ADDED, by, note=attachment.original_name)
        if changes:
            _record(entry, EntryAction.EDITED, by, changes=changes)
        if submit:
            _submit(entry, by)
    return entry


def _submit(entry, by) -> bool:
    """Move a draft or returned entry to submitted, once; a repeated submit changes nothing.

    Refused without at least one current evidence file, whichever path submits.
    """
    if not entry.attachments.filter(removed_at__isnull=True).exists():
        raise ValidationError({"files": _("Hãy đính kèm ít nhất một tệp minh chứng trước khi gửi bài.")})
    changed = Entry.objects.filter(pk=entry.pk, status__in=EntryStatus.EDITABLE).update(
        status=EntryStatus.SUBMITTED, submitted_at=timezone.now(), return_reason="", receipt_sent_at=None
    )
    if not changed:
        return False
    entry.refresh_from_db(fields=["status", "submitted_at", "return_reason"])
    _record(entry, EntryAction.SUBMITTED, by)
    task_send_receipt.delay_on_commit(entry_id=entry.pk)
    return True


def submit_entry(*, entry, by) -> bool:
    """Submit the entry for review; mails a receipt. Returns False if it was already submitted."""
    with transaction.atomic():
        entry = (
            Entry.objects.select_for_update(of=("self",))
            .select_related("campaign", "person", "unit__head")
            .get(pk=entry.pk)
        )
        if not permissions.is_author(by, entry):
            raise PermissionDenied
        if entry.status not in EntryStatus.EDITABLE:
            return False
        ensure_accepting(campaign=entry.campaign, participant=entry.participant_key)
        return _submit(entry, by)


def ensure_withdrawable(*, entry, moment=None) -> None:
    """Refuse a withdrawal once the entrant's deadline (the campaign's or a personal one) has passed.

    After the deadline the field of entries is fixed: the nominee list is built from it, and a
    withdrawal would change the scores it was built from.
    """
    moment = moment or timezone.now()
    if accepts_entries(campaign=entry.campaign, participant=entry.participant_key, moment=moment):
        return
    closes_at = participant_closes_at(campaign=entry.campaign, participant=entry.participant_key)
    raise ValidationError(
        _("Đã hết hạn của bài (%(end)s, giờ Việt Nam) nên không rút bài được nữa.")
        % {"end": date_format(timezone.localtime(closes_at), "d/m/Y H:i:s")}
    )


def withdraw_entry(*, entry, by) -> None:
    """The author takes the entry out of the competition before review starts and before their
    deadline has passed; it is kept, not deleted, and the withdrawal is added to its timeline."""
    with transaction.atomic():
        entry = (
            Entry.objects.select_for_update(of=("self",))
            .select_related("campaign", "person", "unit__head")
            .get(pk=entry.pk)
        )
        if not permissions.can_withdraw(by, entry):
            raise ValidationError(_("Bài đã vào vòng chấm hoặc đã rút nên không rút được nữa."))
        ensure_withdrawable(entry=entry)
        entry.status = EntryStatus.WITHDRAWN
        entry.save(update_fields=["status", "updated_at"])
        _record(entry, EntryAction.WITHDRAWN, by)


def return_entry(*, entry, by, reason: str) -> None:
    """Send a submitted entry back to its author for revision, with the reason; mails the author."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Hãy ghi lý do trả lại để người gửi biết cần bổ sung gì.")})
    with transaction.atomic():
        entry = (
            Entry.objects.select_for_update(of=("self",))
            .select_related("campaign", "person__unit__head")
            .get(pk=entry.pk)
        )
        if not permissions.can_return(by, entry):
            raise ValidationError(_("Bài này không ở trạng thái có thể trả lại."))
        entry.status = EntryStatus.RETURNED
        entry.return_reason = reason
        entry.save(update_fields=["status", "return_reason", "updated_at"])
        _record(entry, EntryAction.RETURNED, by, note=reason)
        task_send_returned.delay_on_commit(entry_id=entry.pk)


def endorse_entry(*, entry, by) -> None:
    """The unit head confirms a staff member's submitted entry (when the campaign asks for it)."""
    with transaction.atomic():
        entry = (
            Entry.objects.select_for_update(of=("self",))
            .select_related("campaign", "person__unit__head")
            .get(pk=entry.pk)
        )
        if not permissions.can_endorse(by, entry):
            raise ValidationError(_("Bài này không chờ thủ trưởng đơn vị xác nhận."))
        entry.status = EntryStatus.ENDORSED
        entry.save(update_fields=["status", "updated_at"])
        _record(entry, EntryAction.ENDORSED, by)


def grant_extension(*, campaign, by, closes_at, reason: str, person=None, unit=None) -> PersonalDeadline:
    """Give one participant a later deadline, with the reason; earlier grants stay in the record."""
    reason = (reason or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = _("Hãy ghi lý do gia hạn.")
    if closes_at is not None and closes_at <= campaign.closes_at:
        errors["closes_at"] = _("Hạn mới phải sau hạn chung của phong trào.")
    if errors:
        raise ValidationError(errors)
    extension = PersonalDeadline(
        campaign=campaign,
        person=person,
        unit=unit,
        closes_at=deadline.closing_second(closes_at),
        reason=reason,
        granted_by=by,
    )
    extension.full_clean()
    extension.save()
    return extension
