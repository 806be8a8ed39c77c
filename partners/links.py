"""A partner's personal link: sending it to the partner's contact, withdrawing it, finding it
from its secret, and the rate limit on what comes through it.

Only a fingerprint of the secret is stored (as for colleagues' and personal invitations): the
secret is in the email alone, so nobody at the agency, and nobody reading the database, can
open the partner's page or write the partner's side of the guidelines. A new link ends the
one before once it has been sent; a link expires after PARTNER_LINK_DAYS.

The page only counts the email against the daily invitation limits and hands it to the worker
(cvi_assess/mail.py), as for colleagues' invitations: the worker makes the secret, sends it,
and only then ends the earlier link, so a failed email leaves the partner's link working.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from accounts.email_limits import EmailsRefused, emails_refused_record, invitation_emails_take
from accounts.membership import new_token, token_digest
from accounts.models import User
from accounts.throttle import over_rate_limit
from cvi_assess.mail import MailFailed, mail_deliver, mail_retry
from partners.guidelines import day_format
from partners.models import PartnerLink
from plans.models import PartnerOrganization

OPEN, EXPIRED, WITHDRAWN = "open", "expired", "withdrawn"
RATE_SCOPE = "partner-link"
RATE_WINDOW_SECONDS = 600


class PartnerLinkError(Exception):
    """A link not sent, with the reason in words for the owner."""


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


def partner_link_send(
    *, partner: PartnerOrganization, language: str, sent_by: User, site: str
) -> str:
    """Have the worker email the partner's contact a new personal link (``site``: the scheme
    and host of the link); the address it goes to. PartnerLinkError, with nothing sent, without
    an address or past the daily invitation limits."""
    with transaction.atomic():
        locked = PartnerOrganization.objects.select_for_update().get(pk=partner.pk)
        if not locked.contact_email:
            raise PartnerLinkError(
                f"Add a contact's email address for {locked.name} first: the link is sent "
                "there."
            )
        try:
            invitation_emails_take(agency=locked.agency, addresses=[locked.contact_email])
        except EmailsRefused as refusal:
            refused = refusal
        else:
            partner_link_email.enqueue(
                partner_id=locked.pk, language=language, sent_by_id=sent_by.pk, site=site
            )
            return locked.contact_email
    emails_refused_record(
        agency=partner.agency, by=sent_by, refused=refused.refused, what="partner link email"
    )
    raise PartnerLinkError(str(refused))


@task()
def partner_link_email(
    *, partner_id: int, language: str, sent_by_id: int | None, site: str, attempt: int = 1
) -> None:
    """A new personal link to the partner's contact, in place of the earlier one. If the email
    fails, the new link is deleted, the earlier one works again, and the email is tried again
    later."""
    token, digest = new_token()
    now = timezone.now()
    with transaction.atomic():
        partner = (
            PartnerOrganization.objects.select_for_update(of=("self",))
            .select_related("agency")
            .filter(pk=partner_id)
            .first()
        )
        if partner is None or not partner.contact_email:
            return
        earlier = list(partner.links.filter(revoked_at=None).values_list("pk", flat=True))
        partner.links.filter(pk__in=earlier).update(revoked_at=now)
        link = PartnerLink.objects.create(
            partner=partner,
            token_hash=digest,
            sent_to=partner.contact_email,
            language=language,
            sent_by_id=sent_by_id,
            sent_at=now,
            expires_at=now + timedelta(days=settings.PARTNER_LINK_DAYS),
        )
    with translation.override(language):
        context = {
            "partner": partner,
            "agency": partner.agency,
            "link": site + reverse("partner_page", args=[token]),
            "expires_at": link.expires_at,
            "day_format": day_format(),
        }
        subject = render_to_string("partners/email/link_subject.txt", context)
        body = render_to_string("partners/email/link_body.txt", context)
    try:
        mail_deliver(subject=subject, body=body, to=[link.sent_to])
    except MailFailed:
        with transaction.atomic():
            PartnerOrganization.objects.select_for_update().get(pk=partner_id)
            link.delete()
            if not partner.links.filter(revoked_at=None).exists():
                partner.links.filter(pk__in=earlier, revoked_at=now).update(revoked_at=None)
        mail_retry(partner_link_email, attempt=attempt, what="partner's link",
                   partner_id=partner_id, language=language, sent_by_id=sent_by_id,
                   site=site)  # fmt: skip


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
