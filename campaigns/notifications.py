"""Enqueueing background work after commit, and sending the mails it produces."""

import logging

from celery import current_app
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)


def enqueue_after_commit(task_name: str, **kwargs) -> None:
    """Send the task registered as ``task_name`` to the broker once the current transaction commits.

    Tasks are named, not imported, so that services never import the task modules that call them.

    A broker that is down never turns a saved user action into an error page: the failure is
    logged (with the task and its arguments, so it can be replayed) and the request goes on.
    """

    def send():
        try:
            if task_name not in current_app.tasks:
                current_app.loader.import_default_modules()  # registers every app's tasks.py, once
            current_app.tasks[task_name].apply_async(
                kwargs=kwargs, retry=True, retry_policy={"max_retries": 2, "interval_start": 0.2}
            )
        except Exception:  # the broker's own connection errors vary by transport
            logger.exception("Could not enqueue %s with %s; the broker is unreachable", task_name, kwargs)

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
