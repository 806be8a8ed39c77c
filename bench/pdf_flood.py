#!/usr/bin/env python
"""Does the server stay up while one agency floods it with PDF downloads of its largest plan?

Usage: .venv/bin/python bench/pdf_flood.py [--clients 6] [--seconds 30]

Starts gunicorn against a fresh PostgreSQL database with bench/serve.sh (DEBUG=0, 3 workers;
PORT, default 8003, and BENCH_DB, default cvi_pdf_flood, as for serve.sh), builds an agency
whose plan has the most actions allowed (ACTIONS_PER_PLAN_MAX) each with the longest notes, logs
in, then --clients clients download the plan PDF over and over, without pausing, for --seconds.
Meanwhile a probe asks /healthz twice a second, as a load balancer does. Prints what the PDF
requests got (PDFs, "busy" and "too slow" answers, errors) with their times, the health
check's latency during the flood and in the 5 seconds before it, and how many workers gunicorn
killed for running past its timeout. Exits 1 if a health check or a PDF request failed
otherwise than with the "busy" or "too slow" page.

The server shares its cache between workers through Redis, as production does (serve.sh starts
one), so the limit on renders at once holds across workers; an unchanged plan is rendered once
and then served from that cache. PDF_RENDERS_MAX and PDF_RENDER_TIMEOUT in the environment pass
through to the server.
"""

import argparse
import logging
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import webclient  # noqa: E402

EMAIL, PASSWORD = "chief@flood.example.gov", "a long enough bench passphrase"
PROSE = (
    "Discussed at the command-staff meeting with the outreach team; owners agreed, "
    "next review at the end of the quarter. "
)


def serve(action: str, env: dict[str, str]) -> None:
    subprocess.run([str(ROOT / "bench" / "serve.sh"), action], check=True, env=env)


