from django.db import migrations, models


class Migration(migrations.Migration):
    """Addresses are stored in their canonical form (0006), so uniqueness is on the stored
    address itself, exactly, rather than on a database's lower case of it."""

    dependencies = [
        ("accounts", "0006_convert_emails_to_canonical_form"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="memberinvitation",
            name="one_pending_member_invitation_per_address",
        ),
        migrations.RemoveConstraint(
            model_name="user",
            name="user_email_unique_ignoring_case",
        ),
        migrations.AlterField(
            model_name="user",
            name="email",
            field=models.EmailField(
                help_text="Stored in one form, without spaces and in lower case, and compared "
                "exactly; plain ASCII only, e.g. “alice.chief@springfield.gov”.",
                max_length=254,
                unique=True,
                verbose_name="email address",
            ),
        ),
        migrations.AddConstraint(
            model_name="memberinvitation",
            constraint=models.UniqueConstraint(
                condition=models.Q(("accepted_at", None), ("withdrawn_at", None)),
                fields=("agency", "email"),
                name="one_pending_member_invitation_per_address",
            ),
        ),
    ]
