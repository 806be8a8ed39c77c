#!/usr/bin/env python
"""Bounded load test: N police executives take the whole assessment at the same time.

Usage: .venv/bin/python bench/load.py --base-url http://127.0.0.1:8001 --users 50 \\
           --database-url postgres://postgres@127.0.0.1:5432/cvi_smoke

Each simulated executive signs up (a new person and agency, finishing with the link the server
emails, read from its log: see webclient.mail_log), starts an assessment, answers the
agency context and every rated item of every section (with some notes), submits on the review
page, opens the results and downloads the plan PDF. Then the database is checked: each
executive has one submitted assessment holding each answer the server acknowledged, exactly
once and unchanged. Prints the requests, errors and latency percentiles per page type; exits 1
on any error or lost answer. Bounded: one pass per executive, and --deadline seconds in all.
"""

import argparse
import asyncio
import math
import os
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field

import httpx
import psycopg
import webclient

Answers = dict[int, tuple[str, str]]  # item id -> (answer, note)


class Failure(Exception):
    """A request that failed or answered something unexpected; ends that executive's run."""


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    pdf_busy: int = 0  # "busy, try again" answers to a PDF download (PDF_RENDERS_MAX)

    @property
    def requests(self) -> int:
        return sum(len(times) for times in self.latencies.values())


PDF_TRIES = 36  # every 5 seconds: three minutes


@dataclass
class Executive:
    number: int
    email: str = ""
    assessment_id: str = ""
    # What the server acknowledged (answered 302 to the save).
    context_saved: bool = False
    answers: Answers = field(default_factory=dict)
    submitted: bool = False
    finished: bool = False


async def call(
    http: httpx.AsyncClient,
    stats: Stats,
    kind: str,
    url: str,
    status: int | tuple[int, ...],
    data: dict[str, str | list[str]] | None = None,
) -> httpx.Response:
    """One request, timed under ``kind``; Failure unless it answers ``status`` (or one of)."""
    method = "GET" if data is None else "POST"
    headers = webclient.origin(http) if data is not None else None
    start = time.perf_counter()
    try:
        response = await http.request(method, url, data=data, headers=headers)
    except httpx.HTTPError as error:
        stats.latencies[kind].append(time.perf_counter() - start)
        stats.errors.append(f"{kind}: {method} {url}: {error!r}")
        raise Failure from error
    stats.latencies[kind].append(time.perf_counter() - start)
    if response.status_code not in (status if isinstance(status, tuple) else (status,)):
        stats.errors.append(
            f"{kind}: {method} {response.url.path} answered {response.status_code}, "
            f"expected {status}"
        )
        raise Failure
    return response


def answer_section(form: webclient.Form, rng: random.Random) -> Answers:
    """A random answer to every item of the page, and a note on about a third of them."""
    answers = {}
    for item in webclient.item_ids(form):
        note = f"Note on item {item}: discussed with command staff." if rng.random() < 0.3 else ""
        answers[item] = (rng.choice(form.choices[f"item-{item}"]), note)
    return answers


