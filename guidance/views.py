from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cvi_assess.release import release
from guidance.models import Domain
from guidance.selectors import guidance_benchmarks, guidance_domains, guidance_revision

# A day: the key names the content, so this only bounds how long an unused page is kept.
LIBRARY_CACHE_SECONDS = 24 * 60 * 60


def library(request: HttpRequest) -> HttpResponse:
    """The whole guidance, public. Template: guidance/library.html.

    Context: ``domains`` (the four domains), ``topics`` (information sharing), each with its
    suggestions, example practices and resources, and ``benchmarks`` (the survey findings).

    A visitor without a session (most of its readers) sees the same page as every other: it
    is kept in the cache under the guidance's revision and the release (one query to read
    the revision), so an edit or an upgrade is a new page at once. Anyone logged in gets it
    rendered for them.
    """
    if request.user.is_authenticated or settings.SESSION_COOKIE_NAME in request.COOKIES:
        return _library(request)
    key = f"guidance-library:{release()}:{guidance_revision()}"
    page = cache.get(key)
    if page is None:
        page = _library(request).content
        cache.set(key, page, LIBRARY_CACHE_SECONDS)
    return HttpResponse(page)


def _library(request: HttpRequest) -> HttpResponse:
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
