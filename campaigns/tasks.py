import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(name="campaigns.heartbeat")
def task_heartbeat() -> str:
    """A beat job that proves the scheduler and a worker are alive; later sweeps join it."""
    logger.info("Celery heartbeat")
    return "ok"
