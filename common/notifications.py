"""Queueing background work after commit, and sending the mails it produces."""

import functools
import logging

import kombu.exceptions
import redis.exceptions
from celery import current_app
from celery.contrib.django.task import DjangoTask
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)

# What sending raises when the broker cannot be reached: kombu's error once its retries are spent,
# and the connection errors of the transports (Redis's own, the sockets' under them). Anything
# else (a task that fails in eager mode, a message that cannot be serialised) is a bug and raises.
BROKER_ERRORS = (
    kombu.exceptions.OperationalError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    ConnectionError,
)
RETRY_POLICY = {"max_retries": 2, "interval_start": 0.2}


def _send(task, kwargs) -> None:
    """Send now; a broker that is down is logged with the task and its arguments, so it can be
    replayed (the beat sweeps send owed receipts and compilations again), and the caller goes on."""
    try:
        task.apply_async(kwargs=kwargs, retry=True, retry_policy=RETRY_POLICY)
    except BROKER_ERRORS:
        logger.exception("Could not enqueue %s with %s; the broker is unreachable", task.name, kwargs)


class AfterCommitTask(DjangoTask):
    """The class of every task of the project (``config.celery``).

    ``task.delay_on_commit(entry_id=...)`` sends the task once the current transaction commits
    (Celery's Django task), and a broker that is down never turns a saved user action into an
    error page: the failure is logged and the request goes on."""

    def delay_on_commit(self, **kwargs) -> None:
        transaction.on_commit(functools.partial(_send, self, kwargs))


def enqueue_after_commit(task_name: str, **kwargs) -> None:
    """``delay_on_commit`` for a task named, not imported: only for the services whose own app's
    tasks import them (``awards.services``, called by ``awards.tasks``), which may not import the
    task module back. Everything else imports its task and calls ``delay_on_commit``."""

    def send():
        if task_name not in current_app.tasks:
            current_app.loader.import_default_modules()  # registers every app's tasks.py, once
        _send(current_app.tasks[task_name], kwargs)

    transaction.on_commit(send)


def site_url(path: str) -> str:
    """The absolute address of a page of the site (``SITE_URL`` + its path), for mails."""
    return settings.SITE_URL.rstrip("/") + path


def mail_users(users, *, subject: str, template: str, context: dict) -> int:
    """Mail each user with an address, in Vietnamese; returns how many mails went out.

    Templates receive ``site_url`` (no trailing slash) to link to the page the mail is about."""
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for user in users:
            if not user.email:
                continue
            body = render_to_string(template, {**context, "user": user, "site_url": site_url("")})
            sent += send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    return sent
