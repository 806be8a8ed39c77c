#!/usr/bin/env python
"""How long a full action-plan PDF takes, beside a minimal WeasyPrint document.

Usage: .venv/bin/python bench/pdf.py [--runs 15]

Builds a throwaway database (SQLite in a temporary folder, unless DATABASE_URL is set), an
assessment with 15 gaps and every section of the plan filled in, then times a first download
of the full plan and of the one-page command brief as the app serves them with nothing cached
(the report read and scored, the HTML, the render), a minimal document, and a second download
of the unchanged plan (from the cache, keyed by its HTML, without a render). Prints the median
of each and the ratios. All renders use the same pipeline (WeasyPrint, PDF/UA-1 tagging, the
offline URL fetcher).
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cvi_assess.settings")
if not os.environ.get("DATABASE_URL"):
    os.environ["SQLITE_PATH"] = str(Path(tempfile.mkdtemp()) / "bench.sqlite3")

import django  # noqa: E402
from pypdf import PdfReader  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402

from accounts.models import Agency  # noqa: E402
from guidance.models import Item  # noqa: E402
from plans.models import InformationSharingWorksheet  # noqa: E402
from questionnaire.models import Assessment, Response  # noqa: E402
from reports.pdf import brief_pdf, plan_pdf, render_pdf  # noqa: E402
from reports.readiness import readiness_report  # noqa: E402
from tests.factories import ensure_plan  # noqa: E402

MINIMAL = (
    "<!doctype html><html lang='en'><head><title>Minimal</title></head>"
    "<body><h1>Minimal document</h1><p>One paragraph on one page.</p></body></html>"
)


def full_plan() -> Assessment:
    agency = Agency.objects.create(
        name="Benchmark City Police Department",
        slug=f"bench-{time.time_ns()}",
        agency_type="municipal",
        sworn_officers="250-499",
        state="OH",
        population_served="250k-499k",
    )
    assessment = Assessment.objects.create(
        agency=agency,
        has_participated="yes",
        participation_start_year=2019,
        would_participate_again="yes",
        community_shares_responsibility="yes",
        preferred_role="support",
        local_cvi_types=["street_outreach", "hospital"],
    )
    values = ["planned", "partly", "not_in_place", "dont_know"]
    for n, item in enumerate(Item.objects.order_by("pk")):
        value = values[n % 4] if n < 15 else "fully"  # 15 gaps, 5 strengths
        Response.objects.create(
            assessment=assessment, item=item, value=value, note=f"Note on item {n + 1}."
        )
    ensure_plan(assessment)
    for n, action in enumerate(assessment.actions.all()):
        action.owner = f"Deputy Chief {n + 1}"
        action.target_date = f"2027-{n % 12 + 1:02d}-15"
        action.status = "in_progress"
        action.notes = "Discussed at the command-staff meeting; next step agreed."
        action.save()
    InformationSharingWorksheet.objects.create(
        assessment=assessment,
        flow="two_way",
        information_kinds="General, non-identifying information about ongoing conflicts.",
        recipients="Outreach supervisor; CVI coordinator.",
        protections="Shared verbally; nothing stored by partners.",
        sign_off="Chief and the executive director of the lead CVI organization.",
    )
    return assessment


def median_seconds(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("load_guidance", verbosity=0)
    assessment = full_plan()

    def plan(first: bool) -> bytes:
        """A download as the view serves it: the report, the HTML, then the PDF (rendered,
        or with ``first=False`` taken from the cache)."""
        if first:
            cache.clear()
        return plan_pdf(readiness_report(assessment, plan=True))

    def brief() -> bytes:
        cache.clear()
        return brief_pdf(readiness_report(assessment, peers=False, plan=True))

    pages = len(PdfReader(io.BytesIO(plan(first=True))).pages)
    render_pdf(MINIMAL)  # warm up fonts and caches
    full = median_seconds(lambda: plan(first=True), args.runs)
    brief_time = median_seconds(brief, args.runs)
    minimal = median_seconds(lambda: render_pdf(MINIMAL), args.runs)
    plan(first=True)  # the first download renders and keeps the PDF
    cached = median_seconds(lambda: plan(first=False), args.runs)
    actions = assessment.actions.count()
    print(f"runs: {args.runs} each")
    print(f"full plan (15 gaps, {actions} actions, {pages} pages): median {full * 1000:.0f} ms")
    print(f"command brief alone (one page):             median {brief_time * 1000:.0f} ms")
    print(f"minimal one-page document:                  median {minimal * 1000:.0f} ms")
    print(f"full plan again, unchanged (from the cache): median {cached * 1000:.1f} ms")
    print(
        f"ratio full / minimal: {full / minimal:.1f}x; brief / minimal: {brief_time / minimal:.1f}x"
    )


if __name__ == "__main__":
    main()
