"""Shared set-up for the award tests."""

import datetime
import os
import shutil
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import lxml.html
import pytest

from campaigns.enums import Role
from campaigns.models import Person
from config.celery import app as celery_app
from submissions.enums import EntryStatus
from submissions.services.scoring import assign_entry, record_scores
from tests.factories import (
    CampaignFactory,
    CouncilMemberFactory,
    CriterionFactory,
    EntryFactory,
    PersonFactory,
    ReformAreaFactory,
    UnitFactory,
)


def forget_queue(name):
    """Delete the test's queue and the table of the exchange of the same name that routed to it."""
    with celery_app.connection_for_write() as broker:
        channel = broker.default_channel
        channel.queue_delete(name)
        if broker.transport.driver_type == "filesystem":
            folder = celery_app.conf.broker_transport_options.get("control_folder", "control")
            (Path(folder) / f"{name}.exchange").unlink(missing_ok=True)
        elif broker.transport.driver_type == "redis":
            channel.client.delete(channel.keyprefix_queue % name, channel.keyprefix_binding_permanent % name)


# --- The ranking tests' set-up (fixtures prefixed ``ranking_``) ---------------------------------


def ranking_table(response) -> list[list[str]]:
    """The body rows of the page's first table as the reader sees them: each cell's text, spaces folded."""
    document = lxml.html.fromstring(response.content.decode())
    table = document.xpath("//table")[0]
    return [[" ".join(cell.text_content().split()) for cell in row.xpath("./td")] for row in table.xpath("./tbody/tr")]


class RankingWorld:
    """Plan 169/KH-BDT with two reform areas, two criteria (TC1 / 60, TC2 / 40), a secretary and a
    council of four, and a way to give a participant an entry with a known score.

    Scores go through the council's own services (``assign_entry`` then ``record_scores`` per
    member), so ``EntryResult`` is kept current exactly as in production. The quorum is 3.
    """

    VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

    def __init__(self, make_user):
        self.campaign = CampaignFactory(plan_number="169/KH-BDT", slug="169-kh-bdt-2022")
        self.agency = self.campaign.agency
        self.area1 = ReformAreaFactory(campaign=self.campaign, order=1, name="Cải cách thủ tục hành chính")
        self.area2 = ReformAreaFactory(campaign=self.campaign, order=2, name="Cải cách tổ chức bộ máy")
        self.tc1 = CriterionFactory(
            campaign=self.campaign, code="TC1", name="Tính mới, sáng tạo", order=1, max_points=Decimal(60)
        )
        self.tc2 = CriterionFactory(
            campaign=self.campaign, code="TC2", name="Hiệu quả áp dụng", order=2, max_points=Decimal(40)
        )
        self.secretary = make_user("ranking-thuky", Role.SECRETARY, full_name="Phạm Thư Ký")
        self.members = []
        for index, name in enumerate(["Lê Văn Ba", "Nguyễn Thị Hai", "Trần Văn Một", "Võ Thị Tư"], start=1):
            user = make_user(f"ranking-uyvien{index}", Role.COUNCIL_MEMBER, full_name=name)
            self.members.append(CouncilMemberFactory(campaign=self.campaign, person=user.person))

    def moment(self, month, day, hour=9):
        """A moment of 2022 on a clock in Vietnam."""
        return datetime.datetime(2022, month, day, hour, tzinfo=self.VIETNAM)

    def configure(self, **fields):
        for name, value in fields.items():
            setattr(self.campaign, name, value)
        self.campaign.save()
        return self.campaign

    def unit(self, name, *, parent=None, code=None):
        return UnitFactory(agency=self.agency, name=name, parent=parent, **({"code": code} if code else {}))

    def person(self, name, *, unit=None, code=None):
        unit = unit or self.unit(f"Đơn vị của {name}")
        return PersonFactory(full_name=name, unit=unit, **({"code": code} if code else {}))

    @staticmethod
    def split(total):
        """Points for TC1 and TC2 adding up to ``total`` (TC1 about 60 %, in steps of 0.5)."""
        total = Decimal(str(total))
        first = min(Decimal(60), (total * 12 / 10).to_integral_value(rounding=ROUND_FLOOR) / 2)
        return {"TC1": first, "TC2": total - first}

    def entry(self, participant, total=None, *, area=None, submitted_at=None, scored_by=3, assigned=0, sheets=None):
        """A submitted entry of ``participant`` (Person or Unit) scored ``total`` by ``scored_by`` members.

        ``sheets`` gives each member's own points instead: a list of {"TC1": x, "TC2": y}.
        ``assigned`` members get the entry (at least as many as score it).
        """
        is_person = isinstance(participant, Person)
        entry = EntryFactory(
            campaign=self.campaign,
            area=area or self.area1,
            person=participant if is_person else None,
            unit=None if is_person else participant,
            created_by=self.secretary,
            status=EntryStatus.SUBMITTED,
            submitted_at=submitted_at or self.moment(11, 1),
        )
        sheets = sheets if sheets is not None else [self.split(total)] * scored_by
        for index, member in enumerate(self.members[: max(assigned, len(sheets))]):
            assignment = assign_entry(entry=entry, member=member, by=self.secretary)
            if index < len(sheets):
                self.score(assignment, sheets[index])
        entry.refresh_from_db()
        return entry

    def score(self, assignment, sheet, comments=None):
        """The member's points (and comments) for TC1 and TC2, saved as the admin form saves them."""
        criteria = {"TC1": self.tc1, "TC2": self.tc2}
        return record_scores(
            assignment=assignment,
            by=assignment.member.person.user,
            points={criteria[code].pk: Decimal(str(value)) for code, value in sheet.items()},
            comments={criteria[code].pk: text for code, text in (comments or {}).items()},
        )


