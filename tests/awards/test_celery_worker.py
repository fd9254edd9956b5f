"""The close and the compilation run by a real Celery worker on the configured broker (rule 7).

The worker is Celery's embedded test worker (``start_worker``) for the project's own app, in a
thread of this process, consuming from the broker the settings name: Redis when ``REDIS_URL`` is
set (CI), the file-system transport under ``VAR_DIR`` otherwise. Tasks travel through the broker
as in production (eager mode is switched off for these tests), on a queue of the test's own so
that nothing else sharing the broker takes them or hands over stale ones.

The worker shares the test database with the test, so these tests use ``transactional_db``:
what the test writes is committed before the worker reads it. While the worker runs, the test
waits on the ``task_postrun`` signal, not on the database, and reads the database once the
worker is idle.
"""

import threading
import time
import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from celery import signals
from celery.contrib.testing.worker import start_worker
from django.db import OperationalError, connection, connections

from awards import tasks
from awards.enums import ListStatus
from awards.models import NomineeList
from awards.services import closing, compilation
from campaigns.enums import CampaignStatus
from config.celery import app as celery_app
from tests.awards.conftest import forget_queue
from tests.factories import CampaignFactory

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
LAST_TENTH = datetime(2022, 12, 31, 23, 59, 59, 900000, tzinfo=VIETNAM)  # still open
MIDNIGHT = datetime(2023, 1, 1, 0, 0, 0, tzinfo=VIETNAM)  # the first closed moment
TIMEOUT = 30  # seconds any wait for the worker may take at most
SWEEP, COMPILE = "awards.close_due_campaigns", "awards.compile"


class Finished:
    """The tasks the worker has finished, in order, as (task name, state, return value)."""

    def __init__(self, transport):
        self.transport = transport
        self.done = []
        self._changed = threading.Condition()

    def record(self, sender=None, state=None, retval=None, **kwargs):
        with self._changed:
            self.done.append((sender.name, state, retval))
            self._changed.notify_all()

    def results(self, name):
        return [retval for task, _state, retval in self.done if task == name]

    def wait_for(self, name, count):
        """Wait (at most TIMEOUT seconds) until ``count`` tasks named ``name`` have finished; their results."""
        deadline = time.monotonic() + TIMEOUT
        with self._changed:
            while len(self.results(name)) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    pytest.fail(f"the worker finished {self.done!r}, not {count} × {name}, within {TIMEOUT} s")
                self._changed.wait(left)
            failed = [entry for entry in self.done if entry[1] != "SUCCESS"]
            assert failed == []
            return self.results(name)

    def settle(self):
        """Let the worker, done with a task, look at the broker once and go back to sleep before we send.

        On the file-system broker a message written at the very moment the worker looks can be
        read half-written: the worker then stops (test_celery_broker.py shows this bug on its own).
        """
        if self.transport == "filesystem":
            time.sleep(0.3)

    def drain(self):
        """Wait until every task sent so far has run: a sweep sent now runs after them (one worker, FIFO)."""
        count = len(self.results(SWEEP)) + 1
        self.settle()
        tasks.task_close_due_campaigns.delay()
        self.wait_for(SWEEP, count)


def _keep_celery_off_logging(**kwargs):
    """A ``setup_logging`` receiver: Celery then leaves the root logger (and pytest's capture) alone."""


@pytest.fixture
def closing_worker(transactional_db):
    """A real worker of ``config.celery.app`` on the configured broker, for the length of one test."""
    conf = celery_app.conf
    queue = f"closing-test-{uuid.uuid4().hex[:12]}"
    saved = {
        "task_always_eager": conf.task_always_eager,
        "task_default_queue": conf.task_default_queue,
        "worker_enable_remote_control": conf.worker_enable_remote_control,
    }
    queues = celery_app.amqp.queues
    saved_consume_from = queues._consume_from  # ``start_worker(queues=...)`` selects on the app's queues
    with celery_app.connection_for_write() as broker:
        finished = Finished(broker.transport.driver_type)
    signals.setup_logging.connect(_keep_celery_off_logging, weak=False)
    signals.task_postrun.connect(finished.record, weak=False)
    conf.task_always_eager = False
    conf.task_default_queue = queue
    conf.worker_enable_remote_control = False  # no mailbox left bound on the broker after the test
    try:
        with start_worker(
            celery_app, perform_ping_check=False, queues=[queue], shutdown_timeout=TIMEOUT, loglevel="WARNING"
        ):
            yield finished
    finally:
        signals.task_postrun.disconnect(finished.record)
        signals.setup_logging.disconnect(_keep_celery_off_logging)
        for name, value in saved.items():
            setattr(conf, name, value)
        queues._consume_from = saved_consume_from
        forget_queue(queue)


@pytest.fixture
def reference(closing_world):
    """Plan 169/KH-BDT with one form (minimum 80, one place) and two people scored 90 and 85."""
    world = closing_world
    world.form("Giấy khen của Trưởng Ban Dân tộc", min_score=80, quota_count=1)
    world.people = world.ranked([("An", 90), ("Bình", 85)])
    return world


@pytest.fixture
def later(reference):
    """Another campaign of the agency, open one more day: until 01/01/2023 23:59:59."""
    return CampaignFactory(
        agency=reference.agency, closes_at=datetime(2023, 1, 1, 23, 59, 59, tzinfo=VIETNAM), plan_number="1/KH-BDT"
    )


