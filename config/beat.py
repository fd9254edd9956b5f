"""Celery beat's scheduler: the persistent one, which first makes the folder of its schedule file.

Beat keeps the moments its jobs last ran in ``CELERY_BEAT_SCHEDULE_FILENAME`` (under
``VAR_DIR/celery/``). Celery opens that file without creating its folder, so on a fresh machine
beat would die at start whenever nothing else had made the folder (with ``REDIS_URL`` set, the
file-system broker's folders are never created), and campaigns would never be closed.
"""

from pathlib import Path

from celery.beat import PersistentScheduler


class Scheduler(PersistentScheduler):
    def setup_schedule(self):
        Path(self.schedule_filename).parent.mkdir(parents=True, exist_ok=True)
        super().setup_schedule()