async def take_assessment(exe: Executive, run: str, base_url: str, stats: Stats) -> None:
    rng = random.Random(exe.number)
    async with webclient.async_client(base_url) as http:
        page = await call(http, stats, "signup page", "/accounts/signup/", 200)
        form = webclient.find_form(page.text, str(page.url), field="person-email")
        data, exe.email = webclient.signup_data(form, f"{run}-{exe.number}")
        await call(http, stats, "signup", form.action, 302, data)
        link = await webclient.wait_for_signup_link(webclient.mail_log(base_url), exe.email)
        page = await call(http, stats, "signup link", link, 200)
        form = webclient.find_form(page.text, str(page.url), field="password1")
        await call(http, stats, "signup finish", form.action, 302, webclient.password_data(form))

        page = await call(http, stats, "assessment list", "/assessments/", 200)
        form = webclient.find_form(page.text, str(page.url), action="/assessments/")
        started = await call(http, stats, "start", form.action, 302, form.data({}))
        url = started.headers["location"]
        exe.assessment_id = url.split("/")[2]

        # Context, then each section: the server's "Save and continue" redirect says which page
        # comes next, until the review page.
        while not url.endswith("/review/"):
            kind = "context" if url.endswith("/context/") else "section"
            page = await call(http, stats, f"{kind} page", url, 200)
            form = webclient.find_form(page.text, str(page.url), field="loaded_at")
            answers = answer_section(form, rng)  # none on the context page
            chosen: dict[str, str | list[str]] = {}
            if kind == "context":
                chosen.update(webclient.CONTEXT_ANSWERS)
            for item, (value, note) in answers.items():
                chosen[f"item-{item}"], chosen[f"note-{item}"] = value, note
            chosen["action"] = "continue"
            saved = await call(http, stats, f"{kind} save", form.action, 302, form.data(chosen))
            exe.answers.update(answers)
            exe.context_saved = True
            url = saved.headers["location"]

        page = await call(http, stats, "review page", url, 200)
        form = webclient.find_form(page.text, str(page.url), action=url)
        chosen = {"confirm_incomplete": "on"} if "confirm_incomplete" in form.choices else {}
        submitted = await call(http, stats, "submit", form.action, 302, form.data(chosen))
        exe.submitted = True

        results = await call(http, stats, "results", submitted.headers["location"], 200)
        if "<h1>Results: " not in results.text:
            stats.errors.append(f"results: {results.url.path} does not show final results")
            raise Failure
        pdf_url = f"/assessments/{exe.assessment_id}/plan.pdf"
        asked = time.perf_counter()
        # As a person would: "busy, try again shortly" (Retry-After), for up to three minutes.
        # "pdf" times each request (busy answers too); "pdf received" the wait until the file came.
        for _ in range(PDF_TRIES):
            pdf = await call(http, stats, "pdf", pdf_url, (200, 503))
            if pdf.status_code == 200:
                stats.latencies["pdf received"].append(time.perf_counter() - asked)
                break
            stats.pdf_busy += 1
            await asyncio.sleep(min(float(pdf.headers.get("retry-after", 5)), 5))
        if pdf.headers["content-type"] != "application/pdf" or not pdf.content.startswith(b"%PDF-"):
            stats.errors.append(f"pdf: {pdf.url.path} is not a PDF")
            raise Failure
        exe.finished = True


async def run_all(executives: list[Executive], base_url: str, ramp: float, stats: Stats) -> None:
    run = f"{time.strftime('%H%M%S')}{random.randrange(1000):03d}"

    async def one(exe: Executive) -> None:
        await asyncio.sleep(ramp * exe.number / len(executives))  # arrivals spread over ramp
        try:
            await take_assessment(exe, run, base_url, stats)
        except Failure:
            pass
        except Exception as error:  # a page that does not look as expected, e.g. no form
            stats.errors.append(f"executive {exe.number}: {error!r}")

    await asyncio.gather(*(one(exe) for exe in executives))


