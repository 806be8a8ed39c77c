"""Invitation links: their state, withdrawing them, the rate limit, and storing an answer."""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from questionnaire.models import Assessment, Invitation, PerspectiveAnswer, PerspectiveResponse

OPEN, REVOKED, EXPIRED, FULL = "open", "revoked", "expired", "full"
RATE_WINDOW_SECONDS = 600


def invitation_state(invitation: Invitation, answers: int) -> str:
    if invitation.revoked_at is not None:
        return REVOKED
    if invitation.expires_on < timezone.localdate():
        return EXPIRED
    if answers >= invitation.max_responses:
        return FULL
    return OPEN


def invitations_with_counts(assessment: Assessment) -> list[Invitation]:
    """The assessment's invitations, each with ``answers`` and ``state``."""
    invitations = list(assessment.invitations.annotate(answers=Count("responses")))
    for invitation in invitations:
        invitation.state = invitation_state(invitation, invitation.answers)
    return invitations


class InvitationsFull(Exception):
    """The assessment has INVITATIONS_PER_ASSESSMENT_MAX links, withdrawn ones included."""


@transaction.atomic
def invitation_create(*, assessment: Assessment, invitation: Invitation, user) -> Invitation:
    """Create a link for the assessment; InvitationsFull when it has as many as it may."""
    # Locked, so that two windows cannot both take the last place.
    Assessment.objects.select_for_update().only("pk").get(pk=assessment.pk)
    if assessment.invitations.count() >= settings.INVITATIONS_PER_ASSESSMENT_MAX:
        raise InvitationsFull
    invitation.assessment = assessment
    invitation.created_by = user
    invitation.full_clean()
    invitation.save()
    return invitation


def invitation_withdraw(*, invitation: Invitation) -> None:
    """Close a link for good; the answers already given are kept."""
    Invitation.objects.filter(pk=invitation.pk, revoked_at=None).update(revoked_at=timezone.now())


def _rate_key(invitation: Invitation) -> str:
    return f"invitation-answers:{invitation.token}"


def answer_allowed(invitation: Invitation) -> bool:
    """Fewer than INVITATION_RATE_LIMIT answers stored through the link in the last window.

    Counted per server process, in its cache; only stored answers count, so nobody can block
    a link by sending empty or broken forms.
    """
    return cache.get(_rate_key(invitation), 0) < settings.INVITATION_RATE_LIMIT


def _count_answer(invitation: Invitation) -> None:
    key = _rate_key(invitation)
    if not cache.add(key, 1, RATE_WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired in between: start a new window
            cache.add(key, 1, RATE_WINDOW_SECONDS)


@transaction.atomic
def invited_response_submit(
    *, invitation: Invitation, answers: dict[int, tuple[str, str]], share_notes: bool
) -> PerspectiveResponse | None:
    """Store one invitee's answers; None if the link closed meanwhile (checked under lock)."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation_state(locked, locked.responses.count()) != OPEN:
        return None
    response = PerspectiveResponse.objects.create(
        invitation=locked, perspective=locked.perspective, share_notes=share_notes
    )
    PerspectiveAnswer.objects.bulk_create(
        PerspectiveAnswer(
            response=response, item_id=item_id, value=value, note=note if share_notes else ""
        )
        for item_id, (value, note) in answers.items()
        if value or (note and share_notes)
    )
    _count_answer(locked)
    return response
