#!/usr/bin/env python
"""Throughput of real pages as a share of the framework's own ceiling, measured in one run.

Usage: .venv/bin/python bench/speed.py [--seconds 10] [--connections 8]

Starts gunicorn against a fresh PostgreSQL database exactly as bench/serve.sh does (DEBUG=0,
3 workers), with one extra URL, /bench/bare: a Django view that returns "ok" through the full
middleware stack, with no template and no query. A person signs up and answers every section.
Then wrk (Debian package `wrk`) loads each page in turn, bare view first and last, and the
script prints requests per second and the ratio to the bare view (the mean of its two runs).
Each page is warmed up before it is measured. The guidance library is measured twice: for a
visitor without a session (most of its readers) and for a logged-in person.
"""

import argparse
import asyncio
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import webclient  # noqa: E402


def serve(action: str, env: dict[str, str]) -> None:
    subprocess.run([str(ROOT / "bench" / "serve.sh"), action], check=True, env=env)


def prepare(base_url: str) -> tuple[str, str, str]:
    """Sign up, start an assessment and answer every section; return cookies and two URLs."""
    with webclient.client(base_url) as http:
        page = http.get("/accounts/signup/")
        form = webclient.find_form(page.text, str(page.url), field="person-email")
        data, email = webclient.signup_data(form, "speed")
        http.post(form.action, data=data, headers=webclient.origin(http))
        link = asyncio.run(webclient.wait_for_signup_link(webclient.mail_log(base_url), email))
        page = http.get(link)
        form = webclient.find_form(page.text, str(page.url), field="password1")
        http.post(form.action, data=webclient.password_data(form), headers=webclient.origin(http))
        page = http.get("/assessments/")
        form = webclient.find_form(page.text, str(page.url), action="/assessments/")
        url = http.post(form.action, data=form.data({}), headers=webclient.origin(http)).headers[
            "location"
        ]
        assessment = url.split("/")[2]
        while not url.endswith("/review/"):
            page = http.get(url)
            form = webclient.find_form(page.text, str(page.url), field="loaded_at")
            chosen: dict[str, str | list[str]] = {"action": "continue"}
            if url.endswith("/context/"):
                chosen.update(webclient.CONTEXT_ANSWERS)
            for item in webclient.item_ids(form):
                chosen[f"item-{item}"] = "partly"
                chosen[f"note-{item}"] = "A note for the benchmark."
            url = http.post(form.action, data=form.data(chosen), headers=webclient.origin(http))
            url = url.headers["location"]
        cookie = "; ".join(f"{name}={value}" for name, value in http.cookies.items())
    return (
        cookie,
        f"/assessments/{assessment}/sections/buy-in/",
        f"/assessments/{assessment}/results/",
    )


def wrk(url: str, cookie: str, seconds: int, connections: int) -> tuple[float, str]:
    """Requests per second and the median latency wrk reports."""
    command = [
        "wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency",
        "-H", "X-Forwarded-Proto: https", url,
    ]  # fmt: skip
    if cookie:
        command[-1:-1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    if re.search(r"Non-2xx or 3xx responses", out):
        raise SystemExit(f"{url} answered with errors:\n{out}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    median = re.search(r"^\s+50%\s+(\S+)", out, re.MULTILINE).group(1)
    return rate, median


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("bench/speed.py needs wrk: sudo apt-get install wrk", file=sys.stderr)
        return 1
    port = os.environ.get("PORT", "8002")
    env = {
        **os.environ,
        "PORT": port,
        "BENCH_DB": os.environ.get("BENCH_DB", "cvi_speed"),
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONPATH": str(ROOT),
    }
    base = f"http://127.0.0.1:{port}"
    serve("start", env)
    try:
        cookie, section, results = prepare(base)
        pages = [
            ("bare Django view", "/bench/bare", ""),
            ("guidance, visitor", "/guidance/", ""),
            ("guidance, logged in", "/guidance/", cookie),
            ("questionnaire page", section, cookie),
            ("results page", results, cookie),
            ("bare Django view", "/bench/bare", ""),
        ]
        measured = []
        for label, path, cookies in pages:
            wrk(base + path, cookies, 2, args.connections)  # warm up
            rate, median = wrk(base + path, cookies, args.seconds, args.connections)
            measured.append((label, rate, median))
    finally:
        serve("stop", env)
    ceiling = (measured[0][1] + measured[-1][1]) / 2
    print(f"\n{args.connections} connections, {args.seconds} s per page, gunicorn with "
          f"{os.environ.get('WEB_CONCURRENCY', '3')} workers on PostgreSQL")  # fmt: skip
    print(f"{'page':<22}{'requests/s':>12}{'median':>10}{'of ceiling':>12}")
    for label, rate, median in measured:
        print(f"{label:<22}{rate:>12.0f}{median:>10}{rate / ceiling:>11.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
