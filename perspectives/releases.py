"""Releasing invitees' answers: once an invitation closes (its last day has passed, or the
owner withdrew it), its answers are added up once, given noise and stored
(perspectives/privacy.py, docs/privacy.md). Every figure the agency sees about invitees is
read from the stored releases.

When a release happens depends only on the calendar and on the owner's own actions, never on
how many answered: a release that waited for "enough answers" would itself tell the organizer
when one more person answered. Statement by statement figures are released later, over the
invitations whose domain releases together estimate at least PERSPECTIVE_STATEMENTS_MIN
answers: that estimate is itself a released figure, so the decision costs no privacy.
"""

from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from guidance.models import Item
from perspectives.models import (
    Invitation,
    PerspectiveAnswer,
    PerspectiveRelease,
    PerspectiveResponse,
)
from perspectives.privacy import (
    COUNT_WEIGHT,
    DOMAIN_SHARE,
    STATEMENT_SHARE,
    Cell,
    InviteeAnswer,
    noise_scale,
    noisy,
    release_vector,
    respondent_scores,
)
from questionnaire.models import Assessment


def perspective_cells(perspective: str, kind: str) -> list[Cell]:
    """What a release measures for a perspective: its domains (with their statements' weights)
    or its statements, from the statements asked of it now. The cells depend on the guidance
    only, never on the answers, so that the noise needed is known before any answer is read."""
    items = Item.objects.filter(is_active=True).order_by("domain__order", "order", "pk")
    asked = [item for item in items if perspective in (item.perspectives or [])]
    if kind == PerspectiveRelease.Kind.STATEMENTS:
        return [Cell(item.pk, {item.pk: 1}) for item in asked]
    domains: dict[int, dict[int, int]] = defaultdict(dict)
    for item in asked:
        domains[item.domain_id][item.pk] = item.weight
    return [Cell(domain_id, weights) for domain_id, weights in domains.items()]


def _release(
    assessment: Assessment, perspective: str, kind: str, invitation_ids: list[int]
) -> PerspectiveRelease:
    """Add up the answers of these invitations once, add noise, store the result."""
    rho = settings.PERSPECTIVE_PRIVACY_RHO * (
        DOMAIN_SHARE if kind == PerspectiveRelease.Kind.DOMAINS else STATEMENT_SHARE
    )
    cells = perspective_cells(perspective, kind)
    rows = PerspectiveAnswer.objects.filter(
        response__invitation_id__in=invitation_ids
    ).values_list("response_id", "item_id", "value")
    answers = [InviteeAnswer(respondent, item, value) for respondent, item, value in rows]
    # A person who rated nothing, or left only a note, still answered.
    responded = PerspectiveResponse.objects.filter(invitation_id__in=invitation_ids)
    answers += [InviteeAnswer(pk, 0, "") for pk in responded.values_list("pk", flat=True)]
    scale = noise_scale(len(cells), rho)
    values = noisy(
        release_vector(respondent_scores(answers, cells), cells),
        scale=scale,
        cells=len(cells),
        rho=rho,
    )
    release = PerspectiveRelease(
        assessment=assessment,
        perspective=perspective,
        kind=kind,
        keys=[cell.key for cell in cells],
        values=values,
        scale=scale,
        rho=rho,
    )
    release.full_clean()
    release.save()
    return release


def _closed(invitation: Invitation, today) -> bool:
    return invitation.revoked_at is not None or invitation.expires_on < today


def perspective_releases_update(*, assessment: Assessment) -> None:
    """Release what is due: the domain figures of every closed invitation not yet released,
    then the statement figures of each perspective whose unreleased statements have enough
    estimated answers. One query when nothing is due; safe when two requests arrive at once
    (the invitations are locked and checked again, so each is released exactly once)."""
    today = timezone.localdate()
    invitations = list(assessment.invitations.select_related("domains_release"))
    due = [i.pk for i in invitations if i.domains_release is None and _closed(i, today)]
    unstated = [i for i in invitations if i.domains_release and i.statements_release_id is None]
    if not due and not _statements_due(unstated):
        return
    with transaction.atomic():
        locked = list(
            Invitation.objects.select_for_update()
            .filter(assessment=assessment)
            .filter(Q(domains_release=None) | Q(statements_release=None))
            .order_by("pk")
        )
        for invitation in locked:
            if invitation.domains_release_id is None and _closed(invitation, today):
                release = _release(
                    assessment, invitation.perspective, PerspectiveRelease.Kind.DOMAINS,
                    [invitation.pk],
                )  # fmt: skip
                invitation.domains_release = release
                invitation.save(update_fields=["domains_release"])
        released = [i for i in locked if i.domains_release_id and not i.statements_release_id]
        by_perspective: dict[str, list[Invitation]] = defaultdict(list)
        for invitation in released:
            by_perspective[invitation.perspective].append(invitation)
        for perspective, group in by_perspective.items():
            if _estimated_answers(group) < settings.PERSPECTIVE_STATEMENTS_MIN:
                continue
            release = _release(
                assessment, perspective, PerspectiveRelease.Kind.STATEMENTS,
                [i.pk for i in group],
            )  # fmt: skip
            Invitation.objects.filter(pk__in=[i.pk for i in group]).update(
                statements_release=release
            )


def _estimated_answers(invitations: list[Invitation]) -> float:
    """Answers the domain releases of these invitations estimate (a released figure)."""
    return sum(i.domains_release.values[0] for i in invitations) / COUNT_WEIGHT


def _statements_due(unstated: list[Invitation]) -> bool:
    by_perspective: dict[str, list[Invitation]] = defaultdict(list)
    for invitation in unstated:
        by_perspective[invitation.perspective].append(invitation)
    return any(
        _estimated_answers(group) >= settings.PERSPECTIVE_STATEMENTS_MIN
        for group in by_perspective.values()
    )
