"""A closed campaign whose draft list puts two people to the council's vote (Bình belongs to the
third member's unit, so that member is conflicted on Bình), and a third nominee of a form that
needs no vote."""

from datetime import date
from decimal import Decimal

import pytest

from awards.models import Nominee, NomineeList
from ballots import services
from campaigns.enums import CampaignStatus, ParticipantKind, Role
from tests.factories import AwardFormFactory, CampaignFactory, CouncilMemberFactory, PersonFactory, UnitFactory


class BallotWorld:
    def __init__(self, make_user, *, members=3, threshold=70):
        self.campaign = CampaignFactory(status=CampaignStatus.CLOSED)
        agency = self.campaign.agency
        self.secretary = make_user("thuky", Role.SECRETARY, unit=UnitFactory(agency=agency))
        self.seats, self.users = [], []
        for index in range(1, members + 1):
            user = make_user(f"uyvien{index}", Role.COUNCIL_MEMBER, unit=UnitFactory(agency=agency))
            self.users.append(user)
            self.seats.append(CouncilMemberFactory(campaign=self.campaign, person=user.person))
        voted = AwardFormFactory(
            campaign=self.campaign,
            name="Bằng khen của Chủ tịch UBND tỉnh (đề nghị)",
            recipient_kind=ParticipantKind.INDIVIDUAL,
            requires_vote=True,
            vote_threshold=Decimal(threshold),
        )
        plain = AwardFormFactory(
            campaign=self.campaign, recipient_kind=ParticipantKind.INDIVIDUAL, precedence=2, requires_vote=False
        )
        self.nominee_list = NomineeList.objects.create(
            campaign=self.campaign, version=1, fingerprint="0" * 64, compiled_by="test"
        )
        people = [
            ("An", voted, UnitFactory(agency=agency)),
            ("Bình", voted, self.users[-1].person.unit),
            ("Chi", plain, UnitFactory(agency=agency)),
        ]
        self.an, self.binh, self.chi = (
            Nominee.objects.create(
                nominee_list=self.nominee_list,
                person=PersonFactory(full_name=name, unit=unit),
                kind=ParticipantKind.INDIVIDUAL,
                award_form=form,
                position=position,
                rank=position,
                score=Decimal(90 - position),
                summary="",
            )
            for position, (name, form, unit) in enumerate(people, start=1)
        )

    def open(self, *, present=None):
        ballot = services.open_ballot(
            nominee_list=self.nominee_list, by=self.secretary, meeting_date=date(2023, 1, 5), place="Phòng họp số 1"
        )
        seats = self.seats if present is None else present
        services.record_attendance(ballot=ballot, by=self.secretary, members=seats)
        return ballot

    def vote(self, ballot, index, **choices):
        """Member ``index`` (from 1) votes: ``an=True, binh=False`` (``chi`` when her form asks for a vote)."""
        by_name = {"an": self.an, "binh": self.binh, "chi": self.chi}
        services.cast_vote(
            ballot=ballot, by=self.users[index - 1], choices={by_name[k].pk: v for k, v in choices.items()}
        )


@pytest.fixture
def ballot_world(db, make_user):
    return BallotWorld(make_user)


@pytest.fixture
def make_ballot_world(db, make_user):
    return lambda **options: BallotWorld(make_user, **options)
