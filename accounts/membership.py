"""An agency's team: inviting colleagues, joining, leaving, removal and ownership.

Roles are two: owners manage members and invitations; members take assessments and edit
plans. An agency can have several owners and always keeps at least one. Every change is
recorded as an ``AgencyEvent`` (who, what, when), which owners see.

A colleague's invitation is a link that works once and expires. Only a fingerprint of its
secret is stored (``token_hash``): the secret travels in the email and nowhere else.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.email_address import canonical_email
from accounts.email_limits import EmailsRefused, emails_refused_record, invitation_emails_take
from accounts.models import Agency, AgencyEvent, MemberInvitation, User
from accounts.signals import member_joined, member_left
from accounts.verification import agency_verify_by_owner


class MembershipError(Exception):
    """A change refused, with the reason in words for the person who asked for it."""


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    """A link secret (32 random bytes, URL-safe) and its fingerprint."""
    token = secrets.token_urlsafe(32)
    return token, token_digest(token)


def person_label(user: User) -> str:
    return f"{user.full_name} ({user.email})" if user.full_name else user.email


def _record(agency: Agency, actor: User, action: str, subject: str = "") -> None:
    event = AgencyEvent(
        agency=agency, actor=actor, actor_name=person_label(actor), action=action, subject=subject
    )
    event.full_clean()
    event.save()


def agency_members(agency: Agency):
    """Owners first, then everyone else by name."""
    return agency.members.order_by("-is_agency_owner", "full_name", "email")


def agency_pending_invitations(agency: Agency) -> list[MemberInvitation]:
    return list(agency.member_invitations.pending().select_related("invited_by"))


def agency_recent_events(agency: Agency, limit: int = 50) -> list[AgencyEvent]:
    return list(agency.events.all()[:limit])


def refresh_link(invitation: MemberInvitation) -> str:
    """A new secret and a new expiry; the old link stops working."""
    token, invitation.token_hash = new_token()
    invitation.sent_at = timezone.now()
    invitation.expires_at = invitation.sent_at + timedelta(days=settings.MEMBER_INVITATION_DAYS)
    return token


def _enqueue_email(invitation: MemberInvitation, by: User, site: str) -> None:
    """Count the email against the daily limits, then have the worker send it with a new link
    (accounts/emails.py). Raises EmailsRefused (the caller's transaction rolls back)."""
    from accounts.emails import member_invitation_email

    invitation_emails_take(agency=invitation.agency, addresses=[invitation.email])
    member_invitation_email.enqueue(invitation_id=invitation.pk, site=site)


def _refused(agency: Agency, by: User, refusal: EmailsRefused) -> MembershipError:
    """Record a refusal outside the rolled-back transaction, as the owner's error."""
    emails_refused_record(agency=agency, by=by, refused=refusal.refused, what="invitation email")
    return MembershipError(str(refusal))


def member_invite(*, agency: Agency, email: str, invited_by: User, site: str) -> MemberInvitation:
    """Email a colleague a link to join; a pending invitation to the same address is sent
    again with a fresh link. Raises MembershipError if refused, daily limits included; the
    worker sends the email (``site``: the scheme and host of the link)."""
    try:
        return _member_invite(agency=agency, email=email, invited_by=invited_by, site=site)
    except EmailsRefused as refusal:
        raise _refused(agency, invited_by, refusal) from None


@transaction.atomic
def _member_invite(*, agency: Agency, email: str, invited_by: User, site: str):
    email = canonical_email(email)
    # One query under a lock on the agency row: concurrent invitations cannot pass the cap.
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    if agency.members.filter(email=email).exists():
        raise MembershipError(f"{email} is already a member of {agency.name}.")
    invitation = agency.member_invitations.pending().filter(email=email).first()
    if invitation is None:
        used = agency.members.count() + agency.member_invitations.pending().count()
        if used >= settings.AGENCY_MEMBERS_MAX:
            raise MembershipError(
                f"{agency.name} has reached its limit of {settings.AGENCY_MEMBERS_MAX} members "
                "and pending invitations together. Withdraw an invitation or remove a member "
                "first."
            )
        invitation = MemberInvitation(agency=agency, email=email)
        action = AgencyEvent.Action.INVITED
    else:
        action = AgencyEvent.Action.INVITATION_RESENT
    invitation.invited_by = invited_by
    refresh_link(invitation)  # a secret nobody receives: the worker makes the one it sends
    invitation.full_clean()
    invitation.save()
    _record(agency, invited_by, action, email)
    _enqueue_email(invitation, invited_by, site)
    return invitation


def member_invitation_resend(*, invitation: MemberInvitation, by: User, site: str) -> None:
    """Send a pending (or expired) invitation again, with a fresh link and expiry, within the
    daily limits."""
    try:
        _member_invitation_resend(invitation=invitation, by=by, site=site)
    except EmailsRefused as refusal:
        raise _refused(invitation.agency, by, refusal) from None


@transaction.atomic
def _member_invitation_resend(*, invitation: MemberInvitation, by: User, site: str) -> None:
    if invitation.accepted_at or invitation.withdrawn_at:
        raise MembershipError("This invitation was already accepted or withdrawn.")
    invitation.invited_by = by
    refresh_link(invitation)
    invitation.save()
    _record(invitation.agency, by, AgencyEvent.Action.INVITATION_RESENT, invitation.email)
    _enqueue_email(invitation, by, site)


@transaction.atomic
def member_invitation_withdraw(*, invitation: MemberInvitation, by: User) -> None:
    updated = MemberInvitation.objects.pending().filter(pk=invitation.pk)
    if updated.update(withdrawn_at=timezone.now()):
        _record(invitation.agency, by, AgencyEvent.Action.INVITATION_WITHDRAWN, invitation.email)


def member_invitation_for_token(token: str) -> MemberInvitation | None:
    return (
        MemberInvitation.objects.select_related("agency", "invited_by")
        .filter(token_hash=token_digest(token))
        .first()
    )


def _check_acceptable(invitation: MemberInvitation) -> MemberInvitation:
    """The invitation re-read under a lock, if it can still be accepted."""
    locked = MemberInvitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.state != MemberInvitation.State.PENDING:
        raise MembershipError("This invitation can no longer be accepted.")
    return locked


def _join(invitation: MemberInvitation, user: User) -> User:
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    _record(invitation.agency, user, AgencyEvent.Action.JOINED)
    member_joined.send(sender=MemberInvitation, invitation=invitation, user=user)
    return user


def member_invitation_refusal(*, invitation: MemberInvitation, user: User) -> str:
    """Why this logged-in person cannot accept the invitation; "" if they can."""
    if user.email != invitation.email:  # both canonical: compared exactly
        return (
            f"This invitation is for {invitation.email}, and you are logged in as "
            f"{user.email}. Log out, then open the link again and log in with "
            f"{invitation.email} (or create its account)."
        )
    if user.agency_id == invitation.agency_id:
        return f"You are already a member of {invitation.agency.name}."
    if user.agency_id is not None:
        return (
            f"You belong to {user.agency.name}, and a person belongs to one agency at a time. "
            f"Leave {user.agency.name} from your account page first, then open the link again."
        )
    return ""


@transaction.atomic
def member_invitation_accept(*, invitation: MemberInvitation, user: User) -> User:
    """A logged-in person accepts: only with the invited address, and only if they belong
    to no other agency."""
    invitation = _check_acceptable(invitation)
    refusal = member_invitation_refusal(invitation=invitation, user=user)
    if refusal:
        raise MembershipError(refusal)
    user.agency = invitation.agency
    user.is_agency_owner = False
    user.save(update_fields=["agency", "is_agency_owner"])
    return _join(invitation, user)


@transaction.atomic
def member_invitation_accept_new(
    *, invitation: MemberInvitation, full_name: str, password: str
) -> User:
    """Someone without an account accepts: their account is created in the agency."""
    invitation = _check_acceptable(invitation)
    user = User(
        email=invitation.email, full_name=full_name, agency=invitation.agency, is_agency_owner=False
    )
    user.set_password(password)
    user.full_clean()
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:  # the address signed up meanwhile
        raise MembershipError(
            f"An account with {invitation.email} now exists: log in, then open the link again."
        ) from None
    return _join(invitation, user)


def _locked_members(agency: Agency) -> dict[int, User]:
    # Locked so that two owners acting at once cannot leave the agency without one.
    return {user.pk: user for user in agency.members.select_for_update().order_by("pk")}


@transaction.atomic
def member_remove(*, agency: Agency, member: User, by: User) -> None:
    """Take a person out of the agency; their next request no longer sees its assessments.

    The last owner can be neither removed nor leave: make someone else an owner first.
    """
    members = _locked_members(agency)
    member = members.get(member.pk)
    if member is None:
        raise MembershipError("This person is no longer a member of your agency.")
    owners = [user for user in members.values() if user.is_agency_owner]
    if member.is_agency_owner and len(owners) == 1:
        who = "You are" if member.pk == by.pk else f"{member.full_name or member.email} is"
        raise MembershipError(
            f"{who} the only owner of {agency.name}, and an agency always needs one. Make "
            "another member an owner first."
        )
    member.agency = None
    member.is_agency_owner = False
    member.save(update_fields=["agency", "is_agency_owner"])
    member_left.send(sender=User, agency=agency, user=member)
    if member.pk == by.pk:
        _record(agency, by, AgencyEvent.Action.LEFT)
    else:
        _record(agency, by, AgencyEvent.Action.REMOVED, person_label(member))


@transaction.atomic
def member_make_owner(*, agency: Agency, by: User, to: User) -> None:
    """Make another member an owner too: an agency can have several, and the one who does it
    stays an owner."""
    members = _locked_members(agency)
    giver, taker = members.get(by.pk), members.get(to.pk)
    if giver is None or not giver.is_agency_owner:
        raise MembershipError("Only an owner of the agency can make someone an owner.")
    if taker is None:
        raise MembershipError("This person is no longer a member of your agency.")
    if taker.is_agency_owner:
        raise MembershipError(f"{taker.full_name or taker.email} is already an owner.")
    taker.is_agency_owner = True
    taker.save(update_fields=["is_agency_owner"])
    agency_verify_by_owner(agency=agency, owner=taker)
    _record(agency, by, AgencyEvent.Action.MADE_OWNER, person_label(taker))


@transaction.atomic
def owner_make_member(*, agency: Agency, by: User, owner: User) -> None:
    """An owner steps down, or makes another owner a member; never the last owner."""
    members = _locked_members(agency)
    actor, owner = members.get(by.pk), members.get(owner.pk)
    if actor is None or not actor.is_agency_owner:
        raise MembershipError("Only an owner of the agency can change who owns it.")
    if owner is None:
        raise MembershipError("This person is no longer a member of your agency.")
    if not owner.is_agency_owner:
        raise MembershipError(f"{owner.full_name or owner.email} is not an owner.")
    if sum(1 for user in members.values() if user.is_agency_owner) == 1:
        who = "You are" if owner.pk == by.pk else f"{owner.full_name or owner.email} is"
        raise MembershipError(
            f"{who} the only owner of {agency.name}, and an agency always needs one. Make "
            "another member an owner first."
        )
    owner.is_agency_owner = False
    owner.save(update_fields=["is_agency_owner"])
    _record(agency, by, AgencyEvent.Action.OWNER_MADE_MEMBER, person_label(owner))
