"""What bench/smoke.py and bench/load.py share: an HTTP client that behaves like a browser
behind a TLS proxy, and a small HTML form reader.

Why the client pretends to use HTTPS: with DEBUG=0 the app marks its session and CSRF cookies
Secure, and a client never sends a Secure cookie over plain http://. bench/serve.sh starts the
server with SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO,https, as behind a TLS proxy. Given
an http:// base URL, the client addresses the server as https:// (so httpx's cookie jar keeps
and sends Secure cookies, and redirects resolve against https://), adds
"X-Forwarded-Proto: https", and its transport sends the bytes over plain HTTP. Django then sees
a secure request, exactly as in production. An https:// base URL is used as it is.
"""

import asyncio
import os
import re
import secrets
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import httpx

TIMEOUT = httpx.Timeout(120.0, connect=10.0)


def _plain(request: httpx.Request) -> httpx.Request:
    """The same request sent to http://; the Host header still names the server."""
    return httpx.Request(
        request.method,
        request.url.copy_with(scheme="http"),
        headers=request.headers,
        stream=request.stream,
        extensions=request.extensions,
    )


class PlainTransport(httpx.HTTPTransport):
    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return super().handle_request(_plain(request))


class AsyncPlainTransport(httpx.AsyncHTTPTransport):
    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await super().handle_async_request(_plain(request))


def _options(base_url: str) -> tuple[str, dict[str, str], bool]:
    url = httpx.URL(base_url)
    behind_proxy = url.scheme == "http"
    headers = {"User-Agent": "cvi-bench"}
    if behind_proxy:
        url = url.copy_with(scheme="https")
        headers["X-Forwarded-Proto"] = "https"
    return str(url).rstrip("/"), headers, behind_proxy


def client(base_url: str) -> httpx.Client:
    base, headers, behind_proxy = _options(base_url)
    transport = PlainTransport() if behind_proxy else None
    return httpx.Client(base_url=base, headers=headers, transport=transport, timeout=TIMEOUT)


def async_client(base_url: str) -> httpx.AsyncClient:
    base, headers, behind_proxy = _options(base_url)
    transport = AsyncPlainTransport() if behind_proxy else None
    return httpx.AsyncClient(base_url=base, headers=headers, transport=transport, timeout=TIMEOUT)


def origin(http: httpx.Client | httpx.AsyncClient) -> dict[str, str]:
    """The Origin header a browser sends with a form; Django's CSRF check compares it."""
    url = http.base_url
    return {"Origin": f"{url.scheme}://{url.netloc.decode()}"}


@dataclass
class Form:
    action: str
    method: str
    # name -> the values a browser would send as they stand (hidden, text, checked boxes).
    values: dict[str, list[str]] = field(default_factory=dict)
    # name -> the values the user could choose (radio buttons, check boxes, select options).
    choices: dict[str, list[str]] = field(default_factory=dict)
    textareas: list[str] = field(default_factory=list)
    buttons: list[tuple[str, str]] = field(default_factory=list)

    def data(self, chosen: Mapping[str, str | list[str]]) -> dict[str, str | list[str]]:
        """The form as sent, with ``chosen`` values replacing the current ones."""
        unknown = set(chosen) - set(self.values) - set(self.choices) - {n for n, _ in self.buttons}
        if unknown:
            raise AssertionError(f"{self.action}: the form has no field {sorted(unknown)}")
        data: dict[str, str | list[str]] = {name: list(v) for name, v in self.values.items()}
        data.update(chosen)
        return data


class _FormReader(HTMLParser):
    def __init__(self, page_url: str) -> None:
        super().__init__()
        self.page_url = page_url
        self.forms: list[Form] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            action = urljoin(self.page_url, a.get("action") or self.page_url)
            self.forms.append(Form(action, a.get("method", "get").lower()))
            return
        if not self.forms:
            return
        form, name = self.forms[-1], a.get("name", "")
        if tag == "option" and self._select:
            form.choices[self._select].append(a.get("value", ""))
            if "selected" in a:
                form.values[self._select] = [a.get("value", "")]
        elif not name:
            return
        elif tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("radio", "checkbox"):
                form.choices.setdefault(name, []).append(a.get("value", "on"))
                if "checked" in a:
                    form.values.setdefault(name, []).append(a.get("value", "on"))
            elif kind == "submit":
                form.buttons.append((name, a.get("value", "")))
            else:
                form.values[name] = [a.get("value", "")]
        elif tag == "textarea":
            self._textarea = name
            form.textareas.append(name)
            form.values[name] = [""]
        elif tag == "button":
            form.buttons.append((name, a.get("value", "")))
        elif tag == "select":
            self._select = name
            form.choices[name] = []

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.forms[-1].values[self._textarea][0] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            # As in a browser, a newline right after <textarea> is not part of the text.
            values = self.forms[-1].values[self._textarea]
            values[0] = values[0].removeprefix("\n")
            self._textarea = None


