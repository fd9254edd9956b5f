"""Writes of registrations, and the guard the entry service asks before an entry is written.

Every path (the staff form, the secretary's admin, the demo) registers through ``register``.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from campaigns.enums import ParticipantKind, UnregisteredPolicy
from registrations.models import Registration
from registrations.permissions import registers_on_behalf
from registrations.queries import participant_registered
from registrations.tasks import task_send_registration_reminders


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "d/m/Y H:i:s")


def window_text(campaign) -> str:
    """The registration window as users read it: from its first to its last open second."""
    return _("từ %(start)s đến %(end)s (giờ Việt Nam)") % {
        "start": _when(campaign.registration_opens_at),
        "end": _when(campaign.registration_closes_at),
    }


def _check_registrant(*, by, person, unit, on_behalf: bool) -> None:
    if (person is None) == (unit is None):
        raise ValidationError(_("Đăng ký thuộc đúng một cá nhân hoặc một tập thể."))
    if on_behalf:
        if not registers_on_behalf(by):
            raise PermissionDenied(_("Chỉ thư ký Hội đồng được đăng ký thay."))
    elif person is not None and person.user_id != by.pk:
        raise PermissionDenied(_("Bạn chỉ được đăng ký cho chính mình."))
    elif unit is not None and (unit.head_id is None or unit.head.user_id != by.pk):
        raise PermissionDenied(_("Chỉ thủ trưởng đơn vị được đăng ký cho tập thể đơn vị."))


def _check_content(*, campaign, kind, award_forms, commitments) -> dict:
    errors = {}
    if not award_forms:
        errors["award_forms"] = _("Hãy chọn ít nhất một danh hiệu hoặc hình thức khen thưởng.")
    elif any(form.campaign_id != campaign.pk or form.recipient_kind != kind for form in award_forms):
        errors["award_forms"] = _("Chỉ chọn danh hiệu, hình thức khen thưởng của phong trào dành cho %(kind)s.") % {
            "kind": ParticipantKind(kind).label.lower()
        }
    if not commitments:
        errors["commitments"] = _("Hãy ghi chỉ tiêu, cam kết phấn đấu.")
    return errors


def check_registration(
    *, campaign, by, award_forms, commitments: str, person=None, unit=None, on_behalf=False, note="", moment=None
) -> bool:
    """Refuse, in Vietnamese, a registration ``register`` would refuse; returns whether it falls
    outside the registration window (then only the secretary registers, with a reason)."""
    _check_registrant(by=by, person=person, unit=unit, on_behalf=on_behalf)
    if not campaign.requires_registration:
        raise ValidationError(_("Phong trào này không yêu cầu đăng ký thi đua."))
    kind = ParticipantKind.INDIVIDUAL if person is not None else ParticipantKind.COLLECTIVE
    errors = _check_content(campaign=campaign, kind=kind, award_forms=award_forms, commitments=commitments.strip())
    outside = not campaign.registration_open_at(moment or timezone.now())
    if outside and not on_behalf:
        raise ValidationError(
            _("Ngoài thời gian đăng ký: nhận đăng ký %(window)s.") % {"window": window_text(campaign)}
        )
    if outside and not note.strip():
        errors["note"] = _("Đăng ký thay ngoài thời gian đăng ký (%(window)s) phải ghi lý do.") % {
            "window": window_text(campaign)
        }
    if errors:
        raise ValidationError(errors)
    return outside


def register(
    *, campaign, by, award_forms, commitments: str, person=None, unit=None, on_behalf=False, note="", moment=None
) -> Registration:
    """Register (or change the registration of) a person or a unit, by themselves while the window is
    open, or by the secretary on their behalf (``on_behalf``: outside the window only with ``note``,
    the reason, and marked ``outside_window``). No mail is sent."""
    commitments, note = (commitments or "").strip(), (note or "").strip()
    outside = check_registration(
        campaign=campaign,
        by=by,
        award_forms=award_forms,
        commitments=commitments,
        person=person,
        unit=unit,
        on_behalf=on_behalf,
        note=note,
        moment=moment,
    )
    with transaction.atomic():
        registration, _created = Registration.objects.update_or_create(
            campaign=campaign,
            person=person,
            unit=unit,
            defaults={
                "commitments": commitments,
                "registered_by": by,
                "on_behalf": on_behalf,
                "outside_window": outside,
                "note": note,
            },
        )
        registration.award_forms.set(award_forms)
    return registration


def ensure_may_enter(*, campaign, person=None, unit=None) -> None:
    """Refuse an entry from a participant who did not register, where the campaign requires
    registration and its policy refuses such entries; under the policy "flag" the entry is accepted
    and shown as needing the council's decision (``queries.entry_unregistered``)."""
    if campaign.unregistered_policy != UnregisteredPolicy.REFUSE:
        return
    if participant_registered(campaign=campaign, person=person, unit=unit):
        return
    raise ValidationError(
        _(
            "Phong trào yêu cầu đăng ký thi đua và bạn (hoặc tập thể) chưa đăng ký nên không gửi bài được. "
            "Thời gian đăng ký: %(window)s; ngoài thời gian này hãy liên hệ thư ký Hội đồng."
        )
        % {"window": window_text(campaign)}
    )


def remind_unregistered(*, campaign, people=(), units=()) -> None:
    """Queue one reminder mail to each of ``people``, and to the head of each of ``units``, who has
    not registered in the campaign when the mail is sent (the task checks again)."""
    task_send_registration_reminders.delay_on_commit(
        campaign_id=campaign.pk, person_ids=[p.pk for p in people], unit_ids=[u.pk for u in units]
    )
