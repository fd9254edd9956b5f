"""Entry results: how members' points become an entry's score, and when the entry counts.

DESIGN.md rule 4. Two criteria: A (maximum 10) and B (maximum 90).
"""

import contextlib
import sqlite3
import threading
from decimal import Decimal

import pytest
from django.db import connection

from campaigns.enums import Aggregation
from submissions.aggregation import aggregate
from submissions.enums import EntryStatus
from submissions.models import EntryResult, Score
from submissions.services import scoring
from tests.factories import CampaignFactory, CriterionFactory, UserFactory
from tests.factories.scoring import AssignmentFactory, ScorerFactory, SubmittedEntryFactory

D = Decimal

# One criterion scored by five members: 6, 7, 7.5, 9 and 10 (sum 39.5).
FIVE = [D(10), D(6), D("7.5"), D(9), D(7)]


@pytest.mark.parametrize(
    ("method", "expected"),
    [(Aggregation.MEAN, D("7.900")), (Aggregation.MEDIAN, D("7.500")), (Aggregation.TRIMMED_MEAN, D("7.833"))],
)
def test_aggregates_of_five_members_match_the_worked_example(method, expected):
    """Five members give 6, 7, 7.5, 9, 10 (in any order).

    mean = 39.5 / 5 = 7.9; median = the middle one of the sorted five = 7.5;
    trimmed mean drops 6 and 10: (7 + 7.5 + 9) / 3 = 23.5 / 3 = 7.8333… -> 7.833 (three decimals, half up).
    """
    assert aggregate(FIVE, method) == expected


@pytest.mark.parametrize(
    ("method", "expected"),
    [(Aggregation.MEAN, D("7.625")), (Aggregation.MEDIAN, D("7.250")), (Aggregation.TRIMMED_MEAN, D("7.625"))],
)
def test_with_four_members_the_trimmed_mean_is_the_mean(method, expected):
    """Four members give 6, 7, 7.5, 10: mean = 30.5 / 4 = 7.625; median = (7 + 7.5) / 2 = 7.25;
    the trimmed mean drops nothing under five members, so it is the mean, 7.625."""
    assert aggregate([D(6), D(7), D("7.5"), D(10)], method) == expected


def test_aggregates_round_half_up_to_three_decimals():
    """7 + 7 + 7.5 = 21.5; 21.5 / 3 = 7.1666… -> 7.167. And 0.0005 rounds up to 0.001."""
    assert aggregate([D(7), D(7), D("7.5")], Aggregation.MEAN) == D("7.167")
    assert aggregate([D(0), D("0.001")], Aggregation.MEAN) == D("0.001")


def scoring_setup(*, members: int, **campaign_fields):
    campaign = CampaignFactory(**campaign_fields)
    criteria = [
        CriterionFactory(campaign=campaign, code="A", order=1, max_points=D(10)),
        CriterionFactory(campaign=campaign, code="B", order=2, max_points=D(90)),
    ]
    entry = SubmittedEntryFactory(campaign=campaign, status=EntryStatus.UNDER_REVIEW)
    assignments = [AssignmentFactory(entry=entry) for _ in range(members)]
    return campaign, criteria, entry, assignments


def score(assignment, criteria, *points):
    scoring.record_scores(
        assignment=assignment,
        by=assignment.member.person.user,
        points={criterion.pk: D(value) for criterion, value in zip(criteria, points, strict=True)},
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "a_points", "total"),
    [
        (Aggregation.MEAN, "7.900", D("87.900")),
        (Aggregation.MEDIAN, "7.500", D("87.500")),
        (Aggregation.TRIMMED_MEAN, "7.833", D("87.833")),
    ],
)
def test_the_stored_entry_result_uses_the_campaigns_aggregation(method, a_points, total):
    """A: 6, 7, 7.5, 9, 10 (as above). B: 70, 75, 80, 85, 90, whose mean, median and trimmed mean
    are all 80. The entry's score is the sum of the criteria's aggregates: A + 80."""
    campaign, criteria, entry, assignments = scoring_setup(members=5, aggregation=method)
    a, b = criteria

    for assignment, a_value, b_value in zip(assignments, FIVE, [90, 70, 80, 85, 75], strict=True):
        score(assignment, criteria, a_value, b_value)

    result = EntryResult.objects.get(entry=entry)
    assert result.criterion_points == {str(a.pk): a_points, str(b.pk): "80.000"}
    assert result.total == total
    assert (result.complete_members, result.assigned_members, result.counted) == (5, 5, True)


