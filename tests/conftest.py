import os
import shutil
import socket
import subprocess
import time

import pytest
import redis

from campaigns.services import set_roles
from tests.factories import PersonFactory, UserFactory

REDIS_SERVER = shutil.which("redis-server")


def pytest_collection_modifyitems(items):
    """Transactional tests put back what the migrations wrote before them.

    A transactional test ends by emptying every table; the role groups and their permissions come
    from data migrations, so without this the tests after it would run with roles that grant
    nothing. With serialized rollback each one starts from the migrated database instead.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        fixtures = set(getattr(item, "fixturenames", ()))
        if (marker and marker.kwargs.get("transaction")) or fixtures & {"transactional_db", "live_server"}:
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True), append=False)


@pytest.fixture
def make_user(db):
    """A user with the given roles and, unless told otherwise, a person record in a unit."""

    def make(username, *roles, person=True, **person_fields):
        user = UserFactory(username=username)
        set_roles(user=user, roles=set(roles))
        if person:
            PersonFactory(user=user, full_name=person_fields.pop("full_name", username.title()), **person_fields)
        return user

    return make


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test stores evidence in its own directory, so the files it leaves can be counted."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with empty caches (the ranking cache is keyed on data that tests reuse)."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield


class OwnRedis:
    """A redis-server of the test's own on a free port, which the test may stop and start again.

    Never the shared Redis: killing that one would break every other test run on the machine.
    """

    def __init__(self, folder):
        self.folder = folder
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            cwd=self.folder,
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                return
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.02)
            finally:
                client.close()

    def kill(self):
        self.process.kill()
        self.process.wait(10)


@pytest.fixture
def own_redis(tmp_path):
    if REDIS_SERVER is None:
        if os.environ.get("EXPECT_SERVICES"):
            pytest.fail("redis-server is not installed")
        pytest.skip("redis-server is not installed")
    server = OwnRedis(tmp_path)
    server.start()
    yield server
    if server.process.poll() is None:
        server.kill()
