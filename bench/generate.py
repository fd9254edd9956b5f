"""A deterministic province-scale data set: ``python -m bench.generate --scale 1``.

At scale 1: 300 units in a three-level tree, 20,000 people, 10,000 entries (a quarter of them
collective) across the 10 reform areas, a council of 15 with each entry scored by 5 members on
5 criteria (250,000 scores, each with its history line), the entrants' own scores, the entry
results aggregated as ``refresh_entry_result`` does, the award forms, and the nominee list
compiled at the close. ``--scale`` multiplies units, people and entries; the council stays 15.

The campaign is closed. The database must hold nothing but benchmark data: a previous data set
is wiped and rebuilt, anything else is refused. People, entries and everything scored on them go
in through ``bench.rows`` (COPY on PostgreSQL, each foreign key checked once by a query rather
than row by row), so ten times the province (2,500,000 scores) is built in minutes.
"""

import argparse
import random
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from awards.services.compilation import SYSTEM, compile_nominees
from bench.rows import Table, foreign_keys_checked_once
from campaigns.demo import sample_name
from campaigns.enums import CampaignStatus, Role
from campaigns.models import Agency, Campaign, Person, ReformArea, Unit
from campaigns.services import set_roles
from criteria.demo import AREAS, add_sample_rubric
from criteria.enums import CouncilRole
from criteria.models import CouncilMember
from criteria.services import check_saved_criteria_set
from submissions.aggregation import aggregate
from submissions.demo import TITLES
from submissions.enums import EntryKind, EntryStatus
from submissions.models import CODE_ALPHABET, Assignment, Entry, EntryResult, Score, ScoreChange, SelfScore
from submissions.services.scoring import refresh_entry_result

SEED = 20221231
AGENCY_CODE = "bench"
CAMPAIGN_SLUG = "bench-tinh"
USER_PREFIX = "bench-"
SECRETARY = "bench-secretary"
LEADERS = [f"bench-leader{i}" for i in range(1, 5)]
MEMBERS = [f"bench-member{i:02d}" for i in range(1, 16)]
PASSWORD = "bench-password"  # the load test signs the leaders in with it
MEMBERS_PER_ENTRY = 5
COLLECTIVE_SHARE = 0.25
COMPETING_SHARE = 0.3  # the people who enter individually, each with one or more entries
COMMENTED_SHARE = 0.05  # scores that carry a member's comment
BATCH = 5000  # rows per INSERT
ENTRY_CHUNK = 2000  # entries built (with their scores) at a time, so memory stays flat at any scale


@dataclass(frozen=True)
class Sizes:
    units: int
    people: int
    entries: int

    @classmethod
    def at(cls, scale: float) -> "Sizes":
        return cls(
            units=max(round(300 * scale), 4),
            people=max(round(20_000 * scale), 40),
            entries=max(round(10_000 * scale), 20),
        )


