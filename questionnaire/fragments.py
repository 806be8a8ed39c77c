"""Rendered page parts kept in the cache under everything they depend on.

A fragment's key names every input that can change it: the assessment's last save (each
answer, note, context answer and the submission move it on), the guidance version, and what
else the caller lists. A change to any of them is a new key, so nothing is invalidated by hand
and nothing stale is served; old keys simply expire.
"""

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.db.models import Count, Max

from guidance.cache import guidance_version
from questionnaire.models import Assessment, Invitation

TIMEOUT = 600


def assessment_cache_key(assessment: Assessment) -> tuple:
    return (str(assessment.pk), assessment.updated_at.isoformat(), assessment.status,
            assessment.agency.name, guidance_version())  # fmt: skip


def invitation_cache_key(assessment: Assessment) -> tuple:
    """Moves on with every invitation created and every answer given through one."""
    found = Invitation.objects.filter(assessment=assessment).aggregate(
        links=Count("pk", distinct=True),
        answers=Count("responses"),
        last=Max("responses__pk"),
    )
    return (found["links"], found["answers"], found["last"])


def plan_cache_key(assessment: Assessment) -> tuple:
    """Moves on with every action added, edited or removed (results show owners and dates)."""
    found = assessment.actions.aggregate(count=Count("pk"), last=Max("updated_at"))
    return (found["count"], found["last"].isoformat() if found["last"] else "")


def submissions_cache_key(assessment: Assessment) -> tuple:
    """Moves on with every assessment of the agency submitted (progress compares with them)."""
    found = Assessment.objects.filter(
        agency_id=assessment.agency_id, status=Assessment.Status.SUBMITTED
    ).aggregate(count=Count("pk"), last=Max("submitted_at"))
    return (found["count"], found["last"].isoformat() if found["last"] else "")


def cached_fragment(name: str, key: tuple, render: Callable[[], str]) -> str:
    digest = hashlib.sha256(repr(key).encode()).hexdigest()
    cache_key = f"fragment:{name}:{digest}"
    html = cache.get(cache_key)
    if html is None:
        html = render()
        cache.set(cache_key, html, TIMEOUT)
    return html