@pytest.mark.django_db
def test_an_entry_below_the_quorum_does_not_count_until_the_third_member_scores():
    campaign, criteria, entry, assignments = scoring_setup(members=3, quorum=3)
    first, second, third = assignments
    score(first, criteria, 6, 70)
    score(second, criteria, 8, 80)

    below = EntryResult.objects.get(entry=entry)
    entry.refresh_from_db()
    assert (below.complete_members, below.assigned_members, below.counted) == (2, 3, False)
    assert entry.status == EntryStatus.UNDER_REVIEW

    score(third, criteria, 10, 90)

    reached = EntryResult.objects.get(entry=entry)
    entry.refresh_from_db()
    assert (reached.complete_members, reached.counted, reached.total) == (3, True, D("88.000"))
    assert entry.status == EntryStatus.SCORED


@pytest.mark.django_db
def test_assigning_members_is_recorded_on_the_result_before_any_score():
    campaign = CampaignFactory()
    CriterionFactory(campaign=campaign, max_points=D(100))
    entry = SubmittedEntryFactory(campaign=campaign)
    by = UserFactory(username="thuky-phan-cong")

    for member in (ScorerFactory(campaign=campaign), ScorerFactory(campaign=campaign)):
        scoring.assign_entry(entry=entry, member=member, by=by)

    result = EntryResult.objects.get(entry=entry)
    entry.refresh_from_db()
    assert (result.assigned_members, result.complete_members, result.total, result.counted) == (2, 0, None, False)
    assert entry.status == EntryStatus.UNDER_REVIEW


@contextlib.contextmanager
def threads_share_the_database(tmp_path):
    """Let other threads' connections see what this thread wrote, as they do in production.

    PostgreSQL needs nothing: a transactional test commits. SQLite's test database is in memory,
    shared between a process's connections through SQLite's shared cache, whose locks are per
    table and fail at once ("database table is locked") instead of waiting: two threads would
    fail on the test's set-up, not on our code. So on SQLite the in-memory database is copied to
    a file in ``tmp_path``, the threads' connections open that file with the settings' options
    (``transaction_mode=IMMEDIATE``, a busy timeout, WAL: what ``make run`` uses), and the file is
    copied back into memory for the assertions.
    """
    if connection.vendor != "sqlite":
        yield
        return
    path = str(tmp_path / "race.sqlite3")
    connection.ensure_connection()
    with contextlib.closing(sqlite3.connect(path)) as file_db:
        connection.connection.backup(file_db)
    name = connection.settings_dict["NAME"]
    connection.settings_dict["NAME"] = path  # the dict every thread's connection is built from
    try:
        yield
    finally:
        connection.settings_dict["NAME"] = name
    with contextlib.closing(sqlite3.connect(path)) as file_db:
        file_db.backup(connection.connection)


@pytest.mark.django_db(transaction=True)
def test_two_members_saving_the_same_entry_at_once_both_keep_their_scores(tmp_path):
    """The two saves run in two threads released together, on PostgreSQL and on SQLite.

    Member 1 gives A 6, B 70; member 2 gives A 9, B 80. Mean: A 7.5, B 75, total 82.5.
    """
    campaign, criteria, entry, assignments = scoring_setup(members=2, quorum=2)
    sheets = [(assignments[0], (6, 70)), (assignments[1], (9, 80))]
    start, failures = threading.Barrier(2), []

    def save(assignment, points):
        try:
            start.wait(timeout=10)
            score(assignment, criteria, *points)
        except Exception as exc:  # reported by the assertion below
            failures.append(exc)
        finally:
            connection.close()

    with threads_share_the_database(tmp_path):
        threads = [threading.Thread(target=save, args=sheet) for sheet in sheets]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    assert failures == []

    a, b = criteria
    assert sorted(Score.objects.values_list("member_id", "criterion__code", "points")) == [
        (assignments[0].member_id, "A", D(6)),
        (assignments[0].member_id, "B", D(70)),
        (assignments[1].member_id, "A", D(9)),
        (assignments[1].member_id, "B", D(80)),
    ]
    result = EntryResult.objects.get(entry=entry)
    assert result.criterion_points == {str(a.pk): "7.500", str(b.pk): "75.000"}
    assert (result.total, result.complete_members, result.counted) == (D("82.500"), 2, True)