def forms(html: str, page_url: str) -> list[Form]:
    reader = _FormReader(page_url)
    reader.feed(html)
    return reader.forms


def find_form(html: str, page_url: str, *, field: str = "", action: str = "") -> Form:
    """The first form that has the field ``field`` and posts to a URL ending in ``action``."""
    for form in forms(html, page_url):
        if field and field not in form.values and field not in form.choices:
            continue
        if form.action.endswith(action):
            return form
    raise AssertionError(f"{page_url}: no form with field {field!r} and action {action!r}")


# The app's own forms --------------------------------------------------------------------------

# A valid agency context: an agency that has not taken part in a CVI but would.
CONTEXT_ANSWERS: dict[str, str | list[str]] = {
    "has_participated": "no",
    "would_participate": "yes",
    "community_shares_responsibility": "yes",
    "preferred_role": "support",
    "local_cvi_types": ["street_outreach", "hospital"],
}


def signup_data(form: Form, label: str) -> tuple[dict[str, str | list[str]], str]:
    """The sign-up form filled in for a new person and agency; returns it and the email."""
    email = f"chief-{label}@pd-{label}.example.gov"
    chosen: dict[str, str | list[str]] = {
        "person-full_name": f"Chief {label}",
        "person-email": email,
        "agency-name": f"Police Department {label}",
    }
    # Agency type, size, state and population: the first real option of each list.
    for name, options in form.choices.items():
        chosen.setdefault(name, next(option for option in options if option))
    return form.data(chosen), email


def mail_log(base_url: str) -> Path:
    """Where the server's email can be read. Without EMAIL_HOST the email worker writes each
    email to its log; bench/serve.sh puts it in $TMPDIR/cvi-bench-$PORT/worker.log. Elsewhere
    (a container, a second instance) set BENCH_MAIL_LOG to a file that receives that log."""
    if os.environ.get("BENCH_MAIL_LOG"):
        return Path(os.environ["BENCH_MAIL_LOG"])
    port = httpx.URL(base_url).port or 80
    return Path(tempfile.gettempdir()) / f"cvi-bench-{port}" / "worker.log"


SIGNUP_LINK = re.compile(r"https?://[^/\s]+(/accounts/signup/confirm/\?token=\S+)")


def signup_link(log: Path, email: str) -> str | None:
    """The path of the last sign-up link emailed to ``email`` in the server's log, if any."""
    text = log.read_text(errors="replace") if log.exists() else ""
    found = None
    for message in text.split("-" * 79):  # the console email backend's separator
        if re.search(rf"^To: {re.escape(email)}$", message, re.MULTILINE):
            match = SIGNUP_LINK.search(message)
            found = match.group(1) if match else found
    return found


async def wait_for_signup_link(log: Path, email: str, seconds: float = 30) -> str:
    """The sign-up link emailed to ``email``, once it is in the log."""
    deadline = time.monotonic() + seconds
    while (link := signup_link(log, email)) is None:
        if time.monotonic() > deadline:
            raise AssertionError(f"no sign-up link for {email} in {log} after {seconds:.0f} s")
        await asyncio.sleep(0.3)
    return link


def password_data(form: Form) -> dict[str, str | list[str]]:
    """The "finish signing up" form with a new random password, twice."""
    password = secrets.token_urlsafe(18)
    return form.data({"password1": password, "password2": password})


def item_ids(form: Form) -> list[int]:
    """The rated items of a section page (radio groups named item-<id>)."""
    return [int(name.removeprefix("item-")) for name in form.choices if name.startswith("item-")]