def verify(executives: list[Executive], database_url: str) -> tuple[int, list[str]]:
    """What the database holds against what the server acknowledged: the number of answers
    stored, and one line per problem."""
    emails = [exe.email for exe in executives if exe.email]
    with psycopg.connect(database_url) as connection:
        (active_items,) = connection.execute(
            "SELECT count(*) FROM guidance_item WHERE is_active"
        ).fetchone() or (0,)
        rows = connection.execute(
            """
            SELECT u.email, a.id::text, a.status, a.has_participated, r.item_id, r.value, r.note
            FROM accounts_user u
            JOIN questionnaire_assessment a ON a.agency_id = u.agency_id
            LEFT JOIN questionnaire_response r ON r.assessment_id = a.id
            WHERE u.email = ANY(%s)
            """,
            [emails],
        ).fetchall()
    assessments: dict[str, set[str]] = defaultdict(set)
    statuses: dict[str, tuple[str, str]] = {}
    stored: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for email, assessment_id, status, participated, item_id, value, note in rows:
        assessments[email].add(assessment_id)
        statuses[assessment_id] = (status, participated)
        if item_id is not None:
            stored[assessment_id].append((item_id, value, note))

    problems = []
    for exe in executives:
        if not exe.assessment_id:
            continue
        who = f"executive {exe.number} ({exe.assessment_id})"
        if assessments[exe.email] != {exe.assessment_id}:
            problems.append(f"{who}: the agency has assessments {sorted(assessments[exe.email])}")
            continue
        status, participated = statuses[exe.assessment_id]
        if exe.submitted and status != "submitted":
            problems.append(f"{who}: submitted, but its status is {status!r}")
        if exe.context_saved and participated != webclient.CONTEXT_ANSWERS["has_participated"]:
            problems.append(f"{who}: agency context lost (has_participated={participated!r})")
        rows_by_item: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for item_id, value, note in stored[exe.assessment_id]:
            rows_by_item[item_id].append((value, note))
        for item_id, expected in exe.answers.items():
            found = rows_by_item.get(item_id, [])
            if not found:
                problems.append(f"{who}: LOST the answer to item {item_id}")
            elif len(found) > 1:
                problems.append(f"{who}: item {item_id} stored {len(found)} times")
            elif found[0] != expected:
                problems.append(f"{who}: item {item_id} holds {found[0]}, sent {expected}")
        for item_id in rows_by_item.keys() - exe.answers.keys():
            problems.append(f"{who}: unexpected answer to item {item_id}")
        if exe.submitted and len(rows_by_item) != active_items:
            problems.append(f"{who}: {len(rows_by_item)} of {active_items} items answered")
    return sum(len(answers) for answers in stored.values()), problems


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def report(stats: Stats, elapsed: float) -> None:
    print(f"\n{'page type':<16}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    for kind, times in stats.latencies.items():
        cells = [percentile(times, p) * 1000 for p in (50, 95, 99, 100)]
        print(f"{kind:<16}{len(times):>9}" + "".join(f"{cell:>9.0f}" for cell in cells))
    print(f"\nrequests: {stats.requests} in {elapsed:.1f} s ({stats.requests / elapsed:.1f}/s)")
    print(f"PDF downloads answered 'busy, try again' (then retried): {stats.pdf_busy}")
    print(f"errors: {len(stats.errors)}")
    for error in stats.errors[:20]:
        print(f"  {error}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8001")
    parser.add_argument("--users", type=int, default=50, help="executives at once (50)")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cvi_smoke"),
        help="the server's database, to check the answers (default: $DATABASE_URL)",
    )
    parser.add_argument("--ramp", type=float, default=2.0, help="seconds over which they start")
    parser.add_argument("--deadline", type=float, default=600, help="stop after this many s")
    args = parser.parse_args()

    executives = [Executive(number) for number in range(args.users)]
    stats = Stats()
    print(f"{args.users} executives against {args.base_url}")
    start = time.perf_counter()
    try:
        asyncio.run(
            asyncio.wait_for(run_all(executives, args.base_url, args.ramp, stats), args.deadline)
        )
    except TimeoutError:
        stats.errors.append(f"stopped at the deadline ({args.deadline:.0f} s)")
    report(stats, time.perf_counter() - start)

    finished = sum(exe.finished for exe in executives)
    acknowledged = sum(len(exe.answers) for exe in executives)
    stored, problems = verify(executives, args.database_url)
    print(f"\nexecutives who finished every step: {finished} of {args.users}")
    print(f"answers acknowledged by the server: {acknowledged}; stored in the database: {stored}")
    print(f"database problems (lost, duplicated or changed answers, status): {len(problems)}")
    for problem in problems[:20]:
        print(f"  {problem}")
    ok = not stats.errors and not problems and finished == args.users
    print("Load test passed." if ok else "Load test FAILED.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
