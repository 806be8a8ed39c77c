from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from cvi_assess.context_processors import REPORT
from guidance.cache import cached_guidance
from guidance.models import Domain
from guidance.selectors import guidance_benchmarks, guidance_domains


def _library_body() -> str:
    domains = guidance_domains()
    return render_to_string(
        "guidance/library_body.html",
        {
            "domains": [d for d in domains if d.kind == Domain.Kind.DOMAIN],
            "topics": [d for d in domains if d.kind == Domain.Kind.TOPIC],
            "benchmarks": guidance_benchmarks(),
            "report": REPORT,
        },
    )


def library(request: HttpRequest) -> HttpResponse:
    """The whole guidance, public. Template: guidance/library.html.

    Its body (guidance/library_body.html: the domains, information sharing and the survey
    findings) is the same for everyone, so it is rendered once per guidance version. So is the
    whole page for a visitor without a session: no name, no form, no message to show.
    """

    def page() -> bytes:
        body = cached_guidance("library", _library_body)
        return render(request, "guidance/library.html", {"body": body}).content

    if request.user.is_anonymous and settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return HttpResponse(cached_guidance("library-page", page))
    return HttpResponse(page())
