"""The one form in which an email address is stored, compared, counted and written to.

Log-in, the log-in lockout (django-axes), sign-up's "already registered" check, password reset,
colleague invitations and personal invitations all go through ``canonical_email`` and then
compare what it returns exactly, never through a database's case-insensitive match: those fold
letters in their own ways (PostgreSQL's matches a dotless ı, U+0131, with I, so "alıce@…"
reached Alice's account while the lockout counted it as another person).
"""

from django.core.exceptions import ValidationError

# RFC 5321's limit, and the length of the email column.
MAX_LENGTH = 254


def canonical_email(address: str) -> str:
    """The address without surrounding spaces, in lower case; refused (ValidationError) if it
    holds a character outside ASCII or is longer than 254 characters.

    Why ASCII only, rather than Unicode normalization and case folding: the people who use this
    tool are at US police agencies and their partners, whose work addresses are ASCII; a
    non-ASCII address is far more likely a look-alike (ı for i, Cyrillic а for a, the Kelvin
    sign K for K) than a real mailbox. Refusing it leaves no folding rules to get wrong: after
    the ASCII check, lower case is plain a-z, identical in Python and every database. The part
    before the @ is case-sensitive in theory, never in practice, and was already stored in lower
    case. A domain with accented letters can still be typed in its ASCII (xn--) form.

    "Alice@Springfield.Example " → "alice@springfield.example"; "alıce@springfield.example" is
    refused.
    """
    address = (address or "").strip()
    if not address.isascii():
        raise ValidationError(
            "Type the email address in plain letters (a to z), digits and . _ + - only: it "
            "contains a letter from another alphabet or with an accent.",
            code="not_ascii",
        )
    if len(address) > MAX_LENGTH:
        raise ValidationError(
            f"An email address has at most {MAX_LENGTH} characters; this one has {len(address)}.",
            code="too_long",
        )
    return address.lower()
