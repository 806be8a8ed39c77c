"""Signing up by email: the sign-up form sends a link, and the account exists once it is used.

A sign-up must answer the same whether or not its address already has an account; otherwise
the form tells anyone who is registered. So every sign-up ends on "check your email". A new
address receives a link that finishes the sign-up (the person chooses a password, and the person
and the agency are created); an address that already has an account receives a reminder of how
to log in or reset the password instead. Nothing is stored before the link is used, so nobody
can take or block an address they cannot read. The link carries what was typed, signed with the
secret key, and expires with password-reset links (PASSWORD_RESET_TIMEOUT).
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.email_address import canonical_email
from accounts.models import User
from accounts.throttle import over_rate_limit

SALT = "accounts.signup"


@dataclass(frozen=True)
class SignupDetails:
    """What the person typed on the sign-up form."""

    person: dict[str, str]  # full_name, email
    agency: dict[str, str]  # the agency form's fields

    @property
    def email(self) -> str:
        """The canonical address (the form stores it so; a link checks it when opened)."""
        return self.person["email"]


def signup_link_token(details: SignupDetails) -> str:
    return signing.dumps(
        {"person": details.person, "agency": details.agency}, salt=SALT, compress=True
    )


def signup_details_from_token(token: str) -> SignupDetails | None:
    """The details a sign-up link carries, with its address in canonical form; None if it was
    altered, has expired, or names an address that has no canonical form (a link sent before
    addresses were made canonical)."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.PASSWORD_RESET_TIMEOUT)
        person = {**data["person"], "email": canonical_email(data["person"]["email"])}
        return SignupDetails(person=person, agency=dict(data["agency"]))
    except (signing.BadSignature, ValidationError, KeyError, TypeError, ValueError):
        return None


def link_days() -> int:
    return max(settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60), 1)


def signup_email_send(*, details: SignupDetails, site: str) -> None:
    """Have the worker email the address (accounts/emails.py): the same work for every
    address, registered or not. Sends nothing past ACCOUNT_EMAILS_PER_ADDRESS emails an hour
    to the address. ``site`` is the scheme and host, e.g. "https://cvi.example.gov"."""
    from accounts.emails import signup_email

    if over_rate_limit(
        scope="account-email", key=details.email, limit=settings.ACCOUNT_EMAILS_PER_ADDRESS
    ):
        return
    signup_email.enqueue(person=details.person, agency=details.agency, site=site)


def signup_email_message(*, details: SignupDetails, site: str) -> tuple[str, str, str]:
    """(subject, body, recipient): a link that finishes the sign-up, or, when the address
    already has an account, how to log in (in the worker, never in the request)."""
    existing = User.objects.filter(email=details.email).first()
    if existing is not None:
        subject = "Your CVI Readiness Self-Assessment account"
        body = render_to_string(
            "registration/signup_exists_email.txt",
            {
                "name": existing.full_name,
                "site": site,
                "login_url": site + reverse("login"),
                "reset_url": site + reverse("password_reset"),
            },
        )
        return subject, body, existing.email  # the address on file, never one merely like it
    subject = "Finish signing up for the CVI Readiness Self-Assessment"
    link = f"{site}{reverse('signup_confirm')}?token={signup_link_token(details)}"
    body = render_to_string(
        "registration/signup_email.txt",
        {
            "name": details.person["full_name"],
            "agency": details.agency["name"],
            "site": site,
            "link": link,
            "days": link_days(),
        },
    )
    return subject, body, details.email
