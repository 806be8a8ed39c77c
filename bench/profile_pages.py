#!/usr/bin/env python
"""Where the time of a page goes: queries, template rendering, middleware, the view's own work.

Usage: .venv/bin/python bench/profile_pages.py [--requests 200]

Builds a throwaway database (SQLite in a temporary folder, unless DATABASE_URL is set) with one
agency whose chief has answered every section and opened the plan, then requests each page
through Django's full request handler (every middleware, the production template loaders) , after a
warm-up. Prints, per page: milliseconds per request, queries per request, and the share of the
time spent executing queries, rendering templates (whatever they call), loading the session,
loading the user, and in the rest (middleware, URL resolution, the view's own Python, building
the response). No network and no server: it measures the Python work of one request,
which is what bounds a worker; bench/speed.py measures real throughput.
"""

import argparse
import functools
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cvi_assess.settings")
if not os.environ.get("DATABASE_URL"):
    os.environ["SQLITE_PATH"] = str(Path(tempfile.mkdtemp()) / "profile.sqlite3")
# Production-like: no debug toolbar of any kind, template loaders cached.
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "profile-" + "x" * 50)
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("STATIC_ROOT", tempfile.mkdtemp())

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from accounts.models import Agency, User  # noqa: E402
from guidance.models import Item  # noqa: E402
from questionnaire.models import Assessment, Response  # noqa: E402
from tests.factories import ensure_plan  # noqa: E402


class Timer:
    """Wraps functions so that the time spent in them, outermost calls only, adds up."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self._depth: dict[str, int] = {}

    def wrap(self, kind: str, owner, name: str) -> None:
        original = getattr(owner, name)
        self.seconds.setdefault(kind, 0.0)
        self._depth.setdefault(kind, 0)

        @functools.wraps(original)
        def timed(*args, **kwargs):
            if self._depth[kind]:
                return original(*args, **kwargs)
            self._depth[kind] += 1
            self.calls[kind] = self.calls.get(kind, 0) + 1
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[kind] += time.perf_counter() - started
                self._depth[kind] -= 1

        setattr(owner, name, timed)

    def reset(self) -> None:
        self.seconds = dict.fromkeys(self.seconds, 0.0)
        self.calls = {}


def instrument() -> Timer:
    from importlib import import_module

    from django.conf import settings
    from django.contrib import auth
    from django.contrib.auth import middleware as auth_middleware
    from django.db.backends import utils
    from django.template import base

    timer = Timer()
    timer.wrap("database", utils.CursorWrapper, "_execute_with_wrappers")
    timer.wrap("templates", base.Template, "render")
    timer.wrap("session", import_module(settings.SESSION_ENGINE).SessionStore, "load")
    timer.wrap("user", auth, "get_user")
    auth_middleware.auth = auth  # the middleware looks the function up on the module
    return timer


def setup() -> tuple[Client, Assessment]:
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_guidance", verbosity=0)
    agency = Agency.objects.create(
        name="Profile Police Department", slug="profile-pd", agency_type="municipal",
        sworn_officers="1-24", state="IL", population_served="<25k",
    )  # fmt: skip
    chief = User.objects.create_user(
        "chief@profile.example", "a-long-password-1", full_name="Chief Profile",
        agency=agency, is_agency_owner=True,
    )  # fmt: skip
    assessment = Assessment.objects.create(agency=agency, created_by=chief, name="Baseline")
    for n, item in enumerate(Item.objects.filter(is_active=True)):
        value = ["planned", "partly", "largely", "fully"][n % 4]
        Response.objects.create(assessment=assessment, item=item, value=value, note="A note.")
    ensure_plan(assessment)
    client = Client(HTTP_X_FORWARDED_PROTO="https", secure=True)
    client.force_login(chief)
    return client, assessment


def profile(client: Client, url: str, requests: int, timer: Timer) -> dict:
    for _ in range(20):
        assert client.get(url).status_code == 200, url
    timer.reset()
    started = time.perf_counter()
    for _ in range(requests):
        client.get(url)
    elapsed = time.perf_counter() - started
    return {
        "ms": elapsed / requests * 1000,
        "queries": timer.calls.get("database", 0) / requests,
        **{kind: seconds / elapsed for kind, seconds in timer.seconds.items()},
        "rest": 1 - sum(timer.seconds.values()) / elapsed,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    client, assessment = setup()
    timer = instrument()
    visitor = Client(HTTP_X_FORWARDED_PROTO="https", secure=True)
    pages = [
        ("guidance, visitor", visitor, "/guidance/"),
        ("guidance, logged in", client, "/guidance/"),
        ("assessments (home)", client, "/assessments/"),
        ("questionnaire page", client, f"/assessments/{assessment.pk}/sections/buy-in/"),
        ("results page", client, f"/assessments/{assessment.pk}/results/"),
        ("plan page", client, f"/assessments/{assessment.pk}/plan/"),
    ]
    print(f"{connection.vendor}, {args.requests} requests per page, the shares of each "
          "request's time\n")  # fmt: skip
    kinds = ["database", "templates", "session", "user", "rest"]
    header = ["page", "ms/request", "queries", *kinds]
    print(f"{header[0]:<22}" + "".join(f"{h:>13}" for h in header[1:]))
    for label, who, url in pages:
        row = profile(who, url, args.requests, timer)
        print(
            f"{label:<22}{row['ms']:>13.1f}{row['queries']:>13.0f}"
            + "".join(f"{row[k]:>13.0%}" for k in kinds)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
