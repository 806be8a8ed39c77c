"""Read the guidance for display, in a fixed, small number of queries."""

from django.db.models import Prefetch, QuerySet

from guidance.models import Benchmark, Domain, ExamplePractice, Resource, Suggestion


def guidance_domains() -> QuerySet[Domain]:
    """Every domain with its active suggestions, example practices and resources."""
    return Domain.objects.prefetch_related(
        Prefetch(
            "suggestions",
            queryset=Suggestion.objects.filter(is_active=True).order_by("order", "pk"),
        ),
        Prefetch("examples", queryset=ExamplePractice.objects.order_by("order", "pk")),
        Prefetch("resources", queryset=Resource.objects.order_by("order", "pk")),
    )


def guidance_benchmarks() -> QuerySet[Benchmark]:
    return Benchmark.objects.all()
