from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from guidance.models import Domain
from guidance.selectors import guidance_benchmarks, guidance_domains


def library(request: HttpRequest) -> HttpResponse:
    """The whole guidance, public. Template: guidance/library.html.

    Context: ``domains`` (the four domains), ``topics`` (information sharing), each with its
    suggestions, example practices and resources, and ``benchmarks`` (the survey findings).
    """
    domains = guidance_domains()
    return render(
        request,
        "guidance/library.html",
        {
            "domains": [d for d in domains if d.kind == Domain.Kind.DOMAIN],
            "topics": [d for d in domains if d.kind == Domain.Kind.TOPIC],
            "benchmarks": guidance_benchmarks(),
        },
    )
