"""Read the guidance for display: a fixed, small number of queries, cached per version."""

from django.db.models import Prefetch

from guidance.cache import cached_guidance
from guidance.models import Benchmark, Domain, ExamplePractice, Resource, Suggestion


def guidance_domains() -> list[Domain]:
    """Every domain with its active suggestions, example practices and resources."""
    return cached_guidance(
        "domains",
        lambda: list(
            Domain.objects.prefetch_related(
                Prefetch(
                    "suggestions",
                    queryset=Suggestion.objects.filter(is_active=True).order_by("order", "pk"),
                ),
                Prefetch("examples", queryset=ExamplePractice.objects.order_by("order", "pk")),
                Prefetch("resources", queryset=Resource.objects.order_by("order", "pk")),
            )
        ),
    )


def guidance_benchmarks() -> list[Benchmark]:
    return cached_guidance("benchmarks", lambda: list(Benchmark.objects.all()))
