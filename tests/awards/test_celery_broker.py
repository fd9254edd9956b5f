"""The broker the settings configure hands every message to the worker whole.

DESIGN.md ("How it runs"): the embedded default runs a real worker on a broker that needs no
server (kombu's file-system transport under ``VAR_DIR``); production and CI use Redis. A
message the web process or beat writes while the worker looks at the broker must reach the
worker whole, or not yet: never half-written.
"""

import contextlib
import uuid

from kombu.transport import filesystem

from config.celery import app as celery_app
from tests.awards.conftest import forget_queue

MESSAGE = {"task": "awards.compile", "campaign_id": 169}


def test_a_message_written_while_the_worker_polls_reaches_it_whole(monkeypatch):
    """The worker polls at the moment the producer has created the message but not yet written it.

    With the file-system transport, the producer creates the final file name and then writes
    into it; the consumer neither waits for the writer's lock nor skips an empty file. The
    poll is placed in that gap by running it when the producer takes its lock (the Redis
    transport never takes it, so there the poll simply finds the message later).
    """
    name = f"closing-broker-{uuid.uuid4().hex[:12]}"
    received, errors = [], []
    with (
        celery_app.connection_for_write() as producer,
        celery_app.connection_for_read() as consumer,
        contextlib.closing(producer.SimpleQueue(name)) as outbox,
        contextlib.closing(consumer.SimpleQueue(name)) as inbox,
    ):
        locked = filesystem.lock

        def take(**options):
            message = inbox.get(**options)
            message.ack()
            received.append(message.payload)

        def poll(handle, flags):
            locked(handle, flags)
            try:
                take(block=False)
            except inbox.Empty:
                pass
            except Exception as exc:  # what the worker would meet in its consumer loop
                errors.append(exc)

        try:
            monkeypatch.setattr(filesystem, "lock", poll)
            outbox.put(MESSAGE)
            monkeypatch.undo()
            if not received:
                with contextlib.suppress(inbox.Empty):
                    take(block=True, timeout=5)
        finally:
            monkeypatch.undo()
    forget_queue(name)

    assert errors == []
    assert received == [MESSAGE]
