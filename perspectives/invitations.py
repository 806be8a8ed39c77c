"""Invitations: open links and rounds of personal invitations; their state, withdrawing them,
reminders, the rate limit, and storing an invitee's answers.

A personal invitation is a link emailed to one person that answers once. Only a fingerprint of
its secret is stored, so the owner never holds a link through which they could answer; the
address is kept only until the link is used (for reminders). An answer never records which
personal link it came through.
"""

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.utils import timezone
from django.utils.crypto import salted_hmac

from accounts.email_address import canonical_email
from accounts.email_limits import (
    EmailsRefused,
    emails_refused_record,
    invitation_emails_take,
    over_address_limit,
)
from accounts.throttle import rate_limit_count, rate_limit_reached
from perspectives.models import (
    Invitation,
    PersonalInvitation,
    PerspectiveAnswer,
    PerspectiveResponse,
)
from questionnaire.models import Assessment

logger = logging.getLogger("perspectives.invitations")
OPEN, REVOKED, EXPIRED, FULL, USED = "open", "revoked", "expired", "full", "used"
RATE_WINDOW_SECONDS = 600
RATE_SCOPE = "invitation-answers"
# Open links and rounds of personal invitations, per assessment.
# Addresses pasted at once (each gets an email, sent while the owner waits).
PASTE_MAX = 100


class InvitationError(Exception):
    """A request refused, with the reason in words for the owner."""


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def email_digest(assessment: Assessment, email: str) -> str:
    """A keyed fingerprint of one address for one assessment: lets the app refuse to invite it
    twice without keeping the address once its link is used."""
    value = f"{assessment.pk}:{canonical_email(email)}"
    return salted_hmac("questionnaire.personal-invitation", value, algorithm="sha256").hexdigest()


def invitation_state(invitation: Invitation, answers: int) -> str:
    if invitation.revoked_at is not None:
        return REVOKED
    # Released: its answers were added up once (docs/privacy.md); it can take no more.
    if invitation.expires_on < timezone.localdate() or invitation.domains_release_id:
        return EXPIRED
    if not invitation.is_personal and answers >= invitation.max_responses:
        return FULL
    return OPEN