def build_plan(settings_module: str, database_url: str) -> tuple[int, int, str]:
    """The largest plan the server allows, every note at its longest: its size and id."""
    os.environ.update(DJANGO_SETTINGS_MODULE=settings_module, DATABASE_URL=database_url)
    import django

    django.setup()
    from django.conf import settings

    from accounts.models import Agency, User
    from guidance.models import Item
    from plans.models import ActionItem
    from questionnaire.models import NOTE_MAX_LENGTH, Assessment, Response
    from tests.factories import ensure_plan

    agency = Agency.objects.create(
        name="Flood City Police Department",
        slug="flood-city-pd",
        agency_type="municipal",
        sworn_officers="250-499",
        state="OH",
        population_served="250k-499k",
    )
    user = User.objects.create_user(
        EMAIL, PASSWORD, full_name="Chief Flood", agency=agency, is_agency_owner=True
    )
    assessment = Assessment.objects.create(agency=agency, created_by=user)
    note = (PROSE * (NOTE_MAX_LENGTH // len(PROSE) + 1))[:NOTE_MAX_LENGTH]
    Response.objects.bulk_create(
        Response(assessment=assessment, item=item, value="not_in_place", note=note)
        for item in Item.objects.filter(is_active=True)
    )
    ensure_plan(assessment)
    start = assessment.actions.count()
    ActionItem.objects.bulk_create(
        ActionItem(assessment=assessment, title=f"Own action {n}: " + "brief partners " * 15,
                   order=n)
        for n in range(start + 1, settings.ACTIONS_PER_PLAN_MAX + 1)
    )  # fmt: skip
    assessment.actions.update(owner="Deputy Chief Ortiz", partner="Safe Streets", notes=note)
    return assessment.actions.count(), NOTE_MAX_LENGTH, str(assessment.pk)


def log_in(base: str) -> httpx.Cookies:
    with webclient.client(base) as http:
        page = http.get("/accounts/login/")
        form = webclient.find_form(page.text, str(page.url), field="username")
        data = form.data({"username": EMAIL, "password": PASSWORD})
        response = http.post(form.action, data=data, headers=webclient.origin(http))
        if response.status_code != 302:
            raise SystemExit(f"Log-in failed: {response.status_code}")
        return httpx.Cookies(http.cookies)


def outcome(response: httpx.Response) -> str:
    if response.status_code == 200 and response.headers["content-type"] == "application/pdf":
        return "PDF"
    if response.status_code == 503 and "Many PDFs are being made" in response.text:
        return "503 busy"
    if response.status_code == 503 and "took longer than the server allows" in response.text:
        return "503 too slow"
    return f"other ({response.status_code})"


def flood(base: str, url: str, cookies: httpx.Cookies, until: float, results: dict) -> None:
    with webclient.client(base) as http:
        http.cookies = httpx.Cookies(cookies)
        while time.monotonic() < until:
            started = time.monotonic()
            try:
                kind = outcome(http.get(url))
            except httpx.HTTPError as error:
                kind = f"other ({type(error).__name__})"
            results[kind].append(time.monotonic() - started)


def probe(port: str, until: float, latencies: list, failures: list) -> None:
    while time.monotonic() < until:
        started = time.monotonic()
        try:
            status = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=60).status_code
        except httpx.HTTPError as error:
            status = type(error).__name__
        latencies.append(time.monotonic() - started)
        if status != 200:
            failures.append(status)
        time.sleep(max(0.0, 0.5 - (time.monotonic() - started)))


def summary(times: list[float]) -> str:
    if not times:
        return ""
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {statistics.median(ordered):6.2f} s, p95 {p95:6.2f} s, max {ordered[-1]:6.2f} s"


def main() -> int:
    logging.getLogger("httpx").setLevel(logging.WARNING)  # not a line per request
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--seconds", type=int, default=30)
    args = parser.parse_args()
    port = os.environ.get("PORT", "8003")
    database = os.environ.get("BENCH_DB", "cvi_pdf_flood")
    settings_module = "cvi_assess.settings"
    env = {
        **os.environ,
        "PORT": port,
        "BENCH_DB": database,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "PYTHONPATH": str(ROOT),
    }
    base = f"http://127.0.0.1:{port}"
    log = Path(tempfile.gettempdir()) / f"cvi-bench-{port}" / "gunicorn.log"  # as serve.sh
    serve("start", env)
    try:
        actions, note_length, assessment = build_plan(
            settings_module, f"postgres://postgres@127.0.0.1:5432/{database}"
        )
        from django.conf import settings

        cookies = log_in(base)
        url = f"/assessments/{assessment}/plan.pdf"
        idle: list[float] = []
        probe(port, time.monotonic() + 5, idle, [])  # the same probe before the flood
        results: dict[str, list[float]] = defaultdict(list)
        health: list[float] = []
        failures: list = []
        until = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=flood, args=(base, url, cookies, until, results))
            for _ in range(args.clients)
        ]
        threads.append(threading.Thread(target=probe, args=(port, until, health, failures)))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        serve("stop", env)
    killed = len(re.findall(r"WORKER TIMEOUT", log.read_text())) if log.exists() else "?"

    workers = os.environ.get("WEB_CONCURRENCY", "3")
    print(
        f"\ngunicorn, {workers} workers; PDF_RENDERS_MAX={settings.PDF_RENDERS_MAX}, "
        f"PDF_RENDER_TIMEOUT={settings.PDF_RENDER_TIMEOUT} s; cache: Redis, shared by the workers"
    )
    print(f"plan: {actions} actions, each note {note_length:,} characters")
    print(f"{args.clients} clients downloading the PDF without pause for {args.seconds} s:")
    for kind in sorted(results):
        print(f"  {kind:<14}{len(results[kind]):>5}   {summary(results[kind])}")
    print(f"/healthz, twice a second: {len(health)} probes, {len(failures)} not 200")
    print(f"  latency       {summary(health)}")
    print(f"  before the flood, for comparison: {summary(idle)}")
    print(f"workers killed by gunicorn's timeout (WORKER TIMEOUT in the log): {killed}")
    return 1 if failures or any(k.startswith("other") for k in results) else 0


if __name__ == "__main__":
    sys.exit(main())
