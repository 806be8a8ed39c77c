"""Writes that touch several rows of people and agencies."""

from django.db import transaction
from django.utils import timezone

from accounts.models import Agency, User
from accounts.verification import agency_verify_by_owner


@transaction.atomic
def account_signup(*, person: User, agency: Agency, password: str) -> User:
    """Create the agency and its first member, who owns it."""
    agency.slug = Agency.unique_slug(agency.name)
    agency.full_clean()
    agency.save()
    person.agency = agency
    person.is_agency_owner = True
    person.set_password(password)
    person.full_clean()
    person.save()
    agency_verify_by_owner(agency=agency, owner=person)
    return person


@transaction.atomic
def agency_peer_sharing_choose(*, agency: Agency, shares: bool) -> None:
    """Record the owner's choice to count (or not) the agency in peer benchmarks.

    Peer and program figures are computed from what the database holds, so an agency that
    stops sharing leaves every figure from the next request on.
    """
    agency.shares_in_peer_benchmarks = shares
    agency.peer_sharing_chosen_at = timezone.now()
    agency.full_clean()
    agency.save(update_fields=["shares_in_peer_benchmarks", "peer_sharing_chosen_at"])
