"""Read the guidance for display, in a fixed, small number of queries.

Nothing here is cached: a request reads what it needs once and passes it along (the results
page reads the domains once for the results, the perspectives and the peer comparison), so an
edit in the admin shows on the next request, on every server, with nothing to invalidate.
``guidance_revision`` names the content as it stands, for the one page cached by its content
(the public guidance library).
"""

import hashlib

from django.apps import apps
from django.db import connection
from django.db.models import Prefetch

from guidance.models import (
    Benchmark,
    Domain,
    ExamplePractice,
    ReportDetails,
    Resource,
    Suggestion,
)


def guidance_domains() -> list[Domain]:
    """Every domain with its active suggestions, example practices (with the suggestions
    each illustrates) and resources: four queries."""
    return list(
        Domain.objects.prefetch_related(
            Prefetch(
                "suggestions",
                queryset=Suggestion.objects.filter(is_active=True).order_by("order", "pk"),
            ),
            Prefetch(
                "examples",
                queryset=ExamplePractice.objects.prefetch_related("suggestions").order_by(
                    "order", "pk"
                ),
            ),
            Prefetch("resources", queryset=Resource.objects.order_by("order", "pk")),
        )
    )


def guidance_benchmarks() -> list[Benchmark]:
    return list(Benchmark.objects.all())


def report_address() -> str:
    """The report's web address as editors set it ("" until they do)."""
    return ReportDetails.load().address


def guidance_revision() -> str:
    """A fingerprint of the guidance as the database holds it: one query.

    Every change to guidance, through the admin, a revert or load_guidance, adds a row to the
    model's history table (django-simple-history, in the same transaction), many-to-many
    links included. So the number of history rows and the highest id of each history table
    change with every change of content, and with nothing else: a key built from them names
    the content itself, with nothing to invalidate. (The count matters: two edits that commit
    in the opposite order of their ids leave the highest id unchanged, not the count.)
    """
    histories = sorted(
        (model._meta.db_table, model._meta.pk.column)
        for model in apps.get_app_config("guidance").get_models()
        if model._meta.db_table.startswith("guidance_historical")
    )
    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(
        f"SELECT COUNT(*), COALESCE(MAX({quote(key)}), 0) FROM {quote(table)}"  # noqa: S608
        for table, key in histories
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        rows = cursor.fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()[:16]
