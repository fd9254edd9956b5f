"""A cache alias that keeps, in each process's memory, a short-lived copy of the shared cache.

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

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache

_MISSING = object()


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
