"""The shared cache, tolerant of a Redis that is down, and a short-lived copy of it in each process.

``TolerantRedisCache`` is Django's Redis cache for which an unreachable Redis is a cache that
holds nothing: a read is a miss, a write or delete does nothing, and the failure is logged
(at most once a minute per process). Sessions (``cached_db``) then read and write the database
alone, rankings are computed each time, and the site keeps working. After a failure the process
leaves Redis alone for ``RETRY_AFTER`` seconds, so a dead Redis costs no connection attempt per
call; short socket timeouts (settings) bound the cost of one that hangs.


Some values are read on nearly every request and rarely change: the ranking table rendered
under its version (its key changes whenever the ranking does, so a copy is never wrong) and the
agency named in every page's footer. Reading them from Redis each time costs a round trip and,
for a table of 250 rows, some 120 kB on the wire. ``LocalCopyCache`` answers from this
process's memory when it can, else from the shared cache (keeping a copy), and writes through
to both. A copy lives at most the alias's ``TIMEOUT`` (a minute): a value that can change under
its key shows the change that much later in each process. ``MAX_ENTRIES`` bounds the memory.

Nothing in one process's copies is needed by another: they are only a shortcut to the shared
cache, which stays the one every process reads and writes.
"""

import logging
import time

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

_MISSING = object()
_UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


class TolerantRedisCache(RedisCache):
    RETRY_AFTER = 2.0  # seconds a process leaves Redis alone after a failed call
    LOG_EVERY = 60.0  # seconds between two warnings of one process

    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0
        self._logged_at = -self.LOG_EVERY

    def _call(self, operation, fallback, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return fallback
        try:
            return getattr(super(), operation)(*args, **kwargs)
        except _UNREACHABLE as exc:
            now = time.monotonic()
            self._down_until = now + self.RETRY_AFTER
            if now - self._logged_at >= self.LOG_EVERY:
                self._logged_at = now
                logger.warning("Redis cache unreachable (%s); serving without the cache", exc)
            return fallback

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        """Unreachable: as if the key were absent and added (callers go on with their own value)."""
        return self._call("add", True, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def delete_many(self, keys, version=None):
        self._call("delete_many", None, keys, version)

    def incr(self, key, delta=1, version=None):
        value = self._call("incr", _MISSING, key, delta, version)
        if value is _MISSING:
            raise ValueError(f"Key '{key}' not found (the cache is unreachable)")
        return value

    def clear(self):
        return self._call("clear", False)


class LocalCopyCache(LocMemCache):
    shared_alias = "default"

    @property
    def shared(self):
        return caches[self.shared_alias]

    def get(self, key, default=None, version=None):
        value = super().get(key, _MISSING, version)
        if value is _MISSING:
            value = self.shared.get(key, _MISSING, version)
            if value is _MISSING:
                return default
            super().set(key, value, DEFAULT_TIMEOUT, version)
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.shared.set(key, value, timeout, version)
        super().set(key, value, DEFAULT_TIMEOUT, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if not self.shared.add(key, value, timeout, version):
            return False
        super().set(key, value, DEFAULT_TIMEOUT, version)
        return True

    def delete(self, key, version=None):
        local = super().delete(key, version)
        return self.shared.delete(key, version) or local

    def clear(self):
        """Forget this process's copies (the shared cache is cleared through its own alias)."""
        super().clear()
