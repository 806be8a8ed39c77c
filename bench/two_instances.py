#!/usr/bin/env python
"""Four checks that two app instances sharing PostgreSQL and Redis behave as one application.

Usage: bench/two_instances.sh (which starts both instances and Redis, then runs this script):
    .venv/bin/python bench/two_instances.py URL_A URL_B --database-url postgres://...

1. A session made on A is valid on B.
2. An admin edit of the guidance made through A shows on B at the next request, for a visitor
   (whose page B keeps whole) and for a logged-in person, on every worker of B.
3. The invitation rate limit counts across both: answers through one open link, sent to A
   and B in turn, stop at INVITATION_RATE_LIMIT, and no more are stored.
4. A reassessment started and saved through A reads the same through B (its answers, the
   plan carried forward, the export and the results).

Prints one line per check and exits non-zero if any fails.
"""

import argparse
import asyncio
import datetime
import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import webclient  # noqa: E402

failures: list[str] = []


def check(ok: bool, what: str) -> None:
    print(f"  {'ok ' if ok else 'FAIL'} {what}")
    if not ok:
        failures.append(what)


def post_form(http, page, chosen: dict, **find) -> "webclient.httpx.Response":
    form = webclient.find_form(page.text, str(page.url), **find)
    return http.post(form.action, data=form.data(chosen), headers=webclient.origin(http))


def sign_up(base: str) -> tuple[webclient.httpx.Client, str]:
    """A new chief and agency, signed up through ``base``; returns the client and the email."""
    http = webclient.client(base)
    page = http.get("/accounts/signup/")
    form = webclient.find_form(page.text, str(page.url), field="person-email")
    data, email = webclient.signup_data(form, f"two-{secrets.token_hex(3)}")
    http.post(form.action, data=data, headers=webclient.origin(http))
    link = asyncio.run(webclient.wait_for_signup_link(webclient.mail_log(base), email))
    page = http.get(link)
    form = webclient.find_form(page.text, str(page.url), field="password1")
    http.post(form.action, data=webclient.password_data(form), headers=webclient.origin(http))
    return http, email


def with_cookies(base: str, source) -> webclient.httpx.Client:
    """A client for ``base`` that carries the cookies another instance gave ``source``."""
    http = webclient.client(base)
    for cookie in source.cookies.jar:
        http.cookies.set(cookie.name, cookie.value)
    return http


def answer_everything(http, assessment: str, value: str) -> None:
    """Answer the context page and every section through ``http``, up to the review page."""
    url = f"/assessments/{assessment}/context/"
    while not url.endswith("/review/"):
        page = http.get(url)
        form = webclient.find_form(page.text, str(page.url), field="loaded_at")
        chosen: dict = {"action": "continue"}
        if url.endswith("/context/"):
            chosen.update(webclient.CONTEXT_ANSWERS)
        for item in webclient.item_ids(form):
            chosen[f"item-{item}"] = value
        url = http.post(form.action, data=form.data(chosen), headers=webclient.origin(http))
        url = url.headers["location"]


def start_assessment(http, copy_from: str = "") -> str:
    page = http.get("/assessments/")
    form = webclient.find_form(page.text, str(page.url), action="/assessments/")
    chosen = {"copy_from": copy_from} if copy_from else {}
    response = http.post(form.action, data=form.data(chosen), headers=webclient.origin(http))
    return response.headers["location"].split("/")[2]


def session_check(a: str, b: str):
    print("1. A session made on one instance is valid on the other")
    chief, email = sign_up(a)
    on_b = with_cookies(b, chief)
    page = on_b.get("/assessments/")
    check(page.status_code == 200, f"signed up on A, /assessments/ on B answers {page.status_code}")
    check("Log out" in page.text, "B knows who is logged in")
    return chief, on_b


def admin_check(a: str, b: str, database_url: str, member_on_b) -> None:
    print("2. An admin edit made through one instance shows on the other at the next request")
    password = secrets.token_urlsafe(18)
    email = f"admin-{secrets.token_hex(3)}@example.gov"
    subprocess.run(
        [str(ROOT / ".venv/bin/python"), "manage.py", "createsuperuser", "--noinput"],
        cwd=ROOT,
        check=True,
        env={
            **os.environ,
            "DATABASE_URL": database_url,
            "DJANGO_SUPERUSER_EMAIL": email,
            "DJANGO_SUPERUSER_PASSWORD": password,
            "DJANGO_SUPERUSER_FULL_NAME": "Site Admin",
        },
    )
    visitor_b = webclient.client(b)
    old_title = "Support the service arm of the CVI"
    for _ in range(6):  # every worker of B builds and keeps its pages
        check_text = visitor_b.get("/guidance/").text
        member_on_b.get("/guidance/")
    check(old_title in check_text, "B shows the suggestion as loaded")

    admin = webclient.client(a)
    page = admin.get("/admin/login/?next=/admin/")
    post_form(admin, page, {"username": email, "password": password}, field="password")
    listing = admin.get("/admin/guidance/suggestion/?q=service+arm")
    change = re.search(r'href="(/admin/guidance/suggestion/\d+/change/)[^"]*"', listing.text)
    check(change is not None, "the admin on A finds the suggestion")
    if change is None:
        return
    page = admin.get(change.group(1))
    new_title = f"Support the service arm of the CVI ({secrets.token_hex(2)})"
    saved = post_form(admin, page, {"title": new_title, "_save": "Save"}, field="title")
    check(saved.status_code == 302, f"the admin on A saves a new title ({saved.status_code})")
    visitor_pages = [visitor_b.get("/guidance/").text for _ in range(6)]
    check(
        all(new_title in text for text in visitor_pages),
        "B shows the new title to a visitor on every request after the edit",
    )
    member_pages = [member_on_b.get("/guidance/").text for _ in range(6)]
    check(
        all(new_title in text for text in member_pages),
        "B shows the new title to a logged-in person on every request after the edit",
    )


