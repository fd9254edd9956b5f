"""Mails about entries. Thin: each task loads its rows and calls the mail helpers."""

import logging
from datetime import timedelta

from celery import shared_task
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.enums import CampaignStatus
from common.notifications import mail_users
from submissions.deadlines import participant_closes_at
from submissions.enums import EntryStatus
from submissions.models import Assignment, Entry, PersonalDeadline, ReminderSent

logger = logging.getLogger(__name__)

# Ascending: an entry already reminded one day before is not reminded "three days before" afterwards.
REMINDER_DAYS = (1, 3)


def _entry(entry_id):
    entry = Entry.objects.select_related("campaign", "created_by", "person__user").filter(pk=entry_id).first()
    if entry is None:
        logger.warning("Entry %s no longer exists; nothing to mail", entry_id)
    return entry


def _recipients(entry):
    users = {entry.created_by}
    if entry.person_id and entry.person.user_id:
        users.add(entry.person.user)
    return sorted(users, key=lambda u: u.pk)


def _mail_about(entry_id: int, *, subject: str, template: str, **context) -> int:
    """Mail the author (and the participant) of an entry; nothing if the entry is gone."""
    entry = _entry(entry_id)
    if entry is None:
        return 0
    return mail_users(
        _recipients(entry),
        subject=subject % {"code": entry.code},
        template=template,
        context={"entry": entry, **context},
    )


@shared_task(name="submissions.send_receipt")
def task_send_receipt(*, entry_id: int) -> int:
    """Mail the receipt of the entry's last submission, once.

    The entry's ``receipt_sent_at`` is claimed in the transaction that sends the mail: a mail that
    fails leaves the receipt owed (the sweep below sends it), a second task for it sends nothing.
    """
    with transaction.atomic():
        claimed = Entry.objects.filter(pk=entry_id, submitted_at__isnull=False, receipt_sent_at__isnull=True).update(
            receipt_sent_at=timezone.now()
        )
        if not claimed:
            logger.info("Entry %s owes no receipt (gone, not submitted or already mailed)", entry_id)
            return 0
        return _mail_about(entry_id, subject=_("Đã nhận bài dự thi %(code)s"), template="submissions/mail/receipt.txt")


# A receipt is sent on commit of the submission and normally mailed within seconds. One still owed
# after RECEIPT_OWED_AFTER could not be queued (broker down) or was lost with its worker; one owed
# for longer than RECEIPT_OWED_WITHIN is from data written around the services (demo, benchmark).
RECEIPT_OWED_AFTER = timedelta(minutes=5)
RECEIPT_OWED_WITHIN = timedelta(days=3)


@shared_task(name="submissions.send_owed_receipts")
def task_send_owed_receipts() -> int:
    """Beat sweep: mail every receipt still owed (the database records which); returns how many."""
    now = timezone.now()
    owed = Entry.objects.filter(
        receipt_sent_at__isnull=True,
        submitted_at__lt=now - RECEIPT_OWED_AFTER,
        submitted_at__gte=now - RECEIPT_OWED_WITHIN,
    ).order_by("submitted_at", "pk")
    sent = 0
    for entry_id in owed.values_list("pk", flat=True):
        sent += bool(task_send_receipt(entry_id=entry_id))
    return sent


@shared_task(name="submissions.send_returned")
def task_send_returned(*, entry_id: int) -> int:
    return _mail_about(
        entry_id, subject=_("Bài dự thi %(code)s được trả lại để bổ sung"), template="submissions/mail/returned.txt"
    )


@shared_task(name="submissions.send_deadline_reminders")
def task_send_deadline_reminders() -> int:
    """Beat sweep: remind authors of drafts 3 days and 1 day before their deadline, once each.

    The deadline is the participant's own: a personal extension moves the reminders with it.
    """
    now = timezone.now()
    sent = 0
    for days in REMINDER_DAYS:
        horizon = now + timedelta(days=days)
        extension_due = PersonalDeadline.objects.filter(
            PersonalDeadline.same_participant(),
            campaign=OuterRef("campaign"),
            closes_at__gt=now,
            closes_at__lte=horizon,
        )
        candidates = (
            Entry.objects.filter(status__in=EntryStatus.EDITABLE, campaign__status=CampaignStatus.LAUNCHED)
            .filter(Q(campaign__closes_at__gt=now, campaign__closes_at__lte=horizon) | Exists(extension_due))
            .exclude(pk__in=ReminderSent.objects.filter(days_before__lte=days).values("entry_id"))
            .select_related("campaign", "created_by", "person__user")
        )
        for entry in candidates:
            deadline = participant_closes_at(campaign=entry.campaign, participant=entry.participant_key)
            if not now < deadline <= horizon:
                continue  # this participant's own deadline is later
            try:
                with transaction.atomic():
                    ReminderSent.objects.create(entry=entry, days_before=days)
            except IntegrityError:
                continue  # another sweep took it
            sent += mail_users(
                _recipients(entry),
                subject=_("Nhắc hạn: bài %(code)s chưa được gửi") % {"code": entry.code},
                template="submissions/mail/reminder.txt",
                context={"entry": entry, "days": days, "deadline": deadline},
            )
    return sent


@shared_task(name="submissions.send_scoring_reminders")
def task_send_scoring_reminders(*, campaign_id: int) -> int:
    """Mail each council member of the campaign who still has unscored entries, with the count."""
    pending = (
        Assignment.objects.filter(member__campaign_id=campaign_id, completed_at__isnull=True)
        .values("member__person__user")
        .annotate(n=Count("pk"))
    )
    counts = {row["member__person__user"]: row["n"] for row in pending if row["member__person__user"]}
    sent = 0
    for user in get_user_model().objects.filter(pk__in=counts):
        sent += mail_users(
            [user],
            subject=_("Nhắc chấm điểm: còn %(n)d bài chưa chấm") % {"n": counts[user.pk]},
            template="submissions/mail/scoring_reminder.txt",
            context={"count": counts[user.pk]},
        )
    return sent
