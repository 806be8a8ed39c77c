"""Writes of a workshop: starting it, saving a rater's ratings, finishing, revealing, and the
agreed level recorded as the assessment's answer."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from guidance.models import Item
from questionnaire.models import Assessment
from questionnaire.services import section_save
from workshops.models import Rater, Rating, Workshop

MIN_RATERS = 2


class WorkshopError(Exception):
    """A change refused, with the reason in words for the person who asked for it."""


class RatingsLocked(WorkshopError):
    """The ratings were revealed or the assessment submitted: they no longer change."""


def _locked_workshop(workshop: Workshop) -> Workshop:
    """The workshop's row, locked for the rest of the transaction, with its assessment."""
    return Workshop.objects.select_for_update().select_related("assessment").get(pk=workshop.pk)


def _refuse_if_frozen(workshop: Workshop) -> None:
    if workshop.assessment.is_submitted:
        raise RatingsLocked(
            "The assessment was submitted: the workshop's ratings are a record and no longer "
            "change. Nothing was saved."
        )
    if workshop.is_revealed:
        raise RatingsLocked(
            "The ratings were revealed: they are kept as they were before the discussion and no "
            "longer change. Nothing was saved."
        )


@transaction.atomic
def workshop_start(
    *, assessment: Assessment, by: User, raters: list[User], anonymous: bool
) -> Workshop:
    """Start the assessment's workshop with ``raters`` (members of its agency, at least two)."""
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.is_submitted:
        raise WorkshopError("This assessment was submitted: start a workshop on a draft.")
    if Workshop.objects.filter(assessment=assessment).exists():
        raise WorkshopError("This assessment already has a workshop.")
    people = {user.pk: user for user in raters}
    if len(people) < MIN_RATERS:
        raise WorkshopError(f"Choose at least {MIN_RATERS} people to rate.")
    if len(people) > settings.WORKSHOP_RATERS_MAX:
        raise WorkshopError(f"Choose at most {settings.WORKSHOP_RATERS_MAX} people to rate.")
    if any(user.agency_id != assessment.agency_id for user in people.values()):
        raise WorkshopError("Raters must be members of your agency.")
    workshop = Workshop.objects.create(assessment=assessment, started_by=by, anonymous=anonymous)
    Rater.objects.bulk_create(
        Rater(workshop=workshop, user=user, name=user.full_name or user.email)
        for user in people.values()
    )
    return workshop


@transaction.atomic
def ratings_save(*, rater: Rater, items: list[Item], answers: dict[int, tuple[str, str]]) -> int:
    """Store a rater's ratings of ``items`` (one row per statement with a rating or a note),
    all or nothing; RatingsLocked once revealed or submitted. Returns how many are kept."""
    _refuse_if_frozen(_locked_workshop(rater.workshop))
    keep = [
        Rating(rater=rater, item_id=item_id, value=value, note=note)
        for item_id, (value, note) in answers.items()
        if value or note
    ]
    Rating.objects.bulk_create(
        keep,
        update_conflicts=True,
        unique_fields=["rater", "item"],
        update_fields=["value", "note", "updated_at"],
    )
    cleared = [item_id for item_id, (value, note) in answers.items() if not (value or note)]
    Rating.objects.filter(rater=rater, item_id__in=cleared).delete()
    return len(keep)


@transaction.atomic
def rater_finish(*, rater: Rater) -> bool:
    """The rater has finished. When every rater has, the ratings are revealed: True then."""
    workshop = _locked_workshop(rater.workshop)
    _refuse_if_frozen(workshop)
    now = timezone.now()
    Rater.objects.filter(pk=rater.pk, finished_at=None).update(finished_at=now)
    if Rater.objects.filter(workshop=workshop, finished_at=None).exists():
        return False
    Workshop.objects.filter(pk=workshop.pk).update(revealed_at=now)
    return True


@transaction.atomic
def workshop_reveal(*, workshop: Workshop, by: User) -> bool:
    """Show every rating to the raters and owners (and stop rating). False if already shown."""
    locked = _locked_workshop(workshop)
    if locked.is_revealed:
        return False
    if locked.assessment.is_submitted:
        raise RatingsLocked("The assessment was submitted: its workshop can no longer change.")
    Workshop.objects.filter(pk=workshop.pk).update(revealed_at=timezone.now(), revealed_by=by)
    return True


def agreed_answer_record(*, workshop: Workshop, item: Item, value: str, note: str) -> None:
    """Record the level the group agreed on as the assessment's answer (the raters' ratings
    stay as they were). Only after the reveal; AssessmentLocked once submitted."""
    if not workshop.is_revealed:
        raise WorkshopError("Reveal the ratings before recording agreed answers.")
    section_save(
        assessment=workshop.assessment,
        items=[item],
        answers={item.pk: (value, note)},
        loaded_at=None,
    )


def unanimous_answers_record(*, workshop: Workshop, items: list[Item], values: dict[int, str]):
    """Record, in one go, the levels every rater chose alike as the assessment's answers
    (``values``: item id -> level), keeping each answer's note. Only after the reveal."""
    if not workshop.is_revealed:
        raise WorkshopError("Reveal the ratings before recording agreed answers.")
    notes = dict(
        workshop.assessment.responses.filter(item__in=items).values_list("item_id", "note")
    )
    section_save(
        assessment=workshop.assessment,
        items=items,
        answers={item.pk: (values[item.pk], notes.get(item.pk, "")) for item in items},
        loaded_at=None,
    )