def rate_limit_check(a: str, b: str, database_url: str, chief) -> None:
    limit = int(os.environ.get("INVITATION_RATE_LIMIT", "60"))
    print(f"3. The invitation rate limit ({limit} answers) counts across both instances")
    assessment = start_assessment(chief)
    url = f"/assessments/{assessment}/invitations/"
    page = chief.get(url)
    link = {
        "open-perspective": "line_officers",
        "open-language": "en",
        "open-expires_on": (datetime.date.today() + datetime.timedelta(days=30)).isoformat(),
        "open-max_responses": "50",
        "create": "open",
    }
    created = post_form(chief, page, link, field="open-max_responses")
    page = chief.get(created.headers.get("location", url))
    token = re.search(r"/respond/([\w-]+)/", page.text)
    check(token is not None, f"the chief on A makes an open link ({created.status_code})")
    if token is None:
        errors = re.findall(r'class="invalid-feedback[^"]*"[^>]*>(.*?)</', created.text, re.S)
        print(f"       the page says: {errors}")
        return
    statuses = []
    for n in range(limit + 3):
        invitee = webclient.client(a if n % 2 == 0 else b)
        page = invitee.get(f"/respond/{token.group(1)}/")
        # The first step's statements, sent at once: without "step" the form takes every
        # statement in one post (perspectives/views.py), as a form saved before the steps.
        form = webclient.find_form(page.text, str(page.url), field="step")
        chosen = {f"item-{item}": "partly" for item in webclient.item_ids(form)}
        data = {name: value for name, value in form.data(chosen).items() if name != "step"}
        response = invitee.post(form.action, data=data, headers=webclient.origin(invitee))
        statuses.append(response.status_code)
    expected = [302] * limit + [429] * 3
    check(statuses == expected, f"answers sent to A and B in turn: {statuses}")
    with psycopg.connect(database_url) as db:
        stored = db.execute(
            "SELECT COUNT(*) FROM perspectives_perspectiveresponse r "
            "JOIN perspectives_invitation i ON i.id = r.invitation_id "
            "WHERE i.assessment_id = %s",
            [assessment],
        ).fetchone()[0]
    check(stored == limit, f"{stored} answers stored, the limit is {limit}")


def reassessment_check(a: str, b: str, chief) -> None:
    print("4. A reassessment saved through one instance reads the same through the other")
    on_b = with_cookies(b, chief)
    first = start_assessment(chief)
    answer_everything(chief, first, "planned")
    page = chief.get(f"/assessments/{first}/review/")
    submitted = post_form(chief, page, {}, action=f"/assessments/{first}/review/")
    check(submitted.status_code == 302, "the first assessment is submitted through A")
    chief.get(f"/assessments/{first}/plan/")  # builds the plan, to be carried forward
    again = start_assessment(chief, copy_from=first)
    answer_everything(chief, again, "largely")
    exports = [json.loads(http.get("/assessments/export.json").text) for http in (chief, on_b)]
    check(exports[0] == exports[1], "the export read through A and through B is identical")
    record = next(
        (r for r in exports[1].get("assessments", []) if r.get("assessment_id") == again), None
    )
    answers = [answer.get("answer_code") for answer in (record or {}).get("answers", [])]
    check(
        bool(answers) and set(answers) == {"largely"},
        f"B reads the reassessment's answers as saved through A ({len(answers)} answers, "
        f"{sorted(set(answers))})",
    )
    plans = [http.get(f"/assessments/{again}/plan/") for http in (chief, on_b)]
    titles = [re.findall(r'<a href="[^"]*/plan/actions/\d+/">([^<]+)</a>', p.text) for p in plans]
    check(
        plans[1].status_code == 200 and bool(titles[1]) and titles[0] == titles[1],
        f"the plan carried forward reads the same through B ({len(titles[1])} actions)",
    )
    results = [
        re.sub(
            r'name="csrfmiddlewaretoken" value="[^"]+"',
            "",
            http.get(f"/assessments/{again}/results/").text,
        )
        for http in (chief, on_b)
    ]
    check(results[0] == results[1], "the results page reads the same through A and B")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a")
    parser.add_argument("b")
    parser.add_argument("--database-url", required=True)
    args = parser.parse_args()
    chief, _ = session_check(args.a, args.b)
    admin_check(args.a, args.b, args.database_url, with_cookies(args.b, chief))
    rate_limit_check(args.a, args.b, args.database_url, chief)
    reassessment_check(args.a, args.b, chief)
    if failures:
        print(f"\n{len(failures)} check(s) failed.")
        return 1
    print("\nTwo instances: every check passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
