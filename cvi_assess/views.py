import sys

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

# How long browsers and proxies are asked to wait before trying again while the database is
# unavailable: about the time PostgreSQL takes to restart.
RETRY_AFTER_SECONDS = 30
# What psycopg, Django and redis-py raise when the database or the shared cache is down,
# restarting or unreachable: pages answer 503 "temporarily unavailable", not 500.
SERVICE_DOWN = (OperationalError, InterfaceError, RedisConnectionError, RedisTimeoutError)


def home(request: HttpRequest) -> HttpResponse:
    """The landing page: what the tool does and where to start. Template: home.html."""
    return render(request, "home.html")


def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database and the cache answer, 503 when either does not (for load
    balancers and container health checks)."""
    status = {"database": "ok", "cache": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        status["database"] = "unavailable"
    try:
        cache.get("healthz")
    except SERVICE_DOWN:
        status["cache"] = "unavailable"
    if "unavailable" in status.values():
        return JsonResponse({"status": "error", **status}, status=503)
    return JsonResponse({"status": "ok", **status})


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """400: a request the server will not read. Template: 400.html.

    Context: ``too_many_fields`` (a form past DATA_UPLOAD_MAX_NUMBER_FIELDS) and ``too_big``
    (past DATA_UPLOAD_MAX_MEMORY_SIZE). The posted data is never read here: reading it is what
    failed.
    """
    context = {
        "too_many_fields": isinstance(exception, TooManyFieldsSent),
        "too_big": isinstance(exception, RequestDataTooBig),
        "field_limit": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
    }
    return render(request, "400.html", context, status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """403: the reason, and for agency members who can do it instead. Template: 403.html."""
    agency = getattr(request.user, "agency", None)
    return render(
        request,
        "403.html",
        {
            "message": str(exception or ""),
            "owners": agency.owners() if agency else [],
        },
        status=403,
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form was sent without a valid security token (usually an expired page)."""
    return render(request, "403_csrf.html", status=403)


def database_unavailable(request: HttpRequest) -> HttpResponse:
    """503 while the database cannot be reached. Template: 503.html.

    The page needs no database: it is rendered without the request's context (no user, no
    session, no messages). A form that was sent comes back as hidden fields with a "Send
    again" button, so nothing typed is lost; passwords are never written back into a page.
    Context: ``action`` (where the form was sent) and ``posted`` (name, value pairs).
    """
    posted = []
    if request.method == "POST":
        posted = [
            (name, value)
            for name, values in request.POST.lists()
            if "password" not in name.lower()
            for value in values
        ]
    html = render_to_string(
        "503.html", {"action": request.get_full_path(), "posted": posted, "method": request.method}
    )
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """500, or 503 when the error was a lost database or cache connection outside a view
    (the middleware handles those inside views). Template: 500.html, with no context, as Django's
    own handler renders it."""
    if isinstance(sys.exc_info()[1], SERVICE_DOWN):
        return database_unavailable(request)
    return HttpResponseServerError(render_to_string("500.html"))
