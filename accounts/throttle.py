"""The one rate limiter: events counted per scope and key in a window, in the shared cache.

With Redis configured every server process counts together; with the default in-process cache,
each process counts on its own (so the limits are per process). Keys (addresses, links) are
stored only as hashes.

Three ways to use it: ``over_rate_limit`` counts an event and says whether it went over the
limit (sign-ups, password resets); ``rate_limit_reached`` only looks, and ``rate_limit_count``
counts once the event has happened, for limits that must count only what succeeded (answers
stored through an open invitation link); ``rate_limit_take`` counts several events at once
only if they all fit (a round of invitation emails).
"""

import hashlib

from django.core.cache import cache

WINDOW_SECONDS = 60 * 60


def _name(scope: str, key: str) -> str:
    return f"throttle:{scope}:{hashlib.sha256(key.encode()).hexdigest()}"


def rate_limit_count(*, scope: str, key: str, window: int = WINDOW_SECONDS) -> int:
    """Count one more event for ``key``; returns the events in the current window."""
    name = _name(scope, key)
    if cache.add(name, 1, window):
        return 1
    try:
        return cache.incr(name)
    except ValueError:  # the window ended in between: this event opens the next one
        cache.add(name, 1, window)
        return 1


def rate_limit_reached(*, scope: str, key: str, limit: int) -> bool:
    """True once ``key`` has had ``limit`` events in the current window (counts nothing)."""
    return cache.get(_name(scope, key), 0) >= limit


def over_rate_limit(*, scope: str, key: str, limit: int, window: int = WINDOW_SECONDS) -> bool:
    """Count one more event for ``key``; True once there are more than ``limit``."""
    return rate_limit_count(scope=scope, key=key, window=window) > limit


def rate_limit_take(
    *, scope: str, key: str, limit: int, amount: int = 1, window: int = WINDOW_SECONDS
) -> bool:
    """Count ``amount`` events for ``key`` if they fit under ``limit`` in the current window;
    False, counting nothing, if they do not."""
    name = _name(scope, key)
    if amount <= 0:
        return True
    if amount > limit:
        return False
    if cache.add(name, amount, window):
        return True
    try:
        total = cache.incr(name, amount)
    except ValueError:  # the window ended in between: these events open the next one
        return cache.add(name, amount, window) or rate_limit_take(
            scope=scope, key=key, limit=limit, amount=amount, window=window
        )
    if total > limit:
        cache.decr(name, amount)
        return False
    return True
