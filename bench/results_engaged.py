#!/usr/bin/env python
"""The results page and the PDFs of issue 25's engaged agency, timed in one process.

Usage: .venv/bin/python bench/results_engaged.py [--requests 100]

A throwaway SQLite database (unless DATABASE_URL is set) with the scenario of
bench/engaged_scenario.py (a reassessment, 10 answers each from line officers and CVI
organizations); each page through Django's full request handler after a warm-up. Prints the
median and 90th percentile in milliseconds, queries per request, and the size of the HTML.
The PDFs are rendered without the cache (each request renders).
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cvi_assess.settings")
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(tempfile.mkdtemp()) / 'engaged.sqlite3'}"
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "engaged-" + "x" * 50)
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("STATIC_ROOT", tempfile.mkdtemp())

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--pdfs", type=int, default=5)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_guidance", verbosity=0)
    out = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("engaged_scenario.py"))],
        check=True,
        capture_output=True,
        text=True,
        env=os.environ,
    ).stdout.split()
    assessment, cookie = out[-2], out[-1]
    client = Client(HTTP_X_FORWARDED_PROTO="https")
    client.cookies["sessionid"] = cookie
    pages = [
        ("results", f"/assessments/{assessment}/results/", args.requests),
        ("command brief PDF", f"/assessments/{assessment}/brief.pdf", args.pdfs),
        ("full plan PDF", f"/assessments/{assessment}/plan.pdf", args.pdfs),
    ]
    for name, url, count in pages:
        client.get(url)  # warm-up
        times = []
        for _ in range(count):
            cache.clear()  # no PDF from the cache
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        times.sort()
        p90 = times[int(len(times) * 0.9) - 1] if len(times) >= 10 else times[-1]
        print(
            f"{name}: median {statistics.median(times):.1f} ms, p90 {p90:.1f} ms, "
            f"{len(queries)} queries, {len(response.content) / 1024:.0f} KiB"
        )


if __name__ == "__main__":
    main()
