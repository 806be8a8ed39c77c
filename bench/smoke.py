#!/usr/bin/env python
"""Smoke test of a running server: public pages, static files, security headers, and one
person signing up, starting an assessment and answering the agency context and one section.

Usage: .venv/bin/python bench/smoke.py [BASE_URL]     (default http://127.0.0.1:8001)

Start the server first with bench/serve.sh (see bench/webclient.py for why an http:// URL
still gets Secure cookies). Prints each check; exits 1 at the first that fails.
"""

import asyncio
import re
import sys
import time

import httpx
import webclient

SECURITY_HEADERS = [
    "Content-Security-Policy",
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "X-Frame-Options",
    "Cross-Origin-Opener-Policy",
]


def check(condition: bool, message: str) -> None:
    if not condition:
        raise AssertionError(message)
    print(f"  ok  {message}")


def fetch(
    http: httpx.Client, method: str, url: str, status: int, **kwargs: object
) -> httpx.Response:
    if method == "POST":
        kwargs["headers"] = webclient.origin(http)
    response = http.request(method, url, **kwargs)  # type: ignore[arg-type]
    where = response.headers.get("location", "")
    check(
        response.status_code == status,
        f"{method} {response.url.path} -> {response.status_code}"
        + (f" to {where}" if where else "")
        + ("" if response.status_code == status else f" (expected {status})"),
    )
    return response


def cookie_flags(response: httpx.Response) -> list[str]:
    """Set-Cookie headers without their values: the name and the attributes."""
    return [
        re.sub(r"^([^=]+)=[^;]*", r"\1=…", header)
        for header in response.headers.get_list("set-cookie")
    ]


def public_pages(http: httpx.Client) -> None:
    print("Public pages")
    health = fetch(http, "GET", "/healthz", 200)
    check(
        health.json() == {"status": "ok", "database": "ok", "cache": "ok"},
        f"/healthz says {health.text}",
    )
    home = fetch(http, "GET", "/", 200)
    check("community violence intervention" in home.text, "/ explains what the tool is for")
    print("Security headers of /:")
    for name in SECURITY_HEADERS:
        print(f"  {name}: {home.headers.get(name, '(not sent)')}")
    for name in SECURITY_HEADERS:
        check(name in home.headers, f"/ sends {name}")

    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+\.css)"', home.text)
    check(len(stylesheets) >= 2, f"/ links {len(stylesheets)} stylesheets: {stylesheets}")
    for href in stylesheets:
        css = fetch(http, "GET", href, 200)
        check(
            css.headers["content-type"].startswith("text/css") and len(css.content) > 100,
            f"{href} is CSS ({len(css.content)} bytes, "
            f"Cache-Control: {css.headers.get('cache-control')})",
        )
    check(
        all(re.search(r"\.[0-9a-f]{12}\.css$", href) for href in stylesheets),
        "stylesheet names carry a content hash (collectstatic's manifest)",
    )

    library = fetch(http, "GET", "/guidance/", 200)
    check("Guidance library" in library.text, "/guidance/ is the guidance library")
    check(re.search(r"pp?\. \d+", library.text) is not None, "/guidance/ cites report pages")
    login = fetch(http, "GET", "/accounts/login/", 200)
    webclient.find_form(login.text, str(login.url), field="username")
    check(True, "/accounts/login/ has the log-in form")
    print(f"  Set-Cookie of /accounts/login/: {cookie_flags(login)}")
    check(
        all("Secure" in c and "HttpOnly" in c and "SameSite=Lax" in c for c in cookie_flags(login)),
        "the CSRF cookie is Secure, HttpOnly and SameSite=Lax",
    )
    fetch(http, "GET", "/assessments/", 302)
    fetch(http, "GET", "/no-such-page/", 404)


def one_assessment(http: httpx.Client) -> None:
    print("Sign up, start an assessment, answer the context and one section")
    page = fetch(http, "GET", "/accounts/signup/", 200)
    form = webclient.find_form(page.text, str(page.url), field="person-email")
    data, email = webclient.signup_data(form, f"smoke-{time.time_ns()}")
    signed_up = fetch(http, "POST", form.action, 302, data=data)
    check(signed_up.headers["location"] == "/accounts/signup/sent/", "sign-up: check your email")
    sent = fetch(http, "GET", "/accounts/signup/sent/", 200)
    check("Check your email" in sent.text and email in sent.text, f"the page names {email}")
    log = webclient.mail_log(str(http.base_url))
    link = asyncio.run(webclient.wait_for_signup_link(log, email))
    check(True, f"the sign-up link arrived (read from {log})")
    page = fetch(http, "GET", link, 200)
    form = webclient.find_form(page.text, str(page.url), field="password1")
    finished = fetch(http, "POST", form.action, 302, data=webclient.password_data(form))
    check(finished.headers["location"] == "/assessments/", "the link's form leads in")
    print(f"  Set-Cookie of finishing the sign-up: {cookie_flags(finished)}")
    check(
        any(c.startswith("sessionid=") and "Secure" in c for c in cookie_flags(finished)),
        f"{email} is logged in with a Secure session cookie",
    )

    page = fetch(http, "GET", "/assessments/", 200)
    check("Police Department smoke-" in page.text, "the assessments page names the agency")
    start = webclient.find_form(page.text, str(page.url), action="/assessments/")
    started = fetch(http, "POST", start.action, 302, data=start.data({}))
    context_url = started.headers["location"]
    check(re.fullmatch(r"/assessments/[0-9a-f-]{36}/context/", context_url) is not None, "started")

    page = fetch(http, "GET", context_url, 200)
    form = webclient.find_form(page.text, str(page.url), field="has_participated")
    answers = {**webclient.CONTEXT_ANSWERS, "action": "continue"}
    saved = fetch(http, "POST", form.action, 302, data=form.data(answers))
    section_url = saved.headers["location"]
    check("/sections/" in section_url, "the context is saved; next: the first domain")

    page = fetch(http, "GET", section_url, 200)
    form = webclient.find_form(page.text, str(page.url), field="loaded_at")
    items = webclient.item_ids(form)
    check(len(items) > 0, f"the first domain has {len(items)} rated items")
    chosen = {f"item-{item}": form.choices[f"item-{item}"][-1] for item in items}
    chosen[f"note-{items[0]}"] = "Smoke test note."
    saved = fetch(http, "POST", form.action, 302, data=form.data({**chosen, "action": "continue"}))
    check(saved.headers["location"] != section_url, "the section is saved; on to the next")

    page = fetch(http, "GET", section_url, 200)
    again = webclient.find_form(page.text, str(page.url), field="loaded_at")
    check(
        all(again.values.get(name) == [value] for name, value in chosen.items()),
        "reopening the section shows every saved answer and the note",
    )
    check(f"Complete: {len(items)} of {len(items)} answered" in page.text, "progress: complete")
    results = fetch(http, "GET", context_url.replace("/context/", "/results/"), 200)
    check("Provisional results" in results.text, "provisional results are shown")


def main() -> int:
    base_url = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8001"
    print(f"Smoke test of {base_url}")
    with webclient.client(base_url) as http:
        try:
            public_pages(http)
            one_assessment(http)
        except (AssertionError, httpx.HTTPError) as error:
            print(f"FAIL: {error}")
            return 1
    print("Smoke test passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
