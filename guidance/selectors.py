"""Read the guidance for display, in a fixed, small number of queries.

Nothing here is cached: a request reads what it needs once and passes it along (the results
page reads the domains once for the results, the perspectives and the peer comparison), so an
edit in the admin shows on the next request, on every server, with nothing to invalidate.
"""

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
