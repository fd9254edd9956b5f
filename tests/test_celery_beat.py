"""Celery beat starts on a fresh machine in every documented configuration (README, deployment).

A real ``celery beat`` process is started with a ``VAR_DIR`` that does not exist yet: the
embedded default (file-system broker) and production (``REDIS_URL`` set, here a Redis of the
test's own). Beat is running once it has opened its schedule file and ticked: it then logs,
at debug level, when it wakes up next.
"""

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 30  # seconds beat may take to start


def start_beat(environment):
    keep = {"PATH", "HOME", "LANG", "LC_ALL", "PYTHONPATH"}
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(environment, DJANGO_SETTINGS_MODULE="config.settings.base")
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "beat", "--loglevel=DEBUG"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_for_tick(beat):
    """Beat's output until its first tick, or until it exits; and whether it ticked."""
    lines, ticked = [], threading.Event()

    def read():
        for line in beat.stdout:
            lines.append(line)
            if "beat: Waking up" in line:
                ticked.set()
                return

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(TIMEOUT)
    return ticked.is_set(), "".join(lines)


@pytest.fixture
def fresh_var_dir(tmp_path):
    folder = tmp_path / "fresh" / "var"
    assert not folder.exists()
    return folder


@pytest.mark.parametrize("deployment", ["embedded", "production"])
def test_beat_starts_with_a_fresh_var_dir(request, fresh_var_dir, deployment):
    environment = {"VAR_DIR": str(fresh_var_dir)}
    if deployment == "production":
        own_redis = request.getfixturevalue("own_redis")
        environment.update(
            APP_ENV="production",
            SECRET_KEY="beat-test-" + "k" * 50,
            ALLOWED_HOSTS="thidua.example.gov.vn",
            SITE_URL="https://thidua.example.gov.vn",
            DATABASE_URL=f"sqlite:///{fresh_var_dir.parent / 'unused.sqlite3'}",  # beat reads no table
            REDIS_URL=own_redis.url,
        )
    beat = start_beat(environment)
    try:
        ticked, output = wait_for_tick(beat)
    finally:
        beat.terminate()
        try:
            beat.wait(TIMEOUT)
        except subprocess.TimeoutExpired:  # a loaded machine: how beat stops is not what is tested
            beat.kill()
            beat.wait(TIMEOUT)
        beat.stdout.close()

    assert ticked, output
    assert sorted(p.name for p in (fresh_var_dir / "celery").iterdir() if p.name.startswith("beat-schedule"))
