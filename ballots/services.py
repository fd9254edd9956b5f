"""Writes of the council's secret ballot: open it, record who is present, take each member's vote
(on their own screen) or the secretary's count of paper ballots, close it once.

A member's votes and the mark that they voted are written in one transaction under the ballot's
row lock, so a vote counts once and never after the close; the votes carry no member
(``models``: secrecy)."""

import random

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.enums import ListStatus
from ballots.models import Ballot, Vote, Voter
from ballots.permissions import runs_ballots
from ballots.queries import ballot_nominees, conflicted_nominees, present_count, quorum, seat_of
from criteria.models import CouncilMember

_shuffle = random.SystemRandom().shuffle


def _ensure_runs(by) -> None:
    if not runs_ballots(by):
        raise PermissionDenied(_("Chỉ thư ký Hội đồng điều hành phiên bỏ phiếu."))


def _locked_open(ballot) -> Ballot:
    """The ballot's row, locked until the transaction ends; refused once closed."""
    ballot = Ballot.objects.select_for_update().select_related("nominee_list").get(pk=ballot.pk)
    if ballot.is_closed:
        raise ValidationError(_("Phiên bỏ phiếu đã kết thúc; không nhận thêm phiếu hay thay đổi."))
    return ballot


def _ensure_quorum(ballot) -> None:
    needed, present = quorum(ballot.council_size), present_count(ballot)
    if present < needed:
        raise ValidationError(
            _("Chưa đủ số thành viên có mặt để bỏ phiếu: có mặt %(present)d, cần ít nhất %(needed)d/%(size)d.")
            % {"present": present, "needed": needed, "size": ballot.council_size}
        )


def _add_votes(ballot, votes: list[tuple[int, bool]]) -> None:
    """Insert (nominee id, in favour) votes in shuffled order, under random keys."""
    rows = [Vote(ballot=ballot, nominee_id=nominee_id, in_favour=yes) for nominee_id, yes in votes]
    _shuffle(rows)
    Vote.objects.bulk_create(rows)


def open_ballot(*, nominee_list, by, meeting_date, place: str) -> Ballot:
    """The secretary opens the council's ballot on a draft or posted list, for a meeting; the
    nominees are those of forms that require a vote. No mail is sent."""
    _ensure_runs(by)
    place = (place or "").strip()
    errors = {}
    if meeting_date is None:
        errors["meeting_date"] = _("Hãy nhập ngày họp (dd/mm/yyyy).")
    if not place:
        errors["place"] = _("Hãy nhập địa điểm họp.")
    if errors:
        raise ValidationError(errors)
    if nominee_list.status not in (ListStatus.DRAFT, ListStatus.PUBLISHED):
        raise ValidationError(_("Chỉ bỏ phiếu trên danh sách dự thảo hoặc đang công khai."))
    if not ballot_nominees(nominee_list).exists():
        raise ValidationError(_("Danh sách không có ai thuộc hình thức khen thưởng cần Hội đồng bỏ phiếu kín."))
    if Ballot.objects.filter(nominee_list=nominee_list).exists():
        raise ValidationError(_("Danh sách này đã có phiên bỏ phiếu."))
    size = CouncilMember.objects.filter(campaign_id=nominee_list.campaign_id).count()
    if not size:
        raise ValidationError(_("Phong trào chưa có thành viên Hội đồng."))
    return Ballot.objects.create(
        nominee_list=nominee_list, meeting_date=meeting_date, place=place, council_size=size, opened_by=by
    )


@transaction.atomic
def record_attendance(*, ballot, by, members) -> None:
    """The members present at the meeting: those added become voters, those removed (only if they
    have not voted) no longer are."""
    _ensure_runs(by)
    ballot = _locked_open(ballot)
    wanted = {m.pk for m in members}
    council = set(
        CouncilMember.objects.filter(campaign_id=ballot.nominee_list.campaign_id).values_list("pk", flat=True)
    )
    if not wanted <= council:
        raise ValidationError(_("Chỉ ghi có mặt thành viên Hội đồng của phong trào."))
    present = dict(Voter.objects.filter(ballot=ballot).values_list("member_id", "has_voted"))
    if any(voted for member_id, voted in present.items() if member_id not in wanted):
        raise ValidationError(_("Không bỏ tên thành viên đã bỏ phiếu khỏi danh sách có mặt."))
    Voter.objects.filter(ballot=ballot).exclude(member_id__in=wanted).delete()
    Voter.objects.bulk_create(Voter(ballot=ballot, member_id=pk) for pk in sorted(wanted - present.keys()))


