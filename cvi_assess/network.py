from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The client's address, for log-in throttling.

    Without proxies it is REMOTE_ADDR. Behind PROXY_COUNT trusted proxies, each appends the
    address it received the request from to X-Forwarded-For, so the client is the
    PROXY_COUNT-th entry from the right; anything further left came from the client itself and
    could be forged.
    """
    if settings.PROXY_COUNT:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= settings.PROXY_COUNT:
            return forwarded[-settings.PROXY_COUNT]
    return request.META.get("REMOTE_ADDR")
