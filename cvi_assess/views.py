from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    """The landing page: what the tool does and where to start. Template: home.html."""
    return render(request, "home.html")


def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers, 503 when it does not (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


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
