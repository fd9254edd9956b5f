"""Redis down: the site keeps working on the database, and what could not be queued is sent later.

Production keeps the cache, the sessions' cached copies and the Celery broker in Redis. Here
all three point at a Redis of the test's own (``own_redis``), which the test kills, never the
shared one. The requests go through the whole middleware stack (sessions, authentication,
messages) with Celery's eager mode off, so the entry's receipt really goes to the broker.
"""

import base64
import json
import time
from datetime import timedelta

import pytest
import redis
import time_machine
from django.core import mail
from django.urls import reverse

from awards import tasks as award_tasks
from awards.models import NomineeList
from awards.services.closing import COMPILE_OWED_AFTER
from campaigns.enums import CampaignStatus
from config.celery import app as celery_app
from submissions import tasks as submission_tasks
from submissions.enums import EntryStatus
from submissions.models import Entry
from tests.submissions.conftest import entry_post, pdf

PASSWORD = "mat-khau-thu"  # tests/factories/organisation.py


def _reset_producers():
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
    celery_app._pool = None
    celery_app.__dict__.get("amqp") and setattr(celery_app.amqp, "_producer_pool", None)


@pytest.fixture
def redis_site(own_redis, settings):
    """Cache, sessions and broker on the test's own Redis; Celery sends to it instead of running eagerly."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "config.cache.TolerantRedisCache",
            "LOCATION": own_redis.url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        },
    }
    conf = celery_app.conf
    saved = {name: conf[name] for name in ("broker_url", "broker_transport_options", "task_always_eager")}
    conf.broker_url = own_redis.url
    conf.broker_transport_options = {"socket_connect_timeout": 0.5}
    conf.task_always_eager = False
    _reset_producers()
    yield own_redis
    for name, value in saved.items():
        conf[name] = value
    _reset_producers()


def queued(server):
    """The (task name, kwargs) of every message waiting in the server's default Celery queue."""
    client = redis.Redis(port=server.port)
    try:
        messages = [json.loads(raw) for raw in client.lrange("celery", 0, -1)]
    finally:
        client.close()
    return sorted((m["headers"]["task"], json.loads(base64.b64decode(m["body"]))[1]) for m in messages)


def sign_in(client, username):
    return client.post(reverse("login"), {"username": username, "password": PASSWORD})


@pytest.mark.django_db(transaction=True)
def test_with_redis_down_people_sign_in_read_and_submit_and_the_receipt_is_mailed_when_it_is_back(
    redis_site, campaign, area, author, other, client
):
    open_campaign = campaign
    reader = client.__class__()
    assert sign_in(reader, "canbo2").status_code == 302  # signed in while Redis is up: session cached there
    with time_machine.travel(open_campaign.opens_at + timedelta(days=1), tick=False):
        redis_site.kill()

        started = time.monotonic()
        signed_in = sign_in(client, "canbo1")
        sign_in_seconds = time.monotonic() - started
        home = client.get(reverse("home"))
        read = reader.get(reverse("home"))
        created = client.post(
            reverse("entry_create", args=[open_campaign.slug]), entry_post(area, save=None, submit="1", files=pdf())
        )

        assert (signed_in.status_code, signed_in.url) == (302, reverse("home"))
        assert (home.status_code, home.context["user"], read.status_code, read.context["user"].username) == (
            200,
            author,
            200,
            "canbo2",
        )
        assert created.status_code == 302
        entry = Entry.objects.get()
        assert (entry.status, entry.receipt_sent_at, mail.outbox) == (EntryStatus.SUBMITTED, None, [])
        assert sign_in_seconds < 1.0

    with time_machine.travel(open_campaign.opens_at + timedelta(days=1, minutes=6), tick=False):
        redis_site.start()
        assert submission_tasks.task_send_owed_receipts() == 1  # what beat has a worker run every 5 minutes
        assert submission_tasks.task_send_owed_receipts() == 0

    entry.refresh_from_db()
    assert entry.receipt_sent_at is not None
    assert [m.subject for m in mail.outbox] == [f"Đã nhận bài dự thi {entry.code}"]


@pytest.mark.django_db(transaction=True)
def test_a_campaign_closed_while_redis_is_down_is_compiled_once_it_is_back(redis_site, campaign):
    open_campaign = campaign
    closing = open_campaign.closes_at + timedelta(seconds=1)
    with time_machine.travel(closing, tick=False):
        redis_site.kill()
        assert award_tasks.task_close_due_campaigns() == [open_campaign.pk]  # the compilation cannot be queued

    open_campaign.refresh_from_db()
    assert (open_campaign.status, NomineeList.objects.count()) == (CampaignStatus.CLOSED, 0)
    redis_site.start()
    with time_machine.travel(closing + COMPILE_OWED_AFTER - timedelta(seconds=1), tick=False):
        award_tasks.task_close_due_campaigns()
        assert queued(redis_site) == []  # the compilation may still be on its way
    with time_machine.travel(closing + COMPILE_OWED_AFTER + timedelta(seconds=1), tick=False):
        award_tasks.task_close_due_campaigns()
        assert queued(redis_site) == [("awards.compile", {"campaign_id": open_campaign.pk})]
