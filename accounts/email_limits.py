"""Daily limits on invitation emails (colleagues' invitations and "Send again", personal
invitations and their reminders): to one address, and from one agency, counted by the one
rate limiter (accounts/throttle.py). Without them, "Send again" sent 51 emails to one address
in 1.8 s, and an agency could email 50,000 pasted addresses. What is refused is counted: a
line in the log and, where the owner may know it, an entry in the agency's recent changes.
"""

import logging

from django.conf import settings

from accounts.models import Agency, AgencyEvent, User
from accounts.throttle import rate_limit_count, rate_limit_reached, rate_limit_take

logger = logging.getLogger("accounts.email_limits")
DAY = 24 * 60 * 60


class EmailsRefused(Exception):
    """Emails over a daily limit, with the reason in words for the owner."""

    def __init__(self, message: str, refused: int):
        super().__init__(message)
        self.refused = refused


def over_address_limit(email: str) -> bool:
    return rate_limit_reached(
        scope="invitation-email-address",
        key=email,
        limit=settings.INVITATION_EMAILS_PER_ADDRESS_DAILY,
    )


def invitation_emails_take(*, agency: Agency, addresses: list[str], budget: int = 0) -> None:
    """Count emails to ``addresses`` against both daily limits, or refuse them all (counting
    nothing) with EmailsRefused. ``budget``: how many the agency's count takes, when it must
    not depend on who is written to (reminders count the whole round)."""
    per_address = settings.INVITATION_EMAILS_PER_ADDRESS_DAILY
    full = sorted(email for email in addresses if over_address_limit(email))
    if full:
        raise EmailsRefused(
            f"{', '.join(full)} {'was' if len(full) == 1 else 'were'} already emailed "
            f"{per_address} times today, the most a day. Try again tomorrow.",
            len(addresses),
        )
    per_agency = settings.INVITATION_EMAILS_PER_AGENCY_DAILY
    if not rate_limit_take(
        scope="invitation-email-agency",
        key=str(agency.pk),
        limit=per_agency,
        amount=budget or len(addresses),
        window=DAY,
    ):
        raise EmailsRefused(
            f"{agency.name} can send at most {per_agency} invitation emails a day, and this "
            f"would pass that limit. Nothing was sent; try again tomorrow or with fewer "
            "addresses.",
            len(addresses),
        )
    for email in addresses:
        rate_limit_count(scope="invitation-email-address", key=email, window=DAY)


def emails_refused_record(*, agency: Agency, by: User, refused: int, what: str) -> None:
    """Count a refusal: a line in the log, and an entry in the agency's recent changes."""
    logger.warning("Refused %d %s for agency %s: daily limit", refused, what, agency.pk)
    AgencyEvent.objects.create(
        agency=agency,
        actor=by,
        actor_name=f"{by.full_name} ({by.email})" if by.full_name else by.email,
        action=AgencyEvent.Action.EMAILS_REFUSED,
        subject=f"{refused} {what} (daily limit)",
    )
