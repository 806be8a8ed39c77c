"""Verifying agencies: peer figures and the program view count an agency only once it is
verified, so that agencies made up to sit in a real one's peer group cannot move its medians
(README, "How do we compare?"). An administrator approves an agency in the admin, or the
agency's owner has an address on a domain an administrator allowed (``AllowedDomain``):
checked when the agency signs up, when ownership passes to someone else, and for every agency
when a domain is added. A verified agency stays verified until an administrator says
otherwise.
"""

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import Agency, AllowedDomain, User
from accounts.signals import agencies_verified


def email_domain(email: str) -> str:
    return email.rpartition("@")[2]


def agency_verify_by_owner(*, agency: Agency, owner: User) -> bool:
    """Verify ``agency`` if ``owner``'s address is on an allowed domain; True if it is now."""
    if agency.verified_at is not None:
        return True
    if not AllowedDomain.objects.filter(domain=email_domain(owner.email)).exists():
        return False
    agency.verified_at, agency.verification = timezone.now(), Agency.Verification.DOMAIN
    agency.save(update_fields=["verified_at", "verification"])
    return True


@transaction.atomic
def agencies_approve(*, agencies: QuerySet[Agency]) -> int:
    """An administrator's approval of the agencies not yet verified; returns how many."""
    return _verification_set(
        agencies.filter(verified_at=None), timezone.now(), Agency.Verification.ADMIN
    )


@transaction.atomic
def agencies_unverify(*, agencies: QuerySet[Agency]) -> int:
    """An administrator's withdrawal of verification; returns how many agencies."""
    return _verification_set(
        agencies.exclude(verified_at=None), None, Agency.Verification.NONE
    )


def _verification_set(agencies: QuerySet[Agency], verified_at, verification: str) -> int:
    """One update for all of them and one announcement (the peer summary is rebuilt once,
    not once per agency)."""
    count = Agency.objects.filter(pk__in=list(agencies.values_list("pk", flat=True))).update(
        verified_at=verified_at, verification=verification
    )
    if count:
        agencies_verified.send(sender=Agency)
    return count


@transaction.atomic
def allowed_domain_verify_agencies(*, domain: AllowedDomain) -> int:
    """Verify every agency not yet verified whose owner has an address on ``domain``."""
    owners = User.objects.filter(is_agency_owner=True, email__endswith=f"@{domain.domain}")
    waiting = Agency.objects.filter(verified_at=None, members__in=owners).distinct()
    count = Agency.objects.filter(pk__in=list(waiting.values_list("pk", flat=True))).update(
        verified_at=timezone.now(), verification=Agency.Verification.DOMAIN
    )
    if count:
        agencies_verified.send(sender=AllowedDomain, domain=domain)
    return count