@pytest.fixture
def ranking_world(db, make_user):
    return RankingWorld(make_user)


@pytest.fixture
def ranking_leader(make_user):
    return make_user("lanhdao", Role.LEADER, full_name="Lãnh Đạo Ban")


@pytest.fixture
def ranking_leader_client(client, ranking_leader):
    client.force_login(ranking_leader)
    return client


# --- The closing tests' set-up (names prefixed ``closing_`` / ``Closing``) -----------------------


class ClosingWorld:
    """Plan 169/KH-BDT, open until 31/12/2022 23:59:59 Vietnam time, kept simple enough to check by hand.

    One criterion worth the whole 100 points, a quorum of one and a single council member: a
    participant with one entry has exactly the points that member gives it. Every entry is
    submitted at the same moment, so equal scores share a rank (rule 6). Scores go through the
    council's services (``assign_entry``, ``record_scores``), as the admin scoring form saves them.
    """

    VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
    SUBMITTED_AT = datetime.datetime(2022, 12, 1, 9, 0, tzinfo=VIETNAM)

    def __init__(self, make_user):
        self.campaign = CampaignFactory(
            plan_number="169/KH-BDT",
            slug="169-kh-bdt-2022",
            quorum=1,
            posting_days=5,
            signer="Nguyễn Văn Trưởng",
        )
        self.agency = self.campaign.agency
        self.agency.header_name = "Ban Dân tộc"
        self.agency.save(update_fields=["header_name"])
        self.area = ReformAreaFactory(campaign=self.campaign, order=1, name="Cải cách thủ tục hành chính")
        self.criterion = CriterionFactory(
            campaign=self.campaign, code="TC1", name="Hiệu quả", order=1, max_points=Decimal(100)
        )
        self.secretary = self._user(make_user, "thuky", Role.SECRETARY, "Phạm Thư Ký")
        self.leader = self._user(make_user, "lanhdao", Role.LEADER, "Lê Lãnh Đạo")
        self.staff = self._user(make_user, "canbo1", Role.STAFF, "Nguyễn Văn An")
        self.member_user = self._user(make_user, "uyvien", Role.COUNCIL_MEMBER, "Trần Ủy Viên")
        self.member = CouncilMemberFactory(campaign=self.campaign, person=self.member_user.person)
        self.assignments = {}

    @staticmethod
    def _user(make_user, username, role, full_name):
        user = make_user(username, role, full_name=full_name)
        user.first_name, user.last_name = full_name, ""
        user.save(update_fields=["first_name", "last_name"])
        return user

    def form(self, name, *, kind="individual", precedence=1, min_score=0, quota_count=None, quota_percent=None):
        from tests.factories import AwardFormFactory

        return AwardFormFactory(
            campaign=self.campaign,
            name=name,
            recipient_kind=kind,
            precedence=precedence,
            min_score=Decimal(str(min_score)),
            quota_count=quota_count,
            quota_percent=None if quota_percent is None else Decimal(str(quota_percent)),
        )

    def person(self, full_name, *, position="Chuyên viên"):
        unit = UnitFactory(agency=self.agency, name=f"Phòng của {full_name}")
        return PersonFactory(full_name=full_name, position=position, unit=unit)

    def unit(self, name):
        return UnitFactory(agency=self.agency, name=name)

    def enter(self, participant, points, *, title=None):
        """A submitted entry of ``participant`` (Person or Unit) that the member scores ``points``."""
        is_person = isinstance(participant, Person)
        entry = EntryFactory(
            campaign=self.campaign,
            area=self.area,
            person=participant if is_person else None,
            unit=None if is_person else participant,
            title=title or f"Sáng kiến của {participant}",
            created_by=self.secretary,
            status=EntryStatus.SUBMITTED,
            submitted_at=self.SUBMITTED_AT,
        )
        self.assignments[entry.pk] = assign_entry(entry=entry, member=self.member, by=self.secretary)
        self.rescore(entry, points)
        return entry

    def rescore(self, entry, points):
        """The member (re)scores an entry, through the same service as the admin scoring form."""
        return record_scores(
            assignment=self.assignments[entry.pk],
            by=self.member_user,
            points={self.criterion.pk: Decimal(str(points))},
        )

    def ranked(self, names_and_points):
        """People with one scored entry each, in the order given: {name: person}."""
        people = {}
        for name, points in names_and_points:
            people[name] = self.person(name)
            self.enter(people[name], points)
        return people


@pytest.fixture
def closing_world(db, make_user):
    return ClosingWorld(make_user)


def require_print_tools(*, package: str, writer: bool = False) -> None:
    """LibreOffice (with Writer when ``writer``) and poppler's pdftotext, for the print checks:
    skipped without them, except under ``EXPECT_SERVICES=1`` (CI), where their absence fails."""
    missing = [name for name in ("soffice", "pdftotext") if shutil.which(name) is None]
    if writer and not missing and not Path("/usr/lib/libreoffice/program/libswlo.so").exists():
        missing.append("LibreOffice Writer")
    if missing:
        message = f"{', '.join(missing)} not installed: apt-get install -y {package} poppler-utils"
        if os.environ.get("EXPECT_SERVICES"):
            pytest.fail(message)
        pytest.skip(message)
