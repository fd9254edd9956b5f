"""Writes to the award register: an approved list's awards entered once, and recognised initiatives."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.enums import ListStatus, TieDecision
from awards.models import NomineeList
from awards.validators import decision_number as clean_decision_number
from honours.enums import InitiativeScope, RegisterSource
from honours.models import RecognisedInitiative, RegisterEntry
from submissions.enums import EntryKind, EntryStatus

# The entry kinds that can be recognised as a sáng kiến (Decree 98/2023/NĐ-CP: an initiative or a
# solution applied in the work; article to be confirmed).
RECOGNISABLE_KINDS = (EntryKind.INITIATIVE, EntryKind.SOLUTION)


@transaction.atomic
def enter_approved_list(*, nominee_list: NomineeList) -> int:
    """Enter every award of an approved list in the register (a row dropped by the council's tie
    decision is no award); returns how many rows were added. Idempotent: a nominee enters once
    (``honours_registerentry_nominee_once``), so approving again or re-running adds nothing.

    The year is the campaign's, the year of its closing moment in Vietnam time (a 2022 campaign
    approved in January 2023 gives awards for 2022)."""
    nominee_list = NomineeList.objects.select_related("campaign__agency").get(pk=nominee_list.pk)
    if nominee_list.status != ListStatus.APPROVED:
        raise ValidationError(_("Chỉ danh sách đã phê duyệt mới được ghi vào sổ khen thưởng."))
    campaign = nominee_list.campaign
    year = timezone.localtime(campaign.closes_at).year
    authority = f"{nominee_list.signer_title} {campaign.agency.name}".strip()
    nominees = nominee_list.nominees.exclude(decision=TieDecision.DROP).select_related("award_form")
    rows = [
        RegisterEntry(
            person_id=nominee.person_id,
            unit_id=nominee.unit_id,
            year=year,
            title=nominee.award_form.name,
            award_form=nominee.award_form,
            kind=nominee.award_form.kind,
            deciding_level=nominee.award_form.deciding_level,
            decision_number=nominee_list.decision_number,
            decision_date=nominee_list.decision_date,
            authority=authority,
            source=RegisterSource.CAMPAIGN,
            nominee=nominee,
        )
        for nominee in nominees
    ]
    before = RegisterEntry.objects.filter(nominee__nominee_list=nominee_list).count()
    RegisterEntry.objects.bulk_create(rows, ignore_conflicts=True)
    return RegisterEntry.objects.filter(nominee__nominee_list=nominee_list).count() - before


def check_recognition(*, entry, scope: str, decision_number: str, decision_date, today=None) -> str:
    """The refusals of a recognition, by field; returns the decision number as stored."""
    errors = {}
    if entry.kind not in RECOGNISABLE_KINDS:
        errors["entry"] = _("Chỉ sáng kiến hoặc giải pháp mới được công nhận là sáng kiến (bài này là “%(kind)s”).") % {
            "kind": entry.get_kind_display()
        }
    elif entry.status in (EntryStatus.DRAFT, EntryStatus.WITHDRAWN):
        errors["entry"] = _("Bài nháp hoặc đã rút không được công nhận.")
    elif RecognisedInitiative.objects.filter(entry=entry).exists():
        errors["entry"] = _("Bài này đã được công nhận là sáng kiến.")
    if scope not in InitiativeScope.values:
        errors["scope"] = _("Chọn phạm vi công nhận.")
    try:
        decision_number = clean_decision_number(decision_number)
    except ValidationError as error:
        errors["decision_number"] = error.messages
    if decision_date is None:
        errors["decision_date"] = _("Hãy nhập ngày quyết định (dd/mm/yyyy).")
    elif decision_date > (today or timezone.localdate()):
        errors["decision_date"] = _("Ngày quyết định không được sau hôm nay.")
    if errors:
        raise ValidationError(errors)
    return decision_number


@transaction.atomic
def recognise_initiative(
    *, entry, by, scope: str, decision_number: str, decision_date, authority: str = ""
) -> RecognisedInitiative:
    """Record that the council recognised an initiative or solution as a sáng kiến, with its scope
    and the recognising decision. Refused for an entry of another kind, a draft or withdrawn entry,
    or one already recognised. Side effects: none beyond the row."""
    number = check_recognition(entry=entry, scope=scope, decision_number=decision_number, decision_date=decision_date)
    return RecognisedInitiative.objects.create(
        entry=entry,
        scope=scope,
        decision_number=number,
        decision_date=decision_date,
        authority=(authority or "").strip(),
        recognised_by=by,
    )
