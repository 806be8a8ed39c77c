"""Writes that touch several rows: starting, saving and submitting assessments."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import Agency, User
from guidance.models import Item
from questionnaire.models import CONTEXT_FIELDS, Assessment, Response
from questionnaire.records import submitted_record_write
from questionnaire.scored import assessment_scored
from questionnaire.scoring import snapshot_from_inputs
from questionnaire.shown_guidance import guidance_shown_record
from questionnaire.signals import assessment_submitted


class AssessmentLocked(Exception):
    """The assessment was submitted; its answers can no longer change."""


class AssessmentsFull(Exception):
    """The agency has ASSESSMENTS_PER_AGENCY_MAX assessments."""


@transaction.atomic
def assessment_start(
    *, agency: Agency, user: User, copy_from: Assessment | None = None, name: str = ""
) -> Assessment:
    """Start a draft. From an earlier assessment (a reassessment) it takes the context and
    the answers to statements still in use (plans.services.reassessment_start carries the
    plan forward too, in the same transaction).

    AssessmentsFull when the agency already has as many assessments as it may keep.
    """
    # Locked, so that two windows cannot both take the last place.
    Agency.objects.select_for_update().only("pk").get(pk=agency.pk)
    if Assessment.objects.filter(agency=agency).count() >= settings.ASSESSMENTS_PER_AGENCY_MAX:
        raise AssessmentsFull
    assessment = Assessment(agency=agency, created_by=user, name=name.strip())
    if copy_from is not None:
        if copy_from.agency_id != agency.pk:
            raise ValueError("Answers can only be copied within one agency.")
        for field_name in CONTEXT_FIELDS:
            setattr(assessment, field_name, getattr(copy_from, field_name))
    if not assessment.name:
        assessment.name = f"{timezone.localtime():%B %Y}"
    assessment.full_clean()
    assessment.save()
    if copy_from is not None:
        # Only answers to items still in use: retired items stay with the old assessment.
        Response.objects.bulk_create(
            Response(assessment=assessment, item_id=r.item_id, value=r.value, note=r.note)
            for r in copy_from.responses.filter(item__is_active=True)
        )
    return assessment


def _lock_draft(assessment: Assessment) -> Assessment:
    """Lock the row for the rest of the transaction; refuse if it was submitted."""
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.is_submitted:
        raise AssessmentLocked
    return locked


@transaction.atomic
def assessment_context_save(*, assessment: Assessment, values: dict) -> None:
    _lock_draft(assessment)
    Assessment.objects.filter(pk=assessment.pk).update(
        **{name: values[name] for name in CONTEXT_FIELDS}, updated_at=timezone.now()
    )


@dataclass
class SaveOutcome:
    saved: int
    overwritten: int  # answers changed elsewhere since the form was loaded, now replaced


@transaction.atomic
def section_save(
    *,
    assessment: Assessment,
    items: list[Item],
    answers: dict[int, tuple[str, str]],
    loaded_at: datetime | None,
) -> SaveOutcome:
    """Store one section's answers: one row per item, never two, all or nothing.

    An item with neither an answer nor a note has no row. Saving the same page twice (a
    double click, two tabs) leaves the last save's answers.
    """
    _lock_draft(assessment)
    item_ids = [item.pk for item in items]
    existing = {
        r.item_id: r for r in Response.objects.filter(assessment=assessment, item_id__in=item_ids)
    }
    overwritten = 0
    if loaded_at is not None:
        for item_id, response in existing.items():
            if response.updated_at > loaded_at and (response.value, response.note) != answers.get(
                item_id
            ):
                overwritten += 1
    keep = [
        Response(assessment=assessment, item_id=item_id, value=value, note=note)
        for item_id, (value, note) in answers.items()
        if value or note
    ]
    Response.objects.bulk_create(
        keep,
        update_conflicts=True,
        unique_fields=["assessment", "item"],
        update_fields=["value", "note", "updated_at"],
    )
    cleared = [item_id for item_id, (value, note) in answers.items() if not (value or note)]
    Response.objects.filter(assessment=assessment, item_id__in=cleared).delete()
    Assessment.objects.filter(pk=assessment.pk).update(updated_at=timezone.now())
    return SaveOutcome(saved=len(keep), overwritten=overwritten)


@transaction.atomic
def assessment_submit(*, assessment: Assessment, user: User) -> bool:
    """Submit a draft and freeze what its scores depend on, and the guidance as its results
    show it (questionnaire/shown_guidance.py). False if already submitted.

    The scores are also stored as rows (records.py), in the same transaction, which is all
    the peer and program figures read: they include it from the next request on.
    """
    # The agency first, then the assessment (the order every writer takes them in): its
    # submissions are recorded one at a time, so exactly one is its latest.
    Agency.objects.select_for_update().only("pk").get(pk=assessment.agency_id)
    try:
        _lock_draft(assessment)
    except AssessmentLocked:
        return False
    scored = assessment_scored(assessment, notes=False)
    updated = Assessment.objects.filter(
        Q(pk=assessment.pk) & Q(status=Assessment.Status.DRAFT)
    ).update(
        status=Assessment.Status.SUBMITTED,
        submitted_at=timezone.now(),
        submitted_by=user,
        scoring_snapshot=snapshot_from_inputs(scored.inputs, scored.domain_ids),
        guidance_shown=guidance_shown_record(),
        updated_at=timezone.now(),
    )
    if updated != 1:
        return False
    submitted_record_write(scored=scored)
    assessment_submitted.send(sender=Assessment, assessment=assessment)
    return True
