"""The Celery application: tasks come from each app's ``tasks.py``; beat sweeps for due work."""

import os

from celery import Celery

import config.broker  # noqa: F401  registers the embedded default's broker (filesystem-atomic://)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

app = Celery("thidua", task_cls="common.notifications:AfterCommitTask")  # delay_on_commit, logged
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Beat only sweeps; work due at a moment is found by the sweep, never scheduled with an eta.
app.conf.beat_schedule = {
    "close-due-campaigns": {"task": "awards.close_due_campaigns", "schedule": 60.0},
    "deadline-reminders": {"task": "submissions.send_deadline_reminders", "schedule": 15 * 60.0},
    "clear-expired-sessions": {"task": "campaigns.clear_expired_sessions", "schedule": 60 * 60.0},
    "owed-receipts": {"task": "submissions.send_owed_receipts", "schedule": 5 * 60.0},
}
