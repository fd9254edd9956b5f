"""The embedded default's broker: kombu's file-system transport, with messages written atomically.

kombu's own transport creates the message file and then writes into it, so a worker polling in
between can read half a message and stop. Here each message is written under a temporary name
(which the reader ignores: it only takes names ending in ".msg") and renamed into place, which is
atomic on one file system. Registered under the URL scheme ``filesystem-atomic://``. Its folders
(``CELERY_BROKER_TRANSPORT_OPTIONS``) are made by the channel that uses them, on a fresh machine.
"""

import os
import uuid

from kombu.exceptions import ChannelError
from kombu.transport import TRANSPORT_ALIASES, filesystem
from kombu.utils.encoding import str_to_bytes
from kombu.utils.json import dumps

SCHEME = "filesystem-atomic"


class Channel(filesystem.Channel):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for folder in (self.data_folder_in, self.data_folder_out, self.processed_folder, self.control_folder):
            os.makedirs(folder, exist_ok=True)

    def _put(self, queue, payload, **kwargs):
        name = f"{int(round(filesystem.monotonic() * 1000))}_{uuid.uuid4()}.{queue}.msg"
        final = os.path.join(self.data_folder_out, name)
        partial = os.path.join(self.data_folder_out, f".{name}.partial")
        try:
            with open(partial, "wb") as handle:
                handle.write(str_to_bytes(dumps(payload)))
            os.replace(partial, final)
        except OSError as exc:
            raise ChannelError(f"Cannot add file {final!r} to directory") from exc


class Transport(filesystem.Transport):
    Channel = Channel
    driver_type = "filesystem"
    driver_name = "filesystem"

    @property
    def default_connection_params(self):
        # A folder needs no host: without this, kombu warns "No hostname was supplied" on every
        # connection (the virtual transports' default names localhost).
        return {}


TRANSPORT_ALIASES[SCHEME] = "config.broker:Transport"
