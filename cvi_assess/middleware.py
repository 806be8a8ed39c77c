"""Pages answer 503 "temporarily unavailable" while the database or the cache cannot be
reached."""

import logging

from django.http import HttpRequest, HttpResponse

from cvi_assess.views import SERVICE_DOWN, database_unavailable

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    """Turns a lost database or cache connection in a view into the 503 page, not the 500.

    Failures outside views (saving the session at the end of a request) reach the same page
    through the 500 handler, ``cvi_assess.views.server_error``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not isinstance(exception, SERVICE_DOWN):
            return None
        # One line, no traceback: an outage would otherwise fill the log with identical ones.
        logger.error(
            "Database or cache unavailable (%s: %s): answered 503 to %s %s",
            type(exception).__name__,
            str(exception).strip().splitlines()[0] if str(exception).strip() else "",
            request.method,
            request.path,
        )
        return database_unavailable(request)