def _mark_voted(ballot, member_ids: set[int], *, on_paper: bool) -> int:
    """The conditional update that lets each present member vote once: how many were marked."""
    return Voter.objects.filter(ballot=ballot, member_id__in=member_ids, has_voted=False).update(
        has_voted=True, on_paper=on_paper
    )


@transaction.atomic
def cast_vote(*, ballot, by, choices: dict[int, bool]) -> None:
    """A present member's ballot on their own screen: for (True) or against (False) each nominee
    they are not conflicted on, all at once, once."""
    ballot = _locked_open(ballot)
    seat = seat_of(by, ballot.nominee_list.campaign_id)
    if seat is None:
        raise PermissionDenied(_("Bạn không phải thành viên Hội đồng của phong trào này nên không được bỏ phiếu."))
    voter = Voter.objects.filter(ballot=ballot, member=seat).first()
    if voter is None:
        raise ValidationError(_("Bạn chưa được thư ký ghi tên có mặt tại cuộc họp nên chưa bỏ phiếu được."))
    if voter.has_voted:
        raise ValidationError(_("Bạn đã bỏ phiếu; mỗi thành viên chỉ bỏ phiếu một lần."))
    _ensure_quorum(ballot)
    nominees = list(ballot_nominees(ballot.nominee_list_id))
    conflicted = conflicted_nominees(nominees, [seat])[seat.pk]
    if conflicted & choices.keys():
        raise ValidationError(_("Bạn có xung đột lợi ích với người được đề nghị nên không bỏ phiếu cho họ."))
    allowed = {n.pk for n in nominees} - conflicted
    if set(choices) != allowed:
        raise ValidationError(_("Hãy chọn đồng ý hoặc không đồng ý cho từng người trên phiếu."))
    if _mark_voted(ballot, {seat.pk}, on_paper=False) != 1:
        raise ValidationError(_("Bạn đã bỏ phiếu; mỗi thành viên chỉ bỏ phiếu một lần."))
    _add_votes(ballot, [(pk, bool(yes)) for pk, yes in choices.items()])


@transaction.atomic
def enter_paper_ballots(*, ballot, by, members, tallies: dict[int, tuple[int, int]]) -> None:
    """The secretary enters the paper ballots of ``members`` (present, not yet voted), counted per
    nominee as (for, against); each paper is anonymous, so only the counts are kept, and those
    members are marked as having voted on paper. A nominee gets at most as many votes as papers
    whose member is not conflicted on them; the rest abstained."""
    _ensure_runs(by)
    ballot = _locked_open(ballot)
    seats = list(CouncilMember.objects.filter(pk__in=[m.pk for m in members]).select_related("person__unit"))
    if not seats:
        raise ValidationError({"members": _("Hãy chọn các thành viên đã bỏ phiếu giấy.")})
    _ensure_quorum(ballot)
    nominees = list(ballot_nominees(ballot.nominee_list_id))
    conflicted = conflicted_nominees(nominees, seats)
    votes = []
    for nominee in nominees:
        yes, no = tallies.get(nominee.pk, (0, 0))
        allowed = sum(1 for seat in seats if nominee.pk not in conflicted[seat.pk])
        if yes < 0 or no < 0 or yes + no > allowed:
            raise ValidationError(
                _(
                    "STT %(position)d: %(count)d phiếu đồng ý và không đồng ý vượt quá %(allowed)d phiếu giấy "
                    "của thành viên được bỏ phiếu cho người này."
                )
                % {"position": nominee.position, "count": yes + no, "allowed": allowed}
            )
        votes += [(nominee.pk, True)] * yes + [(nominee.pk, False)] * no
    if _mark_voted(ballot, {seat.pk for seat in seats}, on_paper=True) != len(seats):
        raise ValidationError(
            {"members": _("Chỉ chọn thành viên có mặt và chưa bỏ phiếu; mỗi thành viên chỉ bỏ phiếu một lần.")}
        )
    _add_votes(ballot, votes)


@transaction.atomic
def close_ballot(*, ballot, by) -> Ballot:
    """Close the ballot exactly once (a conditional update under the row lock); the result stands
    from then on and no vote is accepted."""
    _ensure_runs(by)
    ballot = _locked_open(ballot)
    _ensure_quorum(ballot)
    now = timezone.now()
    if not Ballot.objects.filter(pk=ballot.pk, closed_at__isnull=True).update(closed_at=now):
        raise ValidationError(_("Phiên bỏ phiếu đã kết thúc."))
    ballot.closed_at = now
    return ballot
