"""Compiling the nominee list (rule 8): same scores, same list; a fault leaves nothing half-written."""

import hashlib
import logging
from decimal import Decimal

import pytest
from django.db import DatabaseError

from awards import tasks
from awards.enums import ListStatus
from awards.models import Nominee, NomineeList
from awards.services import closing, compilation
from campaigns.enums import CampaignStatus
from submissions.enums import EntryStatus
from submissions.models import Entry, Score
from tests.factories import CouncilMemberFactory, CriterionFactory
from tests.factories.scoring import ScorerFactory, SubmittedEntryFactory

F1 = "Giấy khen của Trưởng Ban Dân tộc"


@pytest.fixture
def world(closing_world):
    """One form (minimum 80, two places) and three people scored 90, 85 and 70."""
    closing_world.form(F1, min_score=80, quota_count=2)
    closing_world.people = closing_world.ranked([("An", 90), ("Bình", 85), ("Chi", 70)])
    return closing_world


def rows(nominee_list):
    return list(
        nominee_list.nominees.order_by("position").values_list("position", "person__full_name", "rank", "score")
    )


def entry_of(world, name):
    return world.people[name].entries.get()


def test_compiling_twice_with_the_same_scores_returns_the_same_list(world):
    first = compile_nominees(world)
    again = compile_nominees(world)

    assert again == first
    assert (NomineeList.objects.count(), first.version, first.status) == (1, 1, ListStatus.DRAFT)
    assert [name for _p, name, _r, _s in rows(first)] == ["An", "Bình"]


def test_the_fingerprint_depends_on_the_scores_only(world):
    before = compilation.scores_fingerprint(world.campaign)

    world.rescore(entry_of(world, "Chi"), 70)  # saved again, unchanged
    unchanged = compilation.scores_fingerprint(world.campaign)
    world.rescore(entry_of(world, "Chi"), 70.5)
    changed = compilation.scores_fingerprint(world.campaign)

    assert (unchanged == before, changed == before, len(changed)) == (True, False, 64)


def plain_fingerprint(campaign):
    """The fingerprint's definition, written the plain way: every score hashed in Python."""
    lines = "".join(
        f"{entry}|{criterion}|{member}|{given:.2f}\n"
        for entry, criterion, member, given in Score.objects.filter(entry__campaign=campaign)
        .order_by("entry_id", "criterion_id", "member_id")
        .values_list("entry_id", "criterion_id", "member_id", "points")
    )
    withdrawn = Entry.objects.filter(campaign=campaign, status=EntryStatus.WITHDRAWN).order_by("pk")
    lines += "withdrawn:" + ",".join(str(pk) for pk in withdrawn.values_list("pk", flat=True))
    return hashlib.sha256(lines.encode()).hexdigest()


def test_the_fingerprint_is_the_plain_hash_of_every_score_and_changes_with_one(world):
    """The database's fingerprint (PostgreSQL) or the Python one (SQLite) hashes exactly what the
    definition says: several criteria and members, fractions, a withdrawn entry, another campaign."""
    world.rescore(entry_of(world, "An"), 90.5)
    chi = entry_of(world, "Chi")
    extra = CriterionFactory(campaign=world.campaign, code="TC2", order=2, max_points=Decimal(10))
    second = CouncilMemberFactory(campaign=world.campaign)
    Score.objects.create(entry=chi, criterion=extra, member=world.member, points=Decimal("7.5"))
    Score.objects.create(entry=chi, criterion=world.criterion, member=second, points=Decimal("66.25"))
    Entry.objects.filter(pk=entry_of(world, "Bình").pk).update(status=EntryStatus.WITHDRAWN)
    other = CriterionFactory(max_points=Decimal(100))  # a criterion of another campaign, scored there
    other_entry = SubmittedEntryFactory(campaign=other.campaign)
    Score.objects.create(entry=other_entry, criterion=other, member=ScorerFactory(campaign=other.campaign), points=1)

    before = compilation.scores_fingerprint(world.campaign)
    Score.objects.filter(entry=chi, criterion=extra).update(points=Decimal("7"))  # one score changes
    after = compilation.scores_fingerprint(world.campaign)

    assert (before == after, len(after)) == (False, 64)
    assert after == plain_fingerprint(world.campaign)
    assert compilation.scores_fingerprint(other.campaign) == plain_fingerprint(other.campaign)