def invitations_with_counts(assessment: Assessment) -> list[Invitation]:
    """The assessment's invitations, each with ``answers``, ``invited`` (personal links) and
    ``state``; two subqueries, so the query does not multiply links by answers."""

    def count(model, field: str) -> Subquery:
        rows = (
            model.objects.filter(**{field: OuterRef("pk")})
            .order_by()
            .values(field)
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Subquery(rows, output_field=IntegerField())

    invitations = list(
        assessment.invitations.annotate(
            answers=count(PerspectiveResponse, "invitation"),
            invited=count(PersonalInvitation, "invitation"),
        )
    )
    for invitation in invitations:
        invitation.answers = invitation.answers or 0
        invitation.invited = invitation.invited or 0
        invitation.state = invitation_state(invitation, invitation.answers)
    return invitations


def _check_room(assessment: Assessment) -> None:
    """Locks the assessment row, so that two requests at once cannot pass the limit."""
    Assessment.objects.select_for_update().filter(pk=assessment.pk).first()
    limit = settings.INVITATIONS_PER_ASSESSMENT_MAX
    if assessment.invitations.count() >= limit:
        raise InvitationError(
            f"This assessment has {limit} links and rounds of invitations, the most "
            "it can have; withdrawn ones count too."
        )


@transaction.atomic
def open_link_create(*, assessment: Assessment, invitation: Invitation, by) -> Invitation:
    """Save a new open link (validated by the caller's form) within the limit."""
    _check_room(assessment)
    invitation.assessment = assessment
    invitation.kind = Invitation.Kind.OPEN
    invitation.created_by = by
    invitation.full_clean()
    invitation.save()
    return invitation


def invitation_withdraw(*, invitation: Invitation) -> None:
    """Close a link, or every link of a round, for good; the answers already given are kept."""
    Invitation.objects.filter(pk=invitation.pk, revoked_at=None).update(revoked_at=timezone.now())


@dataclass
class InviteeLink:
    """What an invitee's link opens: an open link, or one person's personal invitation."""

    invitation: Invitation
    personal: PersonalInvitation | None = None


def invitee_link(token: str) -> InviteeLink | None:
    invitation = (
        Invitation.objects.select_related("assessment__agency")
        .filter(token=token, kind=Invitation.Kind.OPEN)
        .first()
    )
    if invitation is not None:
        return InviteeLink(invitation)
    personal = (
        PersonalInvitation.objects.select_related("invitation__assessment__agency")
        .filter(token_hash=token_digest(token))
        .first()
    )
    return InviteeLink(personal.invitation, personal) if personal else None


def invitee_link_state(link: InviteeLink) -> str:
    if link.personal is not None:
        return USED if link.personal.used else invitation_state(link.invitation, 0)
    return invitation_state(link.invitation, link.invitation.responses.count())


def new_link() -> tuple[str, str]:
    """A personal link's secret and its fingerprint."""
    token = secrets.token_urlsafe(32)
    return token, token_digest(token)


def _enqueue(links: list[PersonalInvitation], site: str, *, reminder: bool) -> None:
    """Have the worker email each link (perspectives/emails.py), after the transaction."""
    from perspectives.emails import personal_invitation_email

    for personal in links:
        personal_invitation_email.enqueue(personal_id=personal.pk, site=site, reminder=reminder)


def _take_emails(assessment: Assessment, addresses: list[str], budget: int = 0) -> None:
    """The daily limits on invitation emails (accounts/email_limits.py): InvitationError,
    caused by EmailsRefused, and the caller's transaction saves and sends nothing."""
    try:
        invitation_emails_take(agency=assessment.agency, addresses=addresses, budget=budget)
    except EmailsRefused as refusal:
        raise InvitationError(str(refusal)) from refusal


def _record_refusal(error: InvitationError, assessment: Assessment, by, what: str) -> None:
    """A refusal by the daily limits, counted once its transaction has rolled back."""
    if isinstance(error.__cause__, EmailsRefused) and by is not None:
        emails_refused_record(
            agency=assessment.agency, by=by, refused=error.__cause__.refused, what=what
        )


def personal_invitations_send(
    *,
    assessment: Assessment,
    perspective: str,
    language: str,
    expires_on: date,
    emails: list[str],
    message: str,
    label: str,
    created_by,
    site: str,
) -> Invitation:
    """Email each address its own one-time link, through the worker (``site``: the scheme and
    host of the links). Refused (InvitationError, nothing saved) for addresses already invited
    to this assessment, addresses of the agency's own members, beyond the limits, or past the
    daily limits on invitation emails (then counted in the agency's recent changes)."""
    try:
        return _personal_invitations_send(
            assessment=assessment, perspective=perspective, language=language,
            expires_on=expires_on, emails=emails, message=message, label=label,
            created_by=created_by, site=site,
        )  # fmt: skip
    except InvitationError as error:
        _record_refusal(error, assessment, created_by, "personal invitation emails")
        raise


@transaction.atomic
def _personal_invitations_send(
    *,
    assessment: Assessment,
    perspective: str,
    language: str,
    expires_on: date,
    emails: list[str],
    message: str,
    label: str,
    created_by,
    site: str,
) -> Invitation:
    _check_room(assessment)
    members = set(
        assessment.agency.members.filter(email__in=emails).values_list("email", flat=True)
    )
    if members:
        raise InvitationError(
            "Members of your agency take part in the assessment itself and cannot be invited "
            f"to answer as a perspective: {', '.join(sorted(members))}."
        )
    digests = {email: email_digest(assessment, email) for email in emails}
    taken = set(
        PersonalInvitation.objects.filter(email_digest__in=digests.values()).values_list(
            "email_digest", flat=True
        )
    )
    already = sorted(email for email, digest in digests.items() if digest in taken)
    if already:
        raise InvitationError(
            "Each address can be invited once per assessment, and these already were: "
            f"{', '.join(already)}. Remove them from the list; to nudge people who have not "
            "answered, send a reminder instead."
        )
    invited = PersonalInvitation.objects.filter(invitation__assessment=assessment).count()
    if invited + len(emails) > settings.PERSONAL_INVITATIONS_MAX:
        raise InvitationError(
            f"An assessment can have at most {settings.PERSONAL_INVITATIONS_MAX} personal "
            f"invitations; {invited} were sent already."
        )
    invitation = Invitation(
        assessment=assessment,
        perspective=perspective,
        kind=Invitation.Kind.PERSONAL,
        language=language,
        expires_on=expires_on,
        message=message,
        label=label,
        token=None,
        created_by=created_by,
    )
    invitation.full_clean()
    _take_emails(assessment, emails)  # after the checks: a refused form uses up no email
    invitation.save()
    # Each link's first secret is sent to nobody: the worker makes the one it emails.
    links = PersonalInvitation.objects.bulk_create(
        PersonalInvitation(
            invitation=invitation,
            token_hash=new_link()[1],
            email_digest=digests[email],
            email=email,
        )
        for email in emails
    )
    _enqueue(links, site, reminder=False)
    return invitation


def personal_invitations_remind(*, invitation: Invitation, site: str, by=None) -> None:
    """Email everyone in the round who has not answered, each with a new link (the earlier
    one stops working: only fingerprints are kept, so the old secret cannot be sent again).
    At most one reminder a day; never says how many were sent. The daily limits count the
    whole round against the agency, whoever has answered, so that a refusal tells nothing of
    who did; an address past its own limit is skipped and logged, never shown."""
    try:
        _personal_invitations_remind(invitation=invitation, site=site)
    except InvitationError as error:
        _record_refusal(error, invitation.assessment, by, "reminder emails")
        raise


@transaction.atomic
def _personal_invitations_remind(*, invitation: Invitation, site: str) -> None:
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not locked.is_personal or invitation_state(locked, 0) != OPEN:
        raise InvitationError("Reminders go only to rounds of personal invitations still open.")
    today = timezone.localdate()
    if locked.reminded_on == today:
        raise InvitationError("A reminder already went out today. You can send another tomorrow.")
    waiting = list(locked.personal_links.filter(used=False))
    sending = [p for p in waiting if not over_address_limit(p.email)]
    if len(sending) < len(waiting):
        logger.warning(
            "Reminder of invitation %s: %d addresses skipped (daily limit)",
            locked.pk, len(waiting) - len(sending),
        )  # fmt: skip
    _take_emails(
        locked.assessment, [p.email for p in sending], budget=locked.personal_links.count()
    )
    locked.reminded_on = today
    locked.save(update_fields=["reminded_on"])
    _enqueue(sending, site, reminder=True)


class TooManyAnswers(Exception):
    """The open link took INVITATION_RATE_LIMIT answers in the last window: try again later."""


def _answer_allowed(invitation: Invitation) -> bool:
    """Fewer than INVITATION_RATE_LIMIT answers stored through the link in the last window.

    Counted in the shared cache (Redis in production, so every server process and machine
    counts together), while the invitation's row is locked, so that answers arriving at the
    same moment through different servers are counted one after another. Only stored answers
    count, so nobody can block a link by sending empty or broken forms.
    """
    return not rate_limit_reached(
        scope=RATE_SCOPE, key=str(invitation.pk), limit=settings.INVITATION_RATE_LIMIT
    )


@transaction.atomic
def invited_response_submit(
    *, link: InviteeLink, answers: dict[int, tuple[str, str]], share_notes: bool
) -> PerspectiveResponse | None:
    """Store one invitee's answers; None if the link closed or was used meanwhile (checked
    under lock); TooManyAnswers if an open link is over its rate limit. A personal link is
    marked used and forgets its address, in the same transaction, without recording which
    answers came through it."""
    locked = Invitation.objects.select_for_update().get(pk=link.invitation.pk)
    personal = None
    if link.personal is not None:
        personal = PersonalInvitation.objects.select_for_update().get(pk=link.personal.pk)
        if personal.used or invitation_state(locked, 0) != OPEN:
            return None
    elif invitation_state(locked, locked.responses.count()) != OPEN:
        return None
    elif not _answer_allowed(locked):
        raise TooManyAnswers
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
    if personal is not None:
        personal.used, personal.email = True, ""
        personal.save(update_fields=["used", "email"])
    else:
        rate_limit_count(scope=RATE_SCOPE, key=str(locked.pk), window=RATE_WINDOW_SECONDS)
    return response
