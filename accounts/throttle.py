"""Counting requests per client and per email address, in the shared cache.

With Redis configured every server process counts together; with the default in-process cache,
each process counts on its own (so the limits are per process).
"""

import hashlib

from django.core.cache import cache

WINDOW_SECONDS = 60 * 60


def over_rate_limit(*, scope: str, key: str, limit: int) -> bool:
    """Count one more event for ``key`` in the current hour; True once there are more than
    ``limit``. The key (an address) is stored only as a hash."""
    name = f"throttle:{scope}:{hashlib.sha256(key.encode()).hexdigest()}"
    if cache.add(name, 1, WINDOW_SECONDS):
        return limit < 1
    try:
        return cache.incr(name) > limit
    except ValueError:  # the window ended in between: this event opens the next one
        cache.add(name, 1, WINDOW_SECONDS)
        return limit < 1
