"""The version of every figure computed from what agencies share.

Peer benchmarks (on results pages and in PDFs) and the program view are cached under one
number kept in Django's cache. It moves on whenever the figures could change: when an agency's
owner changes its choice (accounts, here) and when an assessment is submitted (questionnaire).
Both sides only bump the number, so accounts never needs to know what questionnaire caches,
and the arrows of docs/architecture.md hold. A figure is cached under the version read
*before* it was computed, so a change that commits while it is computed makes it unreachable
at once instead of serving it under the new number.

If the cache loses the number (eviction, restart), it starts again from the clock, which is
above every number used before, so an old figure is never read back under a new version.
"""

import time

from django.core.cache import cache

VERSION_KEY = "shared-figures:version"


def shared_figures_version() -> int:
    """The current version; cached figures are stored under it."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY, time.time_ns())
    return version


def shared_figures_changed() -> None:
    """Move every cached peer and program figure to a new version (call after commit)."""
    shared_figures_version()
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # evicted in between: a fresh number from the clock is new too
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)
