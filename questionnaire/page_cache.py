"""Rendered page parts and PDFs kept in the shared cache, keyed by what they are built from.

This is the one place that says what a cached page depends on. Everything an agency's pages
show (its assessments, answers, plans, worksheets, invitations and their answers, its members'
names and its own name) moves the agency's version on when it changes (``agency_changed``):
every save or delete of one of the models in ``AGENCY_OF`` does it through a signal, and the
few writes that bypass signals (bulk inserts, queryset updates) call it themselves. A cached
part's key is then:

- its name and the assessment's id, plus anything the caller adds (the owner's view);
- the agency's version (``agency:<id>`` in cvi_assess/versions.py);
- the guidance version (titles, page references, examples);
- the version of the figures agencies share (peer benchmarks);
- today's date (what is overdue or due soon).

All of them are read in one round trip to the cache. A change to any of them is a new key, so
nothing is deleted by hand and nothing stale is served; old entries expire after ``TIMEOUT``.
A new release of the code moves the guidance version on too (it runs ``migrate``, whose
``post_migrate`` signal calls ``guidance_changed``), so pages built by the previous templates
are not served after an upgrade.
The tests (tests/test_page_cache.py) check that every model of the questionnaire is listed in
``AGENCY_OF``, ``WRITTEN_WITH_PARENT`` or ``NOT_SHOWN``, so that a new model cannot be
forgotten.
"""

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.apps import apps
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from accounts.sharing import NAME as SHARED_FIGURES
from cvi_assess import versions
from guidance.cache import NAME as GUIDANCE
from guidance.cache import remember_guidance_version

T = TypeVar("T")
TIMEOUT = 60 * 60

# For each model whose rows an agency's pages show: the path from a row to its agency's id.
AGENCY_OF = {
    "accounts.Agency": "pk",
    "accounts.User": "agency_id",
    "questionnaire.Assessment": "agency_id",
    "questionnaire.Response": "assessment.agency_id",
    "questionnaire.ActionItem": "assessment.agency_id",
    "questionnaire.ActionStatusChange": "action.assessment.agency_id",
    "questionnaire.InformationSharingWorksheet": "assessment.agency_id",
    "questionnaire.Invitation": "assessment.agency_id",
    "questionnaire.PersonalInvitation": "invitation.assessment.agency_id",
    "questionnaire.PerspectiveResponse": "invitation.assessment.agency_id",
}
# Rows written only in bulk together with a row above (an invitee's answers with their
# response, submitted scores with the submission, which move the version on themselves) and
# deleted only with it. No receiver: deleting an assessment with thousands of such rows then
# stays one query per table instead of a signal, and a lookup, per row.
WRITTEN_WITH_PARENT = {
    "questionnaire.PerspectiveAnswer",
    "questionnaire.SubmittedScore",
    "questionnaire.SubmittedAnswer",
}
# Models no cached page shows.
NOT_SHOWN = {"questionnaire.PlanReminder"}


def _agency_name(agency_id: int) -> str:
    return f"agency:{agency_id}"


def agency_changed(agency_id: int | None) -> None:
    """Every cached part of the agency's pages is out of date (now and after commit)."""
    if agency_id is not None:
        versions.changed(_agency_name(agency_id))


def _agency_of(instance) -> int | None:
    value = instance
    try:
        for attribute in AGENCY_OF[instance._meta.label].split("."):
            value = getattr(value, attribute)
    except ObjectDoesNotExist:  # deleted along with its assessment, which says so itself
        return None
    return value


# Saves that change nothing a page shows: a log-in records its time, a password change its hash.
UNSHOWN_FIELDS = {"last_login", "password"}


def _row_changed(sender, instance, update_fields=None, **kwargs) -> None:
    if update_fields and set(update_fields) <= UNSHOWN_FIELDS:
        return
    agency_changed(_agency_of(instance))


def connect_signals() -> None:
    """Called once, from QuestionnaireConfig.ready(). Connected model by model, so that models
    without a receiver (sessions, say) keep Django's fast deletes."""
    for label in AGENCY_OF:
        model = apps.get_model(label)
        post_save.connect(_row_changed, sender=model, dispatch_uid=f"page-cache-saved-{label}")
        post_delete.connect(_row_changed, sender=model, dispatch_uid=f"page-cache-deleted-{label}")


def page_key(name: str, assessment, *extra) -> str:
    """The cache key of one part of one assessment's pages, as described above."""
    agency, guidance, figures = versions.current(
        _agency_name(assessment.agency_id), GUIDANCE, SHARED_FIGURES
    )
    guidance = remember_guidance_version(guidance)
    parts = (assessment.pk, agency, guidance, figures, timezone.localdate(), *extra)
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"page:{name}:{digest}"


def cached_part(name: str, assessment, render: Callable[[], T], *extra) -> T:
    """``render()``'s result (HTML, a PDF, a dict of them), rendered once per state of what it
    depends on.

    The versions are read before ``render()`` runs, and the assessment is read again first (the
    caller loaded it before the versions), so that a change committed in between leaves the
    result under an old key instead of caching the state before it under the new one.
    """
    key = page_key(name, assessment, *extra)
    value = cache.get(key)
    if value is None:
        assessment.refresh_from_db()
        value = render()
        cache.set(key, value, TIMEOUT)
    return value
