"""A worker process killed during the compilation: the job goes back on the queue and runs once.

A real ``celery worker`` (prefork, one pool process) runs on a Redis of the test's own and on the
test's database. To catch the compilation midway without a hook in the code, the test holds the
lock on the campaign's row that ``compile_nominees`` takes before it writes: the job reads the
scores and then waits, visibly, in PostgreSQL's lock table. The test kills that pool process with
SIGKILL, sees a new pool process take the same job and wait again, releases the lock, and finds
one list.

Only on PostgreSQL: the SQLite test database lives in the test process's memory, which no worker
process can open. (On the file-system broker of the embedded default the pool's job is requeued
the same way; a worker killed whole loses the message there, and the close sweep compiles the
campaign again: tests/submissions/test_redis_down.py.)
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection, transaction

from awards.models import NomineeList
from campaigns.enums import CampaignStatus
from campaigns.models import Campaign
from config.celery import app as celery_app

ROOT = Path(__file__).resolve().parent.parent.parent
TIMEOUT = 60  # seconds any wait for the worker may take


def waiting_on_locks():
    """The process ids of the database sessions now waiting for a lock in this database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")  # else a transaction sees its first reading
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return {pid for (pid,) in cursor.fetchall()}


def wait_until(predicate, what):
    deadline = time.monotonic() + TIMEOUT
    while not (found := predicate()):
        if time.monotonic() > deadline:
            pytest.fail(f"no {what} within {TIMEOUT} s")
        time.sleep(0.05)
    return found


def pool_processes(worker):
    path = Path(f"/proc/{worker.pid}/task/{worker.pid}/children")
    return {int(pid) for pid in path.read_text().split()}


@pytest.fixture
def worker(own_redis, tmp_path, transactional_db):
    if connection.vendor != "postgresql":
        if os.environ.get("EXPECT_SERVICES"):
            pytest.fail("PostgreSQL expected")
        pytest.skip("a worker process cannot open the SQLite test database, which lives in this process's memory")
    db = connection.settings_dict
    queue = f"worker-lost-{uuid.uuid4().hex[:12]}"
    env = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "LC_ALL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.base",
        DATABASE_URL=f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        REDIS_URL=own_redis.url,
        VAR_DIR=str(tmp_path / "var"),
    )
    log = (tmp_path / "worker.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "-P", "prefork", "-c", "1", "-Q", queue]
        + ["--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=INFO"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    process.queue, process.url = queue, own_redis.url
    eager, celery_app.conf.task_always_eager = celery_app.conf.task_always_eager, False
    try:
        yield process
    finally:
        celery_app.conf.task_always_eager = eager
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def test_a_pool_process_killed_midway_leaves_the_job_to_the_next_and_the_list_is_compiled_once(worker, closing_world):
    world = closing_world
    world.form("Giấy khen của Trưởng Ban Dân tộc", min_score=80, quota_count=1)
    world.ranked([("An", 90), ("Bình", 85)])
    campaign = world.campaign
    Campaign.objects.filter(pk=campaign.pk).update(status=CampaignStatus.CLOSED)

    with transaction.atomic():
        Campaign.objects.select_for_update().get(pk=campaign.pk)  # the compilation will wait for this
        with celery_app.connection_for_write(worker.url) as broker:
            celery_app.send_task(
                "awards.compile", kwargs={"campaign_id": campaign.pk}, queue=worker.queue, connection=broker
            )
        first = wait_until(waiting_on_locks, "compilation waiting for the campaign's row")
        killed = wait_until(lambda: pool_processes(worker), "pool process")
        for pid in killed:
            os.kill(pid, signal.SIGKILL)
        second = wait_until(lambda: waiting_on_locks() - first, "second run of the compilation")
        assert NomineeList.objects.count() == 0
    wait_until(lambda: NomineeList.objects.exists(), "nominee list")
    wait_until(lambda: not waiting_on_locks(), "end of the compilation")

    assert (len(first), len(second), pool_processes(worker) & killed) == (1, 1, set())
    assert NomineeList.objects.count() == 1
    assert [n.person.full_name for n in NomineeList.objects.get().nominees.order_by("position")] == ["An"]
