#!/usr/bin/env python
"""How long a full action-plan PDF takes, beside a minimal WeasyPrint document.

Usage: .venv/bin/python bench/pdf.py [--runs 15]

Builds a throwaway database (SQLite in a temporary folder, unless DATABASE_URL is set), an
assessment with 15 gaps and every section of the plan filled in, then renders the full plan,
the one-page command brief and a minimal document, and downloads the unchanged plan again as
the app serves it (from the cache, without a render). Prints the median of each and the
ratios. All renders use the same pipeline (WeasyPrint, PDF/UA-1 tagging, the offline URL
fetcher).
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

from django.core.management import call_command  # noqa: E402

from accounts.models import Agency  # noqa: E402
from guidance.models import Item  # noqa: E402
from questionnaire.models import (  # noqa: E402
    Assessment,
    InformationSharingWorksheet,
    Response,
)
from questionnaire.pdf import (  # noqa: E402
    plan_pdf,
    render_brief_pdf,
    render_pdf,
    render_plan_pdf,
)
from questionnaire.plan import action_plan_ensure  # noqa: E402

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
    action_plan_ensure(assessment=assessment)
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
    pages = len(PdfReader(io.BytesIO(render_plan_pdf(assessment))).pages)
    render_pdf(MINIMAL)  # warm up fonts and caches
    full = median_seconds(lambda: render_plan_pdf(assessment), args.runs)
    brief = median_seconds(lambda: render_brief_pdf(assessment), args.runs)
    minimal = median_seconds(lambda: render_pdf(MINIMAL), args.runs)
    plan_pdf(assessment)  # the first download renders and keeps the PDF
    cached = median_seconds(lambda: plan_pdf(assessment), args.runs)
    actions = assessment.actions.count()
    print(f"runs: {args.runs} each")
    print(f"full plan (15 gaps, {actions} actions, {pages} pages): median {full * 1000:.0f} ms")
    print(f"command brief alone (one page):             median {brief * 1000:.0f} ms")
    print(f"minimal one-page document:                  median {minimal * 1000:.0f} ms")
    print(f"full plan again, unchanged (from the cache): median {cached * 1000:.1f} ms")
    print(f"ratio full / minimal: {full / minimal:.1f}x; brief / minimal: {brief / minimal:.1f}x")


if __name__ == "__main__":
    main()
