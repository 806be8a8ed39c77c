"""Read the guidance for display: a fixed, small number of queries, cached per version."""

from django.db.models import Prefetch

from guidance.cache import cached_guidance, this_request
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
    each illustrates) and resources."""
    return cached_guidance(
        "domains",
        lambda: list(
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
        ),
    )


def guidance_benchmarks() -> list[Benchmark]:
    return cached_guidance("benchmarks", lambda: list(Benchmark.objects.all()))


def report_address() -> str:
    """The report's web address as editors set it ("" until they do): cached per guidance
    version, and read at most once per request."""
    memo = this_request.get()
    if memo is not None and "report_address" in memo:
        return memo["report_address"]
    address = cached_guidance("report-address", lambda: ReportDetails.load().address)
    if memo is not None:
        memo["report_address"] = address
    return address
