"""The email address a log-in names, in the one form that log-in throttling counts.

People log in with their email address in any case and with stray spaces, so django-axes must
count "chief@example.org", "CHIEF@example.org" and " chief@example.org " as one person;
otherwise every variant gets its own tries, and a locked account opens with the right password
typed in capitals. The form it counts is the canonical form that log-in looks up exactly
(accounts/email_address.py): the count and the account can never disagree.
"""

from django.core.exceptions import ValidationError
from django.http import HttpRequest

from accounts.email_address import canonical_email


def axes_username(request: HttpRequest, credentials: dict | None) -> str | None:
    """django-axes' AXES_USERNAME_CALLABLE: the canonical address of every log-in attempt,
    from the credentials given to ``authenticate()`` or else from the posted form (the user's
    own log-in page and the admin's)."""
    value = (credentials or {}).get("username")
    if value is None:
        value = getattr(request, "POST", {}).get("username")
    try:
        return canonical_email(value or "") or None
    except ValidationError:
        # No account has such an address, so no log-in with it can succeed; the log-in forms
        # refuse it before authenticate(). Counted under what was typed, cut to the length of
        # django-axes' column.
        return (value or "").strip()[:255] or None
