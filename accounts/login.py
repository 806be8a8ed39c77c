"""The email address a log-in names, in the one form that log-in throttling counts.

People log in with their email address in any case (``UserManager.get_by_natural_key`` matches
it case-insensitively), so django-axes must count "chief@example.org", "CHIEF@example.org" and
" chief@example.org " as one person; otherwise every variant gets its own tries, and a locked
account opens with the right password typed in capitals.
"""

from django.http import HttpRequest


def login_email(value: str | None) -> str:
    """The address as accounts store it: without surrounding spaces, in lower case."""
    return (value or "").strip().lower()


def axes_username(request: HttpRequest, credentials: dict | None) -> str | None:
    """django-axes' AXES_USERNAME_CALLABLE: the normalized address of every log-in attempt,
    from the credentials given to ``authenticate()`` or else from the posted form (the user's
    own log-in page and the admin's)."""
    value = (credentials or {}).get("username")
    if value is None:
        value = getattr(request, "POST", {}).get("username")
    return login_email(value) or None
