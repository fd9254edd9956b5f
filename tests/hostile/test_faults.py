"""Faults: the broker is down while a staff member submits an entry (or a secretary returns one).

Celery is pointed at a Redis address where nothing listens and taken out of eager mode, so the
mail really goes to a broker after the commit. The entry must be saved, the user must see the
success message, and the failure must be logged with the task's name and arguments (so the mail
can be sent again), never shown as an error page.
"""

import logging

import kombu.pools
import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from common.notifications import enqueue_after_commit
from config.celery import app as celery_app
from submissions.enums import EntryStatus
from submissions.models import Entry
from tests.factories.scoring import SubmittedEntryFactory
from tests.factories.submissions import PDF_BYTES
from tests.submissions.conftest import DURING, entry_post

pytestmark = pytest.mark.django_db

UNREACHABLE_BROKER = "redis://127.0.0.1:1/0"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(DURING, tick=False):
        yield DURING


@pytest.fixture
def broker_down():
    """Celery sends to a broker that refuses connections, for the length of one test.

    The app keeps its connection and producer pools once made, and kombu keeps every producer
    pool in a registry by broker address, so the pools are closed and forgotten afterwards:
    the next test that sends makes new ones (a closed pool left in the registry would be handed
    out again and refuse to send).
    """
    conf, amqp = celery_app.conf, celery_app.amqp
    saved = (conf.broker_url, conf.task_always_eager)
    conf.broker_url, conf.task_always_eager = UNREACHABLE_BROKER, False
    celery_app._pool = amqp._producer_pool = None
    try:
        yield
    finally:
        kombu.pools.reset()
        conf.broker_url, conf.task_always_eager = saved
        celery_app._pool = amqp._producer_pool = None


class Records(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def enqueue_log():
    """What ``common.notifications`` logs, caught on its own logger.

    (Each enqueue currently re-runs ``django.setup()``, which configures logging afresh and so
    takes pytest's ``caplog`` handler off the root logger: see the last test of this module.)
    """
    logger, handler = logging.getLogger("common.notifications"), Records()
    logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)


def test_an_entry_submitted_while_the_broker_is_down_is_saved_and_the_failure_logged(
    client, campaign, area, staff, broker_down, enqueue_log, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    data = entry_post(area, files=SimpleUploadedFile("bao-cao.pdf", PDF_BYTES, content_type="application/pdf"))
    data.pop("save")
    data["submit"] = "1"

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("entry_create", args=[campaign.slug]), data)

    entry = Entry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("entry_detail", args=[entry.code])
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        f"Đã gửi bài {entry.code}. Biên nhận sẽ được gửi qua email."
    ]
    assert (entry.status, entry.attachments.count()) == (EntryStatus.SUBMITTED, 1)
    assert len(callbacks) == 1
    assert [(r.levelno, r.getMessage()) for r in enqueue_log] == [
        (
            logging.ERROR,
            f"Could not enqueue submissions.send_receipt with {{'entry_id': {entry.pk}}}; the broker is unreachable",
        )
    ]
    assert enqueue_log[0].exc_info is not None  # the broker's own error travels with the record
    assert mail.outbox == []
    assert client.get(response["Location"]).status_code == 200


def test_an_entry_returned_while_the_broker_is_down_is_returned_and_the_failure_logged(
    client, campaign, area, staff, secretary, broker_down, enqueue_log, django_capture_on_commit_callbacks
):
    entry = SubmittedEntryFactory(campaign=campaign, area=area, person=staff.person, created_by=staff)
    client.force_login(secretary)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("entry_action", args=[entry.code, "tra-lai"]), {"reason": "Bổ sung quyết định công nhận."}
        )

    entry.refresh_from_db()
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Đã trả lại bài để bổ sung; người gửi sẽ nhận email."
    ]
    assert (entry.status, entry.return_reason) == (EntryStatus.RETURNED, "Bổ sung quyết định công nhận.")
    assert [r.getMessage() for r in enqueue_log] == [
        f"Could not enqueue submissions.send_returned with {{'entry_id': {entry.pk}}}; the broker is unreachable"
    ]


def test_enqueueing_a_task_leaves_the_logging_of_the_running_process_as_it_was(
    caplog, django_capture_on_commit_callbacks
):
    """Every enqueue calls ``import_default_modules()``; Celery's Django fix-up answers with
    ``django.setup()`` (logging configured afresh: handlers added since are dropped) and
    ``run_checks()`` (every system check, ~50 ms), inside the request."""
    logger = logging.getLogger("submissions.views")

    with caplog.at_level(logging.INFO), django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        enqueue_after_commit("submissions.send_receipt", entry_id=0)
    logger.info("after the enqueue")

    assert "after the enqueue" in [r.getMessage() for r in caplog.records]
