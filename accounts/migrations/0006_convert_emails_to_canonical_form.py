from django.db import migrations
from django.utils import timezone


def canonical(address: str) -> str | None:
    """accounts.email_address.canonical_email as of this migration, frozen here: without
    surrounding spaces, in lower case; None for an address outside ASCII or over 254
    characters."""
    address = (address or "").strip()
    if not address.isascii() or len(address) > 254:
        return None
    return address.lower()


def convert_emails(apps, schema_editor):
    """Store every address in its canonical form, which log-in now compares exactly.

    An account whose address has no canonical form (a look-alike such as "alıce@…", with a
    dotless ı) or whose canonical form another account already has, is kept for the record but
    deactivated: no log-in could reach it any more, and its open sessions end. A pending
    colleague invitation to such an address is withdrawn.
    """
    User = apps.get_model("accounts", "User")
    MemberInvitation = apps.get_model("accounts", "MemberInvitation")
    for user in User.objects.order_by("pk"):
        email = canonical(user.email)
        if email == user.email:
            continue
        if email is None or User.objects.filter(email=email).exclude(pk=user.pk).exists():
            User.objects.filter(pk=user.pk).update(is_active=False)
        else:
            User.objects.filter(pk=user.pk).update(email=email)
    for invitation in MemberInvitation.objects.order_by("pk"):
        email = canonical(invitation.email)
        if email == invitation.email:
            continue
        pending = invitation.accepted_at is None and invitation.withdrawn_at is None
        twin = MemberInvitation.objects.filter(
            agency_id=invitation.agency_id, email=email, accepted_at=None, withdrawn_at=None
        ).exclude(pk=invitation.pk)
        if email is None or (pending and twin.exists()):
            if pending:
                MemberInvitation.objects.filter(pk=invitation.pk).update(
                    withdrawn_at=timezone.now()
                )
        else:
            MemberInvitation.objects.filter(pk=invitation.pk).update(email=email)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_agency_is_demo"),
    ]

    operations = [migrations.RunPython(convert_emails, migrations.RunPython.noop)]
