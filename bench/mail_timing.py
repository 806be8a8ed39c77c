#!/usr/bin/env python
"""How long each mail-sending page takes, for a registered and an unknown address, with the
mail sent inside the request (as before issue 23) and enqueued for the worker (as now).

Usage: .venv/bin/python bench/mail_timing.py [--runs 30] [--smtp-ms 200]

Builds a throwaway database (SQLite in a temporary folder, unless DATABASE_URL is set) and a
mail backend that takes --smtp-ms per email, like the real mail server the security review
measured (208 ms for a registered address, 7 ms for an unknown one). Prints the median time
of each page and address, inline and enqueued: enqueued, a registered and an unknown address
should take the same time. Figures, never a pass or fail.
"""

import argparse
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

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.mail.backends.locmem import EmailBackend  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from accounts.models import Agency, User  # noqa: E402

SMTP_SECONDS = 0.2


class SlowBackend(EmailBackend):
    """An in-memory mail backend that takes as long as a real mail server."""

    def send_messages(self, messages):
        time.sleep(SMTP_SECONDS * len(messages))
        return super().send_messages(messages)


INLINE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ENQUEUED = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
SIGNUP = {
    "person-full_name": "Pat Chief",
    "agency-name": "Ogdenville Police Department",
    "agency-agency_type": "municipal",
    "agency-sworn_officers": "25-99",
    "agency-state": "OH",
    "agency-population_served": "25k-99k",
}


def timed(runs: int, request) -> float:
    found = []
    for n in range(runs):
        cache.clear()  # no rate limit in the way
        started = time.perf_counter()
        response = request(n)
        found.append(time.perf_counter() - started)
        assert response.status_code in (200, 302), response.status_code
    return 1000 * statistics.median(found)


def main() -> None:
    global SMTP_SECONDS
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--smtp-ms", type=int, default=200)
    options = parser.parse_args()
    SMTP_SECONDS = options.smtp_ms / 1000
    setup_test_environment()
    call_command("migrate", verbosity=0)
    agency = Agency.objects.create(name="Springfield PD", slug="springfield", state="IL",
                                   agency_type="municipal", sworn_officers="100-249",
                                   population_served="100k-249k")  # fmt: skip
    User.objects.create_user("chief@springfield.gov", "a long passphrase", full_name="Chief",
                             agency=agency, is_agency_owner=True)  # fmt: skip
    owner = Client()
    owner.force_login(User.objects.get())
    pages = {
        "password reset": lambda email: lambda n: Client().post(
            "/accounts/password_reset/", {"email": email}
        ),
        "sign-up": lambda email: lambda n: Client().post(
            "/accounts/signup/", {**SIGNUP, "person-email": email}
        ),
    }
    print(f"Median of {options.runs} requests, a mail server taking {options.smtp_ms} ms:")
    print(f"{'page':<22}{'address':<12}{'inline (ms)':>13}{'enqueued (ms)':>15}")
    for page, request in pages.items():
        for label, email in [("registered", "chief@springfield.gov"),
                             ("unknown", "nobody@springfield.gov")]:  # fmt: skip
            figures = []
            for tasks in (INLINE, ENQUEUED):
                with override_settings(TASKS=tasks, EMAIL_BACKEND=f"{__name__}.SlowBackend"):
                    figures.append(timed(options.runs, request(email)))
            print(f"{page:<22}{label:<12}{figures[0]:>13.1f}{figures[1]:>15.1f}")
    figures = []
    for tasks, name in [(INLINE, "inline"), (ENQUEUED, "enqueued")]:
        with override_settings(TASKS=tasks, EMAIL_BACKEND=f"{__name__}.SlowBackend",
                               INVITATION_EMAILS_PER_ADDRESS_DAILY=10**6,
                               INVITATION_EMAILS_PER_AGENCY_DAILY=10**6):  # fmt: skip
            figures.append(timed(options.runs, lambda n, name=name: owner.post(
                "/accounts/team/", {"email": f"colleague{n}-{name}@springfield.gov"})))
    print(f"{'colleague invitation':<22}{'new':<12}{figures[0]:>13.1f}{figures[1]:>15.1f}")
    print(f"Database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}")


if __name__ == "__main__":
    main()
