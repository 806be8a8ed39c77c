"""A partner's personal link: sending it to the partner's contact, withdrawing it, finding it
from its secret, and the rate limit on what comes through it.

Only a fingerprint of the secret is stored (as for colleagues' and personal invitations): the
secret is in the email alone, so nobody at the agency, and nobody reading the database, can
open the partner's page or write the partner's side of the guidelines. A new link ends the
one before; a link expires after PARTNER_LINK_DAYS.
"""

import hashlib
import secrets
import smtplib
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.models import User
from accounts.throttle import over_rate_limit
from partners.guidelines import day_format
from partners.models import PartnerLink
from plans.models import PartnerOrganization

OPEN, EXPIRED, WITHDRAWN = "open", "expired", "withdrawn"
RATE_SCOPE = "partner-link"
RATE_WINDOW_SECONDS = 600


class PartnerLinkError(Exception):
    """A link not sent, with the reason in words for the owner."""


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def partner_link_state(link: PartnerLink) -> str:
    if link.revoked_at is not None:
        return WITHDRAWN
    if link.expires_at <= timezone.now():
        return EXPIRED
    return OPEN


def partner_link_for_token(token: str) -> PartnerLink | None:
    """The link whose secret is ``token`` (open or not), with its partner and agency."""
    return (
        PartnerLink.objects.select_related("partner__agency")
        .filter(token_hash=token_digest(token))
        .first()
    )


def live_link(partner: PartnerOrganization) -> PartnerLink | None:
    """The partner's link not withdrawn (it may have expired)."""
    return partner.links.filter(revoked_at=None).first()


@transaction.atomic
def partner_link_send(
    *, partner: PartnerOrganization, language: str, sent_by: User, link_for: Callable[[str], str]
) -> PartnerLink:
    """Email the partner's contact a new personal link, ending any earlier one. Nothing is kept
    (the earlier link keeps working) if there is no address or the email cannot be sent."""
    locked = PartnerOrganization.objects.select_for_update().get(pk=partner.pk)
    if not locked.contact_email:
        raise PartnerLinkError(
            f"Add a contact's email address for {locked.name} first: the link is sent there."
        )
    now = timezone.now()
    locked.links.filter(revoked_at=None).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    link = PartnerLink(
        partner=locked,
        token_hash=token_digest(token),
        sent_to=locked.contact_email,
        language=language,
        sent_by=sent_by,
        sent_at=now,
        expires_at=now + timedelta(days=settings.PARTNER_LINK_DAYS),
    )
    link.full_clean()
    link.save()
    _send(link, link_for(token))
    return link


def _send(link: PartnerLink, address: str) -> None:
    """Email the link in its language; PartnerLinkError (and the caller's transaction rolled
    back) if the mail server refuses."""
    partner = link.partner
    with translation.override(link.language):
        context = {
            "partner": partner,
            "agency": partner.agency,
            "link": address,
            "expires_at": link.expires_at,
            "day_format": day_format(),
        }
        subject = render_to_string("partners/email/link_subject.txt", context)
        body = render_to_string("partners/email/link_body.txt", context)
    try:
        send_mail(" ".join(subject.split()), body, None, [link.sent_to])
    except (OSError, smtplib.SMTPException):
        raise PartnerLinkError(
            "The email could not be sent, so nothing was changed. Try again in a few minutes; "
            "if it keeps failing, ask whoever runs the server to check its email settings."
        ) from None


def partner_link_withdraw(*, partner: PartnerOrganization) -> bool:
    """End the partner's link for good; False if it had none still working."""
    return bool(partner.links.filter(revoked_at=None).update(revoked_at=timezone.now()))


def partner_link_allowed(link: PartnerLink) -> bool:
    """Count one request through the link; False once there were more than
    PARTNER_LINK_RATE_LIMIT in the window (counted in the shared cache, accounts/throttle.py)."""
    return not over_rate_limit(
        scope=RATE_SCOPE,
        key=str(link.pk),
        limit=settings.PARTNER_LINK_RATE_LIMIT,
        window=RATE_WINDOW_SECONDS,
    )
