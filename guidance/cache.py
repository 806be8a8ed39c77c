"""Guidance read on every page, kept in memory until the guidance changes.

Every change to guidance content made through a model's save() or delete() (the admin, a
revert from history, load_guidance) writes a history row, so the number of history rows (and
their newest id) is a version that moves on with every committed edit, whatever order
concurrent edits commit in. One small query reads it; each server process keeps the values
it built for the current version, so an edit makes the next request in every process build
fresh ones, with no signal and no explicit invalidation. Changes made without history (a data
migration, a raw SQL update) are seen after a restart, or after MAX_AGE seconds.

The values live in a plain dict of this process rather than in Django's cache: they are read
on nearly every request, and unpickling model instances each time cost more than building the
page around them. They are shared between requests, so callers must not modify them.
"""

import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.apps import apps
from django.db import connection

T = TypeVar("T")
MAX_AGE = 600
_values: dict[str, tuple[str, float, Any]] = {}  # name -> (version, built at, value)


def _history_tables() -> list[tuple[str, str]]:
    return [
        (model._meta.db_table, model._meta.pk.column)
        for model in apps.get_app_config("guidance").get_models()
        if model.__name__.startswith("Historical")
    ]


def guidance_version() -> str:
    """How many history rows the guidance tables have, and the sum of their newest ids."""
    qn = connection.ops.quote_name
    # Table and column names come from the models, never from input.
    parts = " UNION ALL ".join(
        f"SELECT COUNT(*) AS n, COALESCE(MAX({qn(pk)}), 0) AS newest FROM {qn(table)}"  # noqa: S608
        for table, pk in _history_tables()
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT SUM(n), SUM(newest) FROM ({parts}) AS history")  # noqa: S608
        count, newest = cursor.fetchone()
    return f"{count}.{newest}"


def cached_guidance(name: str, build: Callable[[], T]) -> T:
    """``build()``'s value, built once per guidance version and server process."""
    version = guidance_version()
    kept = _values.get(name)
    if kept and kept[0] == version and time.monotonic() - kept[1] < MAX_AGE:
        return kept[2]
    value = build()
    _values[name] = (version, time.monotonic(), value)
    return value


def forget_guidance() -> None:
    """Drop every kept value (tests, whose rolled-back edits leave the version unchanged)."""
    _values.clear()
