"""Version numbers in the shared cache: what every cached page part and figure is keyed by.

A cached value is stored under the versions of everything it was built from (the guidance,
an assessment, an agency, the figures agencies share). A change moves the version on; the next
request builds under the new number and the old value is never read again (it expires).
Nothing is deleted by hand, and with Redis every server process sees the same numbers, so an
edit made through one server shows on every server at the next request.

A value is cached under the version read *before* it was built, so a change that commits while
it is built makes it unreachable instead of serving it under the new number. Writers move the
version on at once and again after their transaction commits (``changed``), so that a reader
who built from the uncommitted state in between is left behind too.

If the cache loses a number (eviction, a Redis restart), it starts again from the clock, which
is above every number used before, so an old value is never read back under a new version.
"""

import time

from django.core.cache import cache
from django.db import transaction

PREFIX = "version:"


def current(*names: str) -> tuple[int, ...]:
    """The current version of each name, read in one round trip to the cache."""
    keys = [PREFIX + name for name in names]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, time.time_ns(), timeout=None)
            found[key] = cache.get(key, time.time_ns())
    return tuple(found[key] for key in keys)


# Every version starts from the clock (time.time_ns(), about 1.8e18 today), far above this.
FROM_THE_CLOCK = 10**15


def bump(name: str) -> None:
    key = PREFIX + name
    try:
        moved = cache.incr(key)
    except ValueError:  # never read, or evicted: a number from the clock is new too
        moved = None
    # Redis's INCR starts a key evicted a moment before at 1: take the clock instead.
    if moved is None or moved < FROM_THE_CLOCK:
        cache.set(key, time.time_ns(), timeout=None)


def changed(*names: str) -> None:
    """Move each name's version on now and again when the current transaction commits."""
    for name in names:
        bump(name)
    # robust: a cache that fails after the commit must not stop the other callbacks (the
    # write itself is saved; the versions were moved on before the commit too).
    transaction.on_commit(lambda: [bump(name) for name in names], robust=True)
