"""Guidance read on every page, kept in the cache until the guidance changes.

Every change to guidance content made through a model's save() or delete() (the admin, a
revert from history, load_guidance) writes a history row, so the number of history rows (and
their newest id) is a version that moves on with every committed edit, whatever order
concurrent edits commit in. One small query reads it; cached
values are filed under it, so an edit makes the next request build fresh values in every
server process, with no signal and no explicit invalidation. The timeout is only a backstop
for changes made without history (a data migration, a raw SQL update).
"""

from collections.abc import Callable
from typing import TypeVar

from django.apps import apps
from django.core.cache import cache
from django.db import connection

T = TypeVar("T")
TIMEOUT = 600


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
    key = f"guidance:{name}:{guidance_version()}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value
