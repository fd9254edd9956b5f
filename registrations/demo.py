"""Sample registrations: in the 2022 campaign (its window long closed) most people and two units
registered, one person was registered late by the secretary with a reason, and the rest did not,
so their entries show as needing the council's decision; in this year's campaign, whose window
is open, one person has registered so far."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction

from campaigns.enums import ParticipantKind
from campaigns.models import Person, Unit
from registrations import services
from registrations.models import Registration

COMMITMENTS = {
    ParticipantKind.INDIVIDUAL: "Hoàn thành xuất sắc nhiệm vụ được giao; có ít nhất 01 sáng kiến, giải pháp CCHC (mẫu).",
    ParticipantKind.COLLECTIVE: "100% hồ sơ giải quyết đúng hạn; 100% văn bản đi ký số; không có đơn vị trực thuộc "
    "xếp loại CCHC trung bình (mẫu).",
}


def _register(campaign, *, by, moment, person=None, unit=None, **extra):
    """A sample registration through the service, dated at ``moment`` as if written then."""
    kind = ParticipantKind.INDIVIDUAL if person is not None else ParticipantKind.COLLECTIVE
    registration = services.register(
        campaign=campaign,
        by=by,
        person=person,
        unit=unit,
        award_forms=list(campaign.award_forms.filter(recipient_kind=kind).order_by("precedence")[:1]),
        commitments=COMMITMENTS[kind],
        moment=moment,
        **extra,
    )
    Registration.objects.filter(pk=registration.pk).update(registered_at=moment, updated_at=moment)


@transaction.atomic
def load_reference_registrations(*, campaign) -> int:
    """The 2022 registrations, written through the service at a moment inside the window and dated
    then. Two people of three register; the first two units do; one person is registered late."""
    if campaign.registrations.exists() or not campaign.requires_registration:
        return 0
    moment = campaign.registration_opens_at + timedelta(days=7)
    people = list(Person.objects.filter(is_sample=True, user__isnull=False).order_by("code"))
    units = Unit.objects.filter(is_sample=True, parent__isnull=False, head__user__isnull=False).order_by("order")
    missed = people[2::3]  # every third person did not register in time
    for person in people:
        if person not in missed:
            _register(campaign, by=person.user, person=person, moment=moment)
    for unit in units.select_related("head__user")[:2]:
        _register(campaign, by=unit.head.user, unit=unit, moment=moment)
    secretary = get_user_model().objects.filter(username="thuky").first()
    if missed and secretary is not None:  # the first of them, registered late on their behalf
        _register(
            campaign,
            by=secretary,
            person=missed[0],
            moment=campaign.registration_closes_at + timedelta(days=3),
            on_behalf=True,
            note="Đi công tác trong thời gian đăng ký; Thủ trưởng đơn vị đề nghị đăng ký bổ sung (mẫu).",
        )
    return campaign.registrations.count()


def load_current_registrations(*, campaign, moment) -> int:
    """This year's open window: one person (canbo1) has registered."""
    person = Person.objects.filter(code="mau-canbo1").select_related("user").first()
    if person is None or campaign.registrations.exists() or not campaign.registration_open_at(moment):
        return 0
    _register(campaign, by=person.user, person=person, moment=moment)
    return 1
