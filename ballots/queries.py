"""Reads of ballots: the nominees put to the vote, who may vote on which, and the result."""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.conf import settings
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from awards.models import Nominee
from ballots.models import Ballot, Vote, Voter
from criteria.models import CouncilMember
from submissions.conflicts import conflicts_of


def ballot_nominees(nominee_list):
    """The nominees of the list whose award form requires the council's vote, in list order."""
    return (
        Nominee.objects.filter(nominee_list=nominee_list, award_form__requires_vote=True)
        .select_related("person__unit", "unit", "award_form")
        .order_by("position")
    )


def seat_of(user, campaign) -> CouncilMember | None:
    """The user's seat on the campaign's council, or None."""
    if not user.is_authenticated:
        return None
    return CouncilMember.objects.filter(campaign=campaign, person__user=user).select_related("person__unit").first()


def conflicted_nominees(nominees, seats) -> dict[int, set[int]]:
    """For each seat, the nominees it may not vote on: its conflicts of interest
    (``submissions.conflicts``: own unit, own person, declared conflicts)."""
    conflicts = conflicts_of(seats)
    found: dict[int, set[int]] = {}
    for seat in seats:
        mine = conflicts[seat.pk]
        found[seat.pk] = {
            n.pk
            for n in nominees
            if mine.reason(
                participant=n.participant_key,
                participant_unit_id=n.participant_unit_id,
                created_by_id=None,
                coauthor_ids=set(),
            )
        }
    return found


def quorum(council_size: int) -> int:
    """Members who must be present for the council to vote: ``settings.BALLOT_QUORUM`` (2/3 by
    default, the council's regulation; to be confirmed) of its members, rounded up."""
    share = Fraction(settings.BALLOT_QUORUM)
    return -(-council_size * share.numerator // share.denominator)


def present_count(ballot) -> int:
    return Voter.objects.filter(ballot=ballot).count()


@dataclass
class NomineeResult:
    nominee: Nominee
    votes_for: int
    votes_against: int
    abstained: int  # present members who voted but not on this nominee (conflicted, or a blank paper)
    share: Decimal  # votes for, in % of the council's members
    passes: bool


def results(ballot, nominees=None) -> list[NomineeResult]:
    """The count per nominee: for, against, abstained, the share of the council and whether it
    reaches the award form's threshold (``AwardForm.vote_threshold``, "từ … % trở lên")."""
    nominees = list(ballot_nominees(ballot.nominee_list_id) if nominees is None else nominees)
    counts = {
        row["nominee_id"]: row
        for row in Vote.objects.filter(ballot=ballot)
        .values("nominee_id")
        .annotate(yes=Count("pk", filter=Q(in_favour=True)), no=Count("pk", filter=Q(in_favour=False)))
    }
    voted = Voter.objects.filter(ballot=ballot, has_voted=True).count()
    size = ballot.council_size
    found = []
    for nominee in nominees:
        row = counts.get(nominee.pk, {"yes": 0, "no": 0})
        yes, no = row["yes"], row["no"]
        found.append(
            NomineeResult(
                nominee=nominee,
                votes_for=yes,
                votes_against=no,
                abstained=voted - yes - no,
                share=(Decimal(yes * 100) / size).quantize(Decimal("0.01")) if size else Decimal(0),
                passes=bool(size) and yes * 100 >= nominee.award_form.vote_threshold * size,
            )
        )
    return found


def closed_results(nominee_list) -> dict[int, NomineeResult]:
    """The closed ballot's result of each nominee of the list, by nominee id (empty without one)."""
    ballot = Ballot.objects.filter(nominee_list=nominee_list, closed_at__isnull=False).first()
    if ballot is None:
        return {}
    return {result.nominee.pk: result for result in results(ballot)}


def vote_problems(nominee_list) -> list[str]:
    """Approval's condition (``awards.services.approval.approval_checks``): every nominee of a form
    that requires a vote passed in the list's closed ballot."""
    nominees = list(ballot_nominees(nominee_list))
    if not nominees:
        return []
    passed = {pk for pk, result in closed_results(nominee_list).items() if result.passes}
    missing = [n for n in nominees if n.pk not in passed]
    if not missing:
        return []
    return [
        _("Còn %(n)d người được đề nghị chưa được Hội đồng bỏ phiếu kín thông qua (STT %(rows)s).")
        % {"n": len(missing), "rows": ", ".join(str(n.position) for n in missing)}
    ]
