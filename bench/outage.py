#!/usr/bin/env python
"""What people get while PostgreSQL or Redis is down, on a server run as in production.

Usage: .venv/bin/python bench/outage.py BASE_URL --stop-database CMD --start-database CMD
                                                 --stop-cache CMD --start-cache CMD

bench/outage.sh starts the server (gunicorn, DEBUG=0, collected static files) on a PostgreSQL
cluster and a Redis of its own and passes the commands that stop and start them. A chief signs
up and opens a section; then, for each service in turn, it is stopped and:

- a page view answers 503 with Retry-After and the "temporarily unavailable" message, and the
  page's stylesheets answer 200 (the page is styled, not a bare 500);
- a form sent meanwhile answers 503 with what was typed kept on the page (a note, the agency's
  name), and sending it again once the service is back saves it.

With Redis down, pages that need no shared state still work (200); what needs Redis (the
rate-limited sign-up, the PDF) answers 503. No request may answer 500. Exits 1 at the first
failed check.
"""

import argparse
import re
import shlex
import subprocess
import sys
import time

import httpx
import webclient
from smoke import check, fetch, one_assessment

MESSAGE = "temporarily unavailable"


def run(command: str) -> None:
    subprocess.run(shlex.split(command), check=True, stdout=subprocess.DEVNULL)


def wait_for_health(http: httpx.Client, healthy: bool, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            status = http.get("/healthz").status_code
        except httpx.HTTPError:
            status = 0
        if (status == 200) == healthy:
            return
        time.sleep(0.3)
    raise AssertionError(f"/healthz did not become {'healthy' if healthy else 'unhealthy'}")


def unavailable_page(http: httpx.Client, response: httpx.Response, what: str) -> None:
    """The 503 page: status, Retry-After, the message, and stylesheets that load."""
    check(response.status_code == 503, f"{what}: 503 (got {response.status_code})")
    check(response.headers.get("retry-after") == "30", f"{what}: Retry-After: 30")
    check(MESSAGE in response.text, f"{what}: the page says the service is {MESSAGE}")
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+\.css)"', response.text)
    check(len(stylesheets) >= 2, f"{what}: the page links {len(stylesheets)} stylesheets")
    for href in stylesheets:
        css = http.get(href)
        check(
            css.status_code == 200 and css.headers["content-type"].startswith("text/css"),
            f"{what}: {href} answers {css.status_code}",
        )


def kept_form(response: httpx.Response) -> webclient.Form:
    """The 503 page's "Send again" form."""
    return webclient.find_form(response.text, str(response.url))


def section_form(http: httpx.Client, section_url: str) -> webclient.Form:
    page = fetch(http, "GET", section_url, 200)
    return webclient.find_form(page.text, str(page.url), field="loaded_at")


def database_down(http: httpx.Client, section_url: str, commands: argparse.Namespace) -> None:
    print("PostgreSQL stopped")
    form = section_form(http, section_url)
    items = webclient.item_ids(form)
    note = f"Typed while the database was down {time.time_ns()}"
    run(commands.stop_database)
    try:
        wait_for_health(http, healthy=False)
        unavailable_page(http, http.get("/assessments/"), "GET /assessments/")
        unavailable_page(http, http.get(section_url), f"GET {section_url}")
        chosen = {f"item-{item}": form.choices[f"item-{item}"][1] for item in items}
        chosen[f"note-{items[0]}"] = note
        sent = http.post(
            form.action, data=form.data({**chosen, "action": "continue"}),
            headers=webclient.origin(http),
        )
        unavailable_page(http, sent, f"POST {form.action}")
        again = kept_form(sent)
        check(again.values.get(f"note-{items[0]}") == [note], "the note typed is kept on the page")
        check(
            all(again.values.get(name) == [value] for name, value in chosen.items()),
            f"all {len(items)} answers are kept on the page",
        )
    finally:
        run(commands.start_database)
    wait_for_health(http, healthy=True)
    resent = fetch(http, "POST", again.action, 302, data=again.data({}),
                   headers=webclient.origin(http))
    check("/sections/" in resent.headers["location"], "sending again saves the answers")
    check(note in fetch(http, "GET", section_url, 200).text, "the note is saved")


def cache_down(http: httpx.Client, assessment_url: str, commands: argparse.Namespace) -> None:
    print("Redis stopped")
    anonymous = webclient.client(commands.base_url)
    page = fetch(anonymous, "GET", "/accounts/signup/", 200)
    form = webclient.find_form(page.text, str(page.url), field="person-email")
    data, email = webclient.signup_data(form, f"outage-{time.time_ns()}")
    run(commands.stop_cache)
    try:
        wait_for_health(http, healthy=False)
        listing = http.get("/assessments/")
        check(listing.status_code in (200, 503), f"GET /assessments/: {listing.status_code}")
        if listing.status_code == 503:
            unavailable_page(http, listing, "GET /assessments/")
        brief = http.get(assessment_url + "brief.pdf")
        unavailable_page(http, brief, f"GET {assessment_url}brief.pdf (rendered once at a time)")
        sent = anonymous.post(form.action, data=data, headers=webclient.origin(anonymous))
        unavailable_page(anonymous, sent, "POST /accounts/signup/ (rate-limited in Redis)")
        again = kept_form(sent)
        check(again.values.get("person-email") == [email], "the address typed is kept")
        check(
            again.values.get("agency-name") == [data["agency-name"]],
            "the agency's name typed is kept",
        )
    finally:
        run(commands.start_cache)
    wait_for_health(http, healthy=True)
    resent = fetch(anonymous, "POST", again.action, 302, data=again.data({}),
                   headers=webclient.origin(anonymous))
    check(resent.headers["location"] == "/accounts/signup/sent/", "sending again signs up")
    anonymous.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("base_url")
    for name in ("stop-database", "start-database", "stop-cache", "start-cache"):
        parser.add_argument(f"--{name}", required=True)
    commands = parser.parse_args()
    print(f"Outages at {commands.base_url}")
    with webclient.client(commands.base_url) as http:
        try:
            one_assessment(http)
            page = fetch(http, "GET", "/assessments/", 200)
            match = re.search(r"/assessments/([0-9a-f-]{36})/", page.text)
            check(match is not None, "the chief has an assessment")
            assessment_url = f"/assessments/{match.group(1)}/"
            first = fetch(http, "GET", assessment_url + "context/", 200)
            section = re.search(rf"{assessment_url}sections/[a-z0-9-]+/", first.text)
            check(section is not None, "the assessment has sections")
            database_down(http, section.group(0), commands)
            cache_down(http, assessment_url, commands)
        except (AssertionError, httpx.HTTPError, subprocess.CalledProcessError) as error:
            print(f"FAIL: {error}")
            return 1
    print("Outage checks passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
