"""Guidance read on every page, built once per guidance version.

The guidance version is a number in the shared cache (cvi_assess/versions.py). It moves on in
one place, ``guidance_changed``, which runs on every save and delete of a guidance model (the
admin, a revert from history, ``load_guidance``) and after migrations, so an edit made through
any server shows on every server at the next request, and no page counts history rows.

Each server process keeps what it built for the current version in memory: the domains and
items are read on nearly every request, and unpickling model instances from the cache each time
would cost more than the page around them. Only the version number travels, once per request
(``guidance_version`` remembers it for the rest of the request). Values are shared between
requests, so callers must not modify them.
"""

import time
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from cvi_assess import versions

T = TypeVar("T")
NAME = "guidance"
MAX_AGE = 600
_values: dict[str, tuple[int, float, Any]] = {}  # name -> (version, built at, value)

# What this request has already read (set by guidance.middleware); None outside a request.
this_request: ContextVar[dict | None] = ContextVar("guidance_this_request", default=None)


def guidance_version() -> int:
    """The current guidance version, read once per request."""
    memo = this_request.get()
    if memo is not None and NAME in memo:
        return memo[NAME]
    version = versions.current(NAME)[0]
    if memo is not None:
        memo[NAME] = version
    return version


def remember_guidance_version(version: int) -> int:
    """Keep a version read along with others (one round trip) for the rest of the request;
    returns the version this request uses (the first one it read)."""
    memo = this_request.get()
    if memo is None:
        return version
    return memo.setdefault(NAME, version)


def guidance_changed(**kwargs) -> None:
    """Move every page built from guidance on to a new version (now and after commit)."""
    versions.changed(NAME)
    memo = this_request.get()
    if memo is not None:
        memo.clear()


def cached_guidance(name: str, build: Callable[[], T]) -> T:
    """``build()``'s value, built once per guidance version and server process (and at least
    every MAX_AGE seconds, for changes made without a model's save: raw SQL, a shell)."""
    version = guidance_version()
    kept = _values.get(name)
    if kept and kept[0] == version and time.monotonic() - kept[1] < MAX_AGE:
        return kept[2]
    value = build()
    _values[name] = (version, time.monotonic(), value)
    return value


def forget_guidance() -> None:
    """Drop every kept value (tests, whose rolled-back edits leave stale values behind)."""
    _values.clear()


def _guidance_saved(sender, **kwargs) -> None:
    guidance_changed()


def connect_signals() -> None:
    """Called once, from GuidanceConfig.ready(), for each model of the app (and each of its
    many-to-many tables), so that other apps' models keep Django's fast deletes."""
    for model in apps.get_app_config(NAME).get_models():
        uid = model._meta.label
        post_save.connect(_guidance_saved, sender=model, dispatch_uid=f"guidance-saved-{uid}")
        post_delete.connect(_guidance_saved, sender=model, dispatch_uid=f"guidance-del-{uid}")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _guidance_saved,
                sender=field.remote_field.through,
                dispatch_uid=f"guidance-m2m-{uid}-{field.name}",
            )
    post_migrate.connect(guidance_changed, dispatch_uid="guidance-migrated")