def in_threads(target, count=2):
    """Run ``target`` in ``count`` threads released together; their results, in thread order."""
    barrier, results, errors = threading.Barrier(count), [None] * count, []

    def run(index):
        try:
            barrier.wait(timeout=TIMEOUT)
            results[index] = target()
        except Exception as exc:  # reported below, in the test's thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)
    assert [t.is_alive() for t in threads] == [False] * count
    assert errors == []
    return results


def sweep_waiting_for_locks():
    """The sweep itself, called in this thread as a worker process would call it.

    PostgreSQL makes the second of two racing updates wait for the first to commit. SQLite's
    shared in-memory test database instead reports the other thread's lock at once ("database
    table is locked") where a SQLite file would wait up to its busy timeout: then try again, as
    that busy handler would.
    """
    deadline = time.monotonic() + TIMEOUT
    while True:
        try:
            return tasks.task_close_due_campaigns()
        except OperationalError as exc:
            if connection.vendor != "sqlite" or "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def nominee_names(nominee_list):
    return [n.person.full_name for n in nominee_list.nominees.select_related("person").order_by("position")]


def test_worker_sweep_leaves_the_campaign_open_at_its_last_tenth_of_a_second(closing_worker, reference, later):
    with time_machine.travel(LAST_TENTH, tick=False):
        tasks.task_close_due_campaigns.delay()
        swept = closing_worker.wait_for(SWEEP, 1)

    reference.campaign.refresh_from_db()
    assert swept == [[]]
    assert (reference.campaign.status, reference.campaign.closed_at) == (CampaignStatus.LAUNCHED, None)
    assert NomineeList.objects.count() == 0


def test_two_sweeps_sent_at_once_close_the_campaign_once_and_compile_once(closing_worker, reference, later):
    campaign = reference.campaign
    with time_machine.travel(MIDNIGHT, tick=False):
        in_threads(tasks.task_close_due_campaigns.delay)
        swept = closing_worker.wait_for(SWEEP, 2)
        closing_worker.wait_for(COMPILE, 1)
        closing_worker.drain()

    campaign.refresh_from_db()
    later.refresh_from_db()
    assert sorted(swept) == [[], [campaign.pk]]
    assert (campaign.status, campaign.closed_at, campaign.closed_by) == (CampaignStatus.CLOSED, MIDNIGHT, "hệ thống")
    assert later.status == CampaignStatus.LAUNCHED
    names = [name for name, _state, _retval in closing_worker.done]
    closing_sweep = next(i for i, (name, _s, retval) in enumerate(closing_worker.done) if retval == [campaign.pk])
    assert names.count(COMPILE) == 1
    assert names.index(COMPILE) > closing_sweep
    nominee_list = NomineeList.objects.get()
    assert closing_worker.results(COMPILE) == [nominee_list.pk]
    assert (nominee_list.version, nominee_list.status, nominee_list.compiled_by) == (1, ListStatus.DRAFT, "hệ thống")
    assert nominee_names(nominee_list) == ["An"]


def test_two_sweeps_racing_in_threads_close_once_and_the_worker_compiles_once(closing_worker, reference, later):
    campaign = reference.campaign
    with time_machine.travel(MIDNIGHT, tick=False):
        swept = in_threads(sweep_waiting_for_locks)
        closing_worker.wait_for(COMPILE, 1)
        closing_worker.drain()

    campaign.refresh_from_db()
    assert sorted(swept) == [[], [campaign.pk]]
    assert (campaign.status, campaign.closed_at, campaign.closed_by) == (CampaignStatus.CLOSED, MIDNIGHT, "hệ thống")
    assert closing_worker.results(COMPILE) == [NomineeList.objects.get().pk]


def test_a_worker_down_at_the_deadline_closes_the_campaign_on_its_next_sweep(closing_worker, reference):
    """Nothing ran at midnight: the first sweep, three days later, still closes it (the catch-up path)."""
    catch_up = datetime(2023, 1, 4, 8, 0, tzinfo=VIETNAM)
    with time_machine.travel(catch_up, tick=False):
        tasks.task_close_due_campaigns.delay()
        swept = closing_worker.wait_for(SWEEP, 1)
        closing_worker.wait_for(COMPILE, 1)

    reference.campaign.refresh_from_db()
    assert swept == [[reference.campaign.pk]]
    assert (reference.campaign.status, reference.campaign.closed_at) == (CampaignStatus.CLOSED, catch_up)


def test_the_worker_compiles_once_per_distinct_fingerprint(closing_worker, reference):
    campaign = reference.campaign
    assert closing.close_campaign(campaign_id=campaign.pk, by=compilation.SYSTEM) is True  # compile sent on commit
    first = closing_worker.wait_for(COMPILE, 1)

    closing_worker.settle()
    tasks.task_compile.delay(campaign_id=campaign.pk)  # the same scores again
    again = closing_worker.wait_for(COMPILE, 2)
    assert NomineeList.objects.count() == 1
    assert again == first * 2

    an_entry = reference.people["An"].entries.get()
    reference.rescore(an_entry, 70)  # An drops below Bình: a new fingerprint
    closing_worker.settle()
    tasks.task_compile.delay(campaign_id=campaign.pk)
    tasks.task_compile.delay(campaign_id=campaign.pk)
    results = closing_worker.wait_for(COMPILE, 4)

    v1, v2 = NomineeList.objects.order_by("version")
    assert results == [v1.pk, v1.pk, v2.pk, v2.pk]
    assert (v1.version, v2.version, v1.fingerprint != v2.fingerprint) == (1, 2, True)
    assert (nominee_names(v1), nominee_names(v2)) == (["An"], ["Bình"])
    assert (v1.status, v2.status) == (ListStatus.DRAFT, ListStatus.DRAFT)