def _aware(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _on_grid(value: Decimal, step: Decimal, maximum: Decimal) -> Decimal:
    """``value`` within [0, maximum], rounded to the campaign's score step."""
    value = min(max(value, Decimal(0)), maximum)
    return (value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


class Log:
    """Prints each step with the seconds it took."""

    def __init__(self):
        self.start = self.last = time.perf_counter()

    def step(self, text: str) -> None:
        now = time.perf_counter()
        print(f"  {now - self.last:7.1f} s  {text}", flush=True)
        self.last = now

    def total(self) -> float:
        return time.perf_counter() - self.start


# --- Guarding and wiping -------------------------------------------------------------------


def refuse_foreign_data() -> None:
    """Stop unless the database is empty or holds only a previous benchmark data set."""
    foreign_agencies = Agency.objects.exclude(code=AGENCY_CODE).count()
    foreign_users = get_user_model().objects.exclude(username__startswith=USER_PREFIX).count()
    if foreign_agencies or foreign_users:
        raise SystemExit(
            f"Refused: this database holds data that is not the benchmark's ({foreign_agencies} agencies, "
            f"{foreign_users} users). Run the benchmarks on a database of their own, e.g.\n"
            "  createdb -h 127.0.0.1 -U postgres thidua_bench\n"
            "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_bench make bench"
        )


def wipe() -> None:
    """Empty every table of the four apps (restarting their ids) and delete the benchmark's users."""
    tables = [
        model._meta.db_table
        for label in ("campaigns", "criteria", "submissions", "awards")
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ]
    statements = connection.ops.sql_flush(no_style(), tables, reset_sequences=True, allow_cascade=True)
    connection.ops.execute_sql_flush(statements)
    get_user_model().objects.filter(username__startswith=USER_PREFIX).delete()


# --- Organisation ----------------------------------------------------------------------------


def create_units(agency: Agency, count: int) -> list[Unit]:
    """A province: one root, about one unit in fifteen below it, the rest one level further down.

    The last unit (a leaf) is the council's office, whose people never compete.
    """
    root = Unit.objects.create(agency=agency, code="tinh", name="UBND tỉnh (benchmark)")
    departments = Unit.objects.bulk_create(
        Unit(agency=agency, parent=root, code=f"so-{k:03d}", name=f"Sở, ngành, huyện số {k}", order=k)
        for k in range(1, max(round((count - 1) / 15), 1) + 1)
    )
    offices = [
        Unit(
            agency=agency,
            parent=departments[i % len(departments)],
            code=f"phong-{i:05d}",
            name=f"Phòng {i} thuộc {departments[i % len(departments)].name}",
            order=i,
        )
        for i in range(count - 1 - len(departments))
    ]
    offices[-1].name = "Văn phòng Hội đồng Thi đua - Khen thưởng (benchmark)"
    Unit.objects.bulk_create(offices, batch_size=BATCH)
    return [root, *departments, *offices]


def create_accounts(*, root: Unit, council_office: Unit) -> dict[str, Person]:
    """The secretary, the leaders and the council members: login accounts with their roles and person."""
    User = get_user_model()
    roles = {SECRETARY: {Role.SECRETARY, Role.STAFF}}
    roles |= {name: {Role.LEADER, Role.STAFF} for name in LEADERS}
    roles |= {name: {Role.COUNCIL_MEMBER, Role.STAFF} for name in MEMBERS}
    password = make_password(PASSWORD)
    users = User.objects.bulk_create(
        User(username=name, password=password, first_name=sample_name(1000 + i), email=f"{name}@example.invalid")
        for i, name in enumerate(roles)
    )
    for user in users:
        set_roles(user=user, roles=roles[user.username])
    people = Person.objects.bulk_create(
        Person(
            code=user.username,
            full_name=user.first_name,
            position="Ủy viên Hội đồng" if user.username in MEMBERS else "Lãnh đạo",
            unit=council_office if user.username in MEMBERS else root,
            user=user,
        )
        for user in users
    )
    return {person.code: person for person in people}


def create_people(units: list[Unit], count: int, now: datetime) -> list[dict]:
    """Civil servants of every unit but the root and the council's office, as rows with their ids."""
    staffed = units[1:-1]
    people = [
        {
            "code": f"cb-{i:06d}",
            "full_name": sample_name(i),
            "position": "Chuyên viên",
            "unit_id": staffed[i % len(staffed)].pk,
        }
        for i in range(count)
    ]
    Table(Person, now=now).insert(people, with_ids=True)
    return people


# --- Campaign ----------------------------------------------------------------------------------


def create_campaign(agency: Agency, accounts: dict[str, Person]) -> Campaign:
    """A closed campaign with the demo's ten areas, five criteria and award forms, and a council of 15."""
    campaign = Campaign.objects.create(
        agency=agency,
        slug=CAMPAIGN_SLUG,
        plan_number="99/KH-BENCH",
        title="Thi đua cải cách hành chính cấp tỉnh (dữ liệu benchmark)",
        signed_on=date(2024, 1, 15),
        opens_at=_aware(2024, 1, 15),
        closes_at=_aware(2024, 12, 31, 23, 59, 59),
        status=CampaignStatus.CLOSED,
        closed_at=_aware(2025, 1, 1, 0, 1),
        closed_by=SYSTEM,
        scoring_started_at=_aware(2025, 1, 2, 8),
    )
    ReformArea.objects.bulk_create(
        ReformArea(campaign=campaign, order=order, name=name) for order, name in enumerate(AREAS, start=1)
    )
    add_sample_rubric(campaign)
    roles = [CouncilRole.CHAIR, CouncilRole.VICE_CHAIR] + [CouncilRole.MEMBER] * (len(MEMBERS) - 2)
    CouncilMember.objects.bulk_create(
        CouncilMember(campaign=campaign, person=accounts[name], role=role)
        for name, role in zip(MEMBERS, roles, strict=True)
    )
    check_saved_criteria_set(campaign=campaign)
    return campaign


def entry_result(entry: dict, campaign: Campaign, criteria: list, points: dict, assigned: int) -> dict:
    """What ``refresh_entry_result`` stores for an entry every assigned member scored in full."""
    criterion_points = {str(c.pk): str(aggregate(points[c.pk], campaign.aggregation)) for c in criteria}
    complete = len(points[criteria[0].pk])
    return {
        "entry_id": entry["id"],
        "campaign_id": campaign.pk,
        "total": sum((Decimal(value) for value in criterion_points.values()), Decimal(0)),
        "criterion_points": criterion_points,
        "complete_members": complete,
        "assigned_members": assigned,
        "counted": complete >= campaign.quorum,
    }


class EntryMaker:
    """Entries with their assignments, scores, score history, own scores and results, as rows
    written by ``bench.rows`` (COPY on PostgreSQL)."""

    def __init__(self, *, rng: random.Random, campaign: Campaign, units: list[Unit], people: list[dict], secretary):
        self.rng, self.campaign, self.secretary = rng, campaign, secretary
        self.areas = list(campaign.areas.order_by("order"))
        self.criteria = list(campaign.criteria.order_by("order", "code", "pk"))
        self.members = list(campaign.council.select_related("person").order_by("pk"))
        self.bias = {m.pk: Decimal(f"{rng.uniform(-0.06, 0.06):.4f}") for m in self.members}
        self.collectives = units[1:-1]
        self.competitors = sorted(rng.sample(people, round(len(people) * COMPETING_SHARE)), key=lambda p: p["id"])
        self.codes: set[str] = set()
        now = timezone.now()
        self.tables = {
            model: Table(model, now=now) for model in (Entry, Assignment, Score, ScoreChange, SelfScore, EntryResult)
        }

    def _code(self) -> str:
        while True:
            code = "".join(self.rng.choice(CODE_ALPHABET) for _ in range(8))
            if code not in self.codes:
                self.codes.add(code)
                return code

    def entries(self, count: int) -> Iterator[dict]:
        opens = self.campaign.opens_at
        span = int((self.campaign.closes_at - opens).total_seconds())
        for i in range(count):
            collective = self.rng.random() < COLLECTIVE_SHARE
            yield {
                "code": self._code(),
                "campaign_id": self.campaign.pk,
                "area_id": self.areas[i % len(self.areas)].pk,
                "kind": self.rng.choice(EntryKind.values),
                "title": f"{TITLES[i % len(TITLES)]} ({i + 1})",
                "summary": "Tóm tắt sáng kiến dùng cho benchmark.",
                "results": "Rút ngắn thời gian giải quyết hồ sơ; tăng mức độ hài lòng.",
                "unit_id": self.rng.choice(self.collectives).pk if collective else None,
                "person_id": None if collective else self.rng.choice(self.competitors)["id"],
                "created_by_id": self.secretary.pk,
                "status": EntryStatus.SCORED,
                "submitted_at": opens + timedelta(seconds=self.rng.randrange(span)),
            }

    def save(self, entries: list[dict]) -> int:
        """Insert a chunk of entries and everything scored on them; returns the number of scores."""
        self.tables[Entry].insert(entries, with_ids=True)
        step, scored_at = self.campaign.score_step, self.campaign.scoring_started_at
        rows = {model: [] for model in self.tables if model is not Entry}
        for entry in entries:
            quality = Decimal(f"{self.rng.uniform(0.45, 0.97):.4f}")
            seats = self.rng.sample(self.members, MEMBERS_PER_ENTRY)
            points = {c.pk: [] for c in self.criteria}
            for member in seats:
                rows[Assignment].append(
                    {
                        "entry_id": entry["id"],
                        "member_id": member.pk,
                        "assigned_by_id": self.secretary.pk,
                        "completed_at": scored_at,
                    }
                )
                for criterion in self.criteria:
                    noise = Decimal(f"{self.rng.uniform(-0.05, 0.05):.4f}")
                    value = _on_grid(
                        criterion.max_points * (quality + self.bias[member.pk] + noise), step, criterion.max_points
                    )
                    comment = "Cần bổ sung số liệu minh chứng." if self.rng.random() < COMMENTED_SHARE else ""
                    seat = {"entry_id": entry["id"], "criterion_id": criterion.pk, "member_id": member.pk}
                    rows[Score].append({**seat, "points": value, "comment": comment})
                    rows[ScoreChange].append({**seat, "new_points": value, "changed_by_id": member.person.user_id})
                    points[criterion.pk].append(value)
            for criterion in self.criteria:
                claimed = _on_grid(criterion.max_points * (quality + Decimal("0.05")), step, criterion.max_points)
                rows[SelfScore].append({"entry_id": entry["id"], "criterion_id": criterion.pk, "points": claimed})
            rows[EntryResult].append(entry_result(entry, self.campaign, self.criteria, points, len(seats)))
        for model, chunk in rows.items():
            self.tables[model].insert(chunk)
        return len(rows[Score])


def verify_results(campaign: Campaign, samples: int = 5) -> None:
    """Recompute a few results with ``refresh_entry_result`` (rolled back) and compare with the stored ones."""
    ids = list(Entry.objects.filter(campaign=campaign).order_by("pk").values_list("pk", flat=True))
    fields = ["total", "criterion_points", "complete_members", "assigned_members", "counted"]
    for pk in ids[:: max(len(ids) // samples, 1)]:
        stored = EntryResult.objects.values(*fields).get(entry_id=pk)
        with transaction.atomic():
            entry = Entry.objects.select_related("campaign", "area").get(pk=pk)
            fresh = refresh_entry_result(entry=entry)
            transaction.set_rollback(True)
        if stored != {name: getattr(fresh, name) for name in fields}:
            raise SystemExit(f"Entry {pk}: generated result {stored} differs from refresh_entry_result's.")


def build(scale: float) -> None:
    sizes = Sizes.at(scale)
    rng = random.Random(SEED)
    log = Log()
    print(f"Generating the benchmark data set at scale {scale}: {sizes} on {connection.vendor}", flush=True)
    refuse_foreign_data()
    with transaction.atomic():
        wipe()
        log.step("wiped the previous data set")
        agency = Agency.objects.create(
            code=AGENCY_CODE, name="Sở Nội vụ (benchmark)", parent_authority="UBND TỈNH", place_name="Tỉnh"
        )
        units = create_units(agency, sizes.units)
        accounts = create_accounts(root=units[0], council_office=units[-1])
        people = create_people(units, sizes.people - len(accounts), timezone.now())
        campaign = create_campaign(agency, accounts)
        log.step(f"{len(units)} units, {len(people) + len(accounts)} people, the campaign and its council")
        maker = EntryMaker(rng=rng, campaign=campaign, units=units, people=people, secretary=accounts[SECRETARY].user)
        scores = 0
        with foreign_keys_checked_once(list(maker.tables.values())):
            for chunk in _chunks(maker.entries(sizes.entries), ENTRY_CHUNK):
                scores += maker.save(chunk)
            log.step(f"{sizes.entries} entries, {scores} scores with their history, own scores and results")
    log.step("checked every foreign key and committed")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    log.step("analyzed the tables")
    verify_results(campaign)
    log.step("checked sample results against refresh_entry_result")
    nominee_list = compile_nominees(campaign=campaign)
    log.step(f"compiled the nominee list ({nominee_list.nominees.count()} nominees)")
    print(f"Done in {log.total():.1f} s.", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 is province scale; 10 is ten times that")
    build(parser.parse_args().scale)


if __name__ == "__main__":
    main()
