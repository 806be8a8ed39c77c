"""Guidance read once per request.

Every read of the cached guidance needs the guidance version, and every page reference links
to the report's address (the ``page_ref`` filter); a results page or a PDF holds dozens of
both. This middleware gives each request a fresh record of what it has read
(``guidance.cache.this_request``), so that the version and the address are read once per
request, and the next request reads them again.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from guidance.cache import this_request


def guidance_per_request(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        token = this_request.set({})
        try:
            return get_response(request)
        finally:
            this_request.reset(token)

    return middleware
