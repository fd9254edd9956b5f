"""The demo's ballot: the council met on the 2021 sample campaign's ready list a week after its
close, every member present; the secretary entered their paper ballots and closed the
ballot, and every nominee put to the vote passed, so the leader can still approve the list.

Written as it stood then (as ``awards.demo`` posts the list): the services open and close ballots
only from now on, so the moments are set back to the meeting's day afterwards."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from ballots import services
from ballots.models import Ballot
from ballots.queries import ballot_nominees, conflicted_nominees
from criteria.models import CouncilMember

PLACE = "Phòng họp Ban Dân tộc tỉnh Vĩnh Long (mẫu)"


def _tallies(ballot, seats) -> dict[int, tuple[int, int]]:
    """Every paper says "for" each nominee its member may vote on (a conflicted member's paper leaves
    that nominee blank)."""
    nominees = list(ballot_nominees(ballot.nominee_list_id))
    conflicted = conflicted_nominees(nominees, seats)
    return {n.pk: (sum(1 for seat in seats if n.pk not in conflicted[seat.pk]), 0) for n in nominees}


@transaction.atomic
def hold_earlier_ballot(*, nominee_list, secretary) -> Ballot | None:
    """The closed ballot of the ready list (none if no nominee of it needs a vote; an existing one stays)."""
    existing = Ballot.objects.filter(nominee_list=nominee_list).first()
    if existing is not None or not ballot_nominees(nominee_list).exists():
        return existing
    campaign = nominee_list.campaign
    meeting = timezone.localdate(campaign.closes_at) + timedelta(days=8)
    ballot = services.open_ballot(nominee_list=nominee_list, by=secretary, meeting_date=meeting, place=PLACE)
    seats = list(CouncilMember.objects.filter(campaign=campaign).select_related("person__unit").order_by("pk"))
    services.record_attendance(ballot=ballot, by=secretary, members=seats)
    services.enter_paper_ballots(ballot=ballot, by=secretary, members=seats, tallies=_tallies(ballot, seats))
    services.close_ballot(ballot=ballot, by=secretary)
    moment = timezone.make_aware(datetime.combine(meeting, time(9)))
    Ballot.objects.filter(pk=ballot.pk).update(opened_at=moment, closed_at=moment + timedelta(hours=2))
    return ballot
