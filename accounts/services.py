"""Writes that touch several rows of people and agencies."""

from django.db import transaction

from accounts.models import Agency, User


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
    return person
