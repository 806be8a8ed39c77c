"""Pages answer 503 "temporarily unavailable" while the database or the cache cannot be
reached; private pages are never stored by a browser or a proxy."""

import logging

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

from cvi_assess.secret_links import carries_secret
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


class NoStoreForPrivatePages:
    """Cache-Control: no-store (Django's never-cache headers) on every response to someone
    logged in, and on every page reached through a link that carries a secret (an invitee's
    page, a colleague's invitation, a sign-up or password-reset link: cvi_assess/secret_links.py).

    One rule in one place, so that no view can forget it: an assessment, a plan PDF, an export
    or an invitee's page left in a shared computer's browser cache, or in a proxy's, would show
    it to the next person. Public pages seen by visitors (home, the guidance library) and
    static files (served before this by whitenoise) stay cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if carries_secret(request.get_full_path()) or self._logged_in(request):
            add_never_cache_headers(response)
        return response

    @staticmethod
    def _logged_in(request: HttpRequest) -> bool:
        try:
            return request.user.is_authenticated
        except SERVICE_DOWN:  # who it is cannot be known: store nothing
            return True
