"""The links that carry a secret: whoever holds one can use it, so no log keeps one and no
browser or proxy stores a page reached through one.

``SECRET_LINKS`` is the one list, with what a log shows instead of each link. The application's
log filter (cvi_assess/log_privacy.py), gunicorn's access and error logs
(cvi_assess/gunicorn_logging.py) and the no-store rule (cvi_assess/middleware.py) all read it.
tests/test_log_privacy.py walks the URLconf: a new URL parameter has to be declared secret or
not, and every secret one must be masked here.
"""

import re

# One path segment, or a query-string value: what a token can be made of, up to the next
# separator. A slash may also be written %2F (a link inside another link's ?next=).
_SEGMENT = r"[^/\s\"'?&#<>%]+"
_SLASH = r"(?:/|%2[Ff])"

SECRET_LINKS: list[tuple[re.Pattern, str]] = [
    # An invitee's link to answer (open or personal): with a time it could point to the person
    # who answered, and it lets its holder answer.
    (re.compile(rf"{_SLASH}respond{_SLASH}{_SEGMENT}"), "/respond/[link]"),
    # A partner organization's personal link: whoever holds it can read the partner's page and
    # write on the partner's behalf.
    (re.compile(rf"{_SLASH}partner{_SLASH}{_SEGMENT}"), "/partner/[link]"),
    # A colleague's invitation: whoever holds it can join the agency.
    (re.compile(rf"{_SLASH}accounts{_SLASH}join{_SLASH}{_SEGMENT}"), "/accounts/join/[link]"),
    # A person's private calendar feed: whoever holds it reads the due dates of their actions.
    (re.compile(rf"{_SLASH}calendar{_SLASH}{_SEGMENT}"), "/calendar/[link]"),
    # A password-reset link (the person's id, then the token that sets their password, or
    # "set-password" once Django has moved the token into the session).
    (
        re.compile(rf"{_SLASH}accounts{_SLASH}reset{_SLASH}{_SEGMENT}{_SLASH}{_SEGMENT}"),
        "/accounts/reset/[link]",
    ),
    # A sign-up link carries its signed details in ?token=…; any other token= parameter is
    # masked too, at the start of a query string (gunicorn's %(q)s) or after ? or &.
    (
        re.compile(r"((?:^|[?&\s]|%3[Ff]|%26)token(?:=|%3[Dd]))[^&\s\"'#<>]+"),
        r"\1[link]",
    ),
]


def mask_secret_links(text: str) -> str:
    """``text`` with every secret-bearing link in it replaced by its masked form."""
    for pattern, masked in SECRET_LINKS:
        text = pattern.sub(masked, text)
    return text


def carries_secret(address: str) -> bool:
    """True for an address (a path with its query string) that holds a secret link."""
    return mask_secret_links(address) != address
