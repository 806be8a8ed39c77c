#!/usr/bin/env python
"""How long the results page's peer block and the program view take with many agencies.

Usage: .venv/bin/python bench/peers.py [--database-url URL] [--agencies 5000]
       [--assessments 10000] [--runs 15] [--reseed]

Runs on PostgreSQL, by default the database `peers_bench` on 127.0.0.1 (created if missing).
Seeds it with `seed_demo` unless it already holds exactly that many demo agencies (--reseed
starts again), updates the planner's statistics as autovacuum would after a bulk load, then
prints, for the peer block (peer_comparison() and its template) and for GET /program/:
the median time and the number of queries (nothing is cached: every request is as the first
one after a submission or a change of an agency's sharing choice), and the time a submission
or an agency's change spends rebuilding the peer summary (benchmarks/summary.py).
The bench's own program-staff account is removed at the end; the demo data is kept for the
next run (`manage.py seed_demo --remove` deletes it).
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cvi_assess.settings")
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/peers_bench"


def ensure_database(url: str) -> None:
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if found.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')


def median_ms(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--agencies", type=int, default=5000)
    parser.add_argument("--assessments", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--reseed", action="store_true")
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        parser.error("bench/peers.py measures PostgreSQL: give a postgres:// --database-url")
    ensure_database(args.database_url)
    os.environ["DATABASE_URL"] = args.database_url

    import django

    django.setup()

    from django.conf import settings
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection
    from django.template.loader import render_to_string
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import Agency, User
    from benchmarks.peers import agency_groups, peer_assessments, peer_comparison, peer_figures
    from benchmarks.summary import peer_summary_refresh
    from guidance.selectors import guidance_domains
    from questionnaire.models import Assessment
    from questionnaire.scored import assessment_scored
    from reports.charts import peer_chart

    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    call_command("load_guidance", verbosity=0)
    demo = Agency.objects.filter(is_demo=True).count()
    if args.reseed or demo != args.agencies:
        if demo:
            call_command("seed_demo", remove=True, stdout=io.StringIO())
        out = io.StringIO()
        call_command("seed_demo", agencies=args.agencies, assessments=args.assessments, stdout=out)
        print(f"seed_demo: {out.getvalue().strip()}")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    # An agency in four shown groups: all, its type, its size and its region.
    shown = peer_figures().groups
    candidates = list(peer_assessments().select_related("agency").order_by("agency__slug")[:200])
    own = next(
        (a for a in candidates if all(g.key in shown for g in agency_groups(a.agency))),
        candidates[0],
    )

    scored, domains = assessment_scored(own, notes=False), guidance_domains()

    def peer_block() -> str:
        """The results page's peer comparison, as it is built straight after a submission:
        nothing is cached."""
        peers = peer_comparison(scored, domains=domains)
        chart = peer_chart(peers.tables[0].rows) if peers.tables else None
        return render_to_string(
            "reports/includes/peers.html",
            {"peers": peers, "peer_chart": chart, "assessment": own, "user": None},
        )

    staff, _ = User.objects.get_or_create(
        email="bench-program@example.invalid", defaults={"full_name": "Bench program staff"}
    )
    staff.groups.add(Group.objects.get(name="Program staff"))
    client = Client()
    client.force_login(staff)

    def program() -> None:
        response = client.get("/program/")
        assert response.status_code == 200, response.status_code

    def queries(function) -> int:
        with CaptureQueriesContext(connection) as captured:
            function()
        return len(captured)

    try:
        peer_block()
        program()  # warm the template loader
        rows = [
            (label, median_ms(function, args.runs), queries(function))
            for label, function in [
                ("results page peer block", peer_block),
                ("/program/", program),
                ("summary rebuilt (in each submission)", peer_summary_refresh),
            ]
        ]
    finally:
        staff.delete()

    agencies = peer_assessments().count()
    submitted = Assessment.objects.filter(agency__is_demo=True, status="submitted").count()
    print(
        f"data: {Agency.objects.filter(is_demo=True).count()} demo agencies, {submitted} "
        f"submitted assessments; {agencies} agencies count in peer figures"
    )
    groups = ", ".join(g.title for g in agency_groups(own.agency))
    print(f"peer block of {own.agency.name} ({groups})")
    print(f"median of {args.runs} runs each; load average {os.getloadavg()[0]:.1f}")
    print(f"{'':42} {'median':>9} {'queries':>8}")
    for label, ms, count in rows:
        print(f"{label:42} {ms:7.1f} ms {count:8d}")


if __name__ == "__main__":
    main()