def test_a_campaign_without_scores_has_the_fingerprint_of_the_empty_definition(closing_world):
    assert compilation.scores_fingerprint(closing_world.campaign) == hashlib.sha256(b"withdrawn:").hexdigest()


def test_changed_scores_give_a_new_draft_version_and_keep_the_old_one(world):
    first = compile_nominees(world)
    kept = rows(first)

    world.rescore(entry_of(world, "Chi"), 95)
    second = compile_nominees(world)

    assert (second.version, second.status, second.fingerprint != first.fingerprint) == (2, ListStatus.DRAFT, True)
    assert [name for _p, name, _r, _s in rows(second)] == ["Chi", "An"]
    assert rows(NomineeList.objects.get(pk=first.pk)) == kept
    assert NomineeList.objects.count() == 2


def test_going_back_to_earlier_scores_gives_back_the_earlier_list(world):
    first = compile_nominees(world)
    world.rescore(entry_of(world, "Chi"), 95)
    compile_nominees(world)

    world.rescore(entry_of(world, "Chi"), 70)

    assert compile_nominees(world) == first
    assert NomineeList.objects.count() == 2


def test_a_database_fault_in_the_middle_leaves_no_half_written_list(world, monkeypatch):
    """The nominee rows fail to save after the list row was written: the list row goes too."""

    def fail(*args, **kwargs):
        raise DatabaseError("disk I/O error")

    monkeypatch.setattr(Nominee.objects, "bulk_create", fail)
    with pytest.raises(DatabaseError):
        compile_nominees(world)

    assert (NomineeList.objects.count(), Nominee.objects.count()) == (0, 0)

    monkeypatch.undo()
    nominee_list = compile_nominees(world)

    assert (nominee_list.version, [name for _p, name, _r, _s in rows(nominee_list)]) == (1, ["An", "Bình"])


def test_a_database_fault_in_a_real_transaction_leaves_nothing_either(closing_world, transactional_db, monkeypatch):
    """Same fault with the compilation's own transaction committed for real (no test transaction around it)."""
    closing_world.form(F1, min_score=80)
    closing_world.ranked([("An", 90)])

    def fail(*args, **kwargs):
        raise DatabaseError("server closed the connection unexpectedly")

    monkeypatch.setattr(Nominee.objects, "bulk_create", fail)
    with pytest.raises(DatabaseError):
        compile_nominees(closing_world)
    monkeypatch.undo()

    assert (NomineeList.objects.count(), Nominee.objects.count()) == (0, 0)
    assert compile_nominees(closing_world).version == 1


def test_closing_queues_the_compilation_once_after_commit(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = closing.close_campaign(campaign_id=world.campaign.pk, by=compilation.SYSTEM)
        second = closing.close_campaign(campaign_id=world.campaign.pk, by=compilation.SYSTEM)

    world.campaign.refresh_from_db()
    assert (first, second, len(callbacks)) == (True, False, 1)
    assert world.campaign.status == CampaignStatus.CLOSED
    nominee_list = NomineeList.objects.get()
    assert (nominee_list.compiled_by, [name for _p, name, _r, _s in rows(nominee_list)]) == ("hệ thống", ["An", "Bình"])


def test_the_compile_task_of_a_missing_campaign_logs_and_returns(db, caplog):
    with caplog.at_level(logging.WARNING, logger="awards.tasks"):
        result = tasks.task_compile.delay(campaign_id=999_999).get()

    assert result is None
    assert [r.getMessage() for r in caplog.records] == ["Campaign 999999 no longer exists; nothing to compile"]


def compile_nominees(world):
    return compilation.compile_nominees(campaign=world.campaign)
