"""The council's secret ballot (issue 17, item 6): attendance and quorum, one vote per present
member, conflicts, paper ballots, the close, and the result against the form's threshold."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ballots import services
from ballots.models import Vote, Voter
from ballots.queries import ballot_nominees, results
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TWICE = "Bạn đã bỏ phiếu; mỗi thành viên chỉ bỏ phiếu một lần."
CLOSED = "Phiên bỏ phiếu đã kết thúc; không nhận thêm phiếu hay thay đổi."
NOT_A_MEMBER = "Bạn không phải thành viên Hội đồng của phong trào này nên không được bỏ phiếu."
CONFLICTED = "Bạn có xung đột lợi ích với người được đề nghị nên không bỏ phiếu cho họ."


def refusal(call, error=ValidationError) -> list[str]:
    with pytest.raises(error) as refused:
        call()
    return getattr(refused.value, "messages", None) or [str(refused.value)]


def counts(ballot) -> list[tuple]:
    return [(r.nominee.person.full_name, r.votes_for, r.votes_against, r.abstained, r.passes) for r in results(ballot)]


def test_the_ballot_holds_the_nominees_of_forms_that_require_a_vote(ballot_world):
    ballot = ballot_world.open()

    assert list(ballot_nominees(ballot.nominee_list)) == [ballot_world.an, ballot_world.binh]
    assert (ballot.council_size, Voter.objects.filter(ballot=ballot).count()) == (3, 3)


def test_a_member_votes_once_and_a_second_vote_is_refused(ballot_world):
    ballot = ballot_world.open()
    ballot_world.vote(ballot, 1, an=True, binh=False)

    assert refusal(lambda: ballot_world.vote(ballot, 1, an=True, binh=True)) == [TWICE]
    assert Vote.objects.filter(ballot=ballot).count() == 2


def test_a_vote_after_the_close_is_refused_and_the_ballot_closes_once(ballot_world):
    ballot = ballot_world.open()
    ballot_world.vote(ballot, 1, an=True, binh=True)
    ballot_world.vote(ballot, 2, an=True, binh=True)
    services.close_ballot(ballot=ballot, by=ballot_world.secretary)

    assert refusal(lambda: ballot_world.vote(ballot, 3, an=True)) == [CLOSED]
    assert refusal(lambda: services.close_ballot(ballot=ballot, by=ballot_world.secretary)) == [CLOSED]


def test_a_vote_by_someone_not_on_the_council_is_refused(ballot_world):
    ballot = ballot_world.open()
    outsider = UserFactory(username="canbo")

    assert refusal(
        lambda: services.cast_vote(ballot=ballot, by=outsider, choices={ballot_world.an.pk: True}), PermissionDenied
    ) == [NOT_A_MEMBER]
    assert Vote.objects.count() == 0


def test_a_member_conflicted_on_a_nominee_does_not_vote_on_them_and_counts_as_abstaining(ballot_world):
    ballot = ballot_world.open()  # member 3 works in Bình's unit

    assert refusal(lambda: ballot_world.vote(ballot, 3, an=True, binh=True)) == [CONFLICTED]
    ballot_world.vote(ballot, 3, an=True)
    ballot_world.vote(ballot, 1, an=True, binh=True)
    services.close_ballot(ballot=ballot, by=ballot_world.secretary)

    assert counts(ballot) == [("An", 2, 0, 0, False), ("Bình", 1, 0, 1, False)]


def test_nobody_votes_and_the_ballot_does_not_close_until_a_quorum_is_present(ballot_world):
    ballot = ballot_world.open(present=ballot_world.seats[:1])  # 1 of 3 present; 2/3 of 3 is 2
    short = "Chưa đủ số thành viên có mặt để bỏ phiếu: có mặt 1, cần ít nhất 2/3."

    assert refusal(lambda: ballot_world.vote(ballot, 1, an=True, binh=True)) == [short]
    assert refusal(lambda: services.close_ballot(ballot=ballot, by=ballot_world.secretary)) == [short]
    services.record_attendance(ballot=ballot, by=ballot_world.secretary, members=ballot_world.seats[:2])
    ballot_world.vote(ballot, 1, an=True, binh=True)  # a quorum now


def test_the_quorum_is_a_setting(ballot_world, settings):
    settings.BALLOT_QUORUM = "1/3"
    ballot = ballot_world.open(present=ballot_world.seats[:1])

    ballot_world.vote(ballot, 1, an=True, binh=True)

    assert Voter.objects.get(ballot=ballot).has_voted


def test_a_member_not_marked_present_cannot_vote(ballot_world):
    ballot = ballot_world.open(present=ballot_world.seats[:2])

    assert refusal(lambda: ballot_world.vote(ballot, 3, an=True)) == [
        "Bạn chưa được thư ký ghi tên có mặt tại cuộc họp nên chưa bỏ phiếu được."
    ]


@pytest.mark.parametrize(("votes_for", "passes"), [(7, True), (6, False)])
def test_a_nominee_passes_with_exactly_the_threshold_share_of_the_council(make_ballot_world, votes_for, passes):
    """A council of 10 and a threshold of 70 %: 7 votes for pass (exactly 70 %), 6 do not."""
    world = make_ballot_world(members=10, threshold=70)
    ballot = world.open()
    for index in range(1, 11):
        if index != 10:  # member 10 is conflicted on Bình, in whose unit they work
            world.vote(ballot, index, an=index <= votes_for, binh=True)
    services.close_ballot(ballot=ballot, by=world.secretary)

    an = results(ballot)[0]
    assert (an.votes_for, an.share, an.passes) == (votes_for, Decimal(votes_for * 10), passes)


def test_the_secretary_enters_paper_ballots_anonymously_and_their_members_cannot_vote_again(ballot_world):
    ballot = ballot_world.open()
    paper = ballot_world.seats[1:]  # members 2 and 3 vote on paper; 3 is conflicted on Bình
    too_many = "STT 2: 2 phiếu đồng ý và không đồng ý vượt quá 1 phiếu giấy của thành viên được bỏ phiếu cho người này."
    an, binh = ballot_world.an.pk, ballot_world.binh.pk

    assert refusal(
        lambda: services.enter_paper_ballots(
            ballot=ballot, by=ballot_world.secretary, members=paper, tallies={an: (2, 0), binh: (1, 1)}
        )
    ) == [too_many]
    services.enter_paper_ballots(
        ballot=ballot, by=ballot_world.secretary, members=paper, tallies={an: (1, 1), binh: (1, 0)}
    )
    ballot_world.vote(ballot, 1, an=True, binh=True)

    assert refusal(lambda: ballot_world.vote(ballot, 2, an=True, binh=True)) == [TWICE]
    assert refusal(
        lambda: services.enter_paper_ballots(
            ballot=ballot, by=ballot_world.secretary, members=paper[:1], tallies={an: (1, 0)}
        )
    ) == ["Chỉ chọn thành viên có mặt và chưa bỏ phiếu; mỗi thành viên chỉ bỏ phiếu một lần."]
    services.close_ballot(ballot=ballot, by=ballot_world.secretary)
    assert counts(ballot) == [("An", 2, 1, 0, False), ("Bình", 2, 0, 1, False)]
    assert sorted(Voter.objects.filter(ballot=ballot).values_list("on_paper", flat=True)) == [False, True, True]


def test_only_the_secretary_runs_a_ballot(ballot_world):
    ballot = ballot_world.open()

    assert refusal(lambda: services.close_ballot(ballot=ballot, by=ballot_world.users[0]), PermissionDenied) == [
        "Chỉ thư ký Hội đồng điều hành phiên bỏ phiếu."
    ]
