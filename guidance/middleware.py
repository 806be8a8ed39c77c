"""Guidance read once per request.

Every page reference links to the report once editors have set its address (the ``page_ref``
filter). A results page or a PDF holds dozens of page references, and every read of the
cached guidance checks the guidance version; this middleware gives each request a fresh
record of what it has read (``guidance.selectors.this_request``), so that the address is read
once per request however many references the page has, and the next request reads it again.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from guidance.selectors import this_request


def guidance_per_request(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        token = this_request.set({})
        try:
            return get_response(request)
        finally:
            this_request.reset(token)

    return middleware
