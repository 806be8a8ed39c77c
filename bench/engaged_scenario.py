"""Build issue 25's scenario in the configured database and print a session cookie for it.

The engaged agency: a submitted baseline, then a submitted reassessment with 10 answers each
from line officers and CVI organizations, and its plan. Used by bench/lighthouse.sh; run with
the server's environment (DATABASE_URL, SECRET_KEY, ...):

    .venv/bin/python bench/engaged_scenario.py   # prints: <assessment id> <session cookie>
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cvi_assess.settings")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from accounts.models import Agency, User  # noqa: E402
from tests.factories import engaged_reassessment  # noqa: E402

agency = Agency.objects.create(
    name="Springfield Police Department",
    slug="springfield-pd",
    agency_type=Agency.Type.MUNICIPAL,
    sworn_officers=Agency.Size.UNDER_250,
    state="IL",
    population_served=Agency.Population.UNDER_250K,
)
chief = User.objects.create_user(
    "chief@springfield.example", None, full_name="Alice Chief", agency=agency, is_agency_owner=True
)
assessment = engaged_reassessment(agency, chief)
client = Client()
client.force_login(chief)
print(assessment.pk, client.cookies["sessionid"].value)
