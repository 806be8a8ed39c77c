from django.db import migrations, models


class Migration(migrations.Migration):
    """The owner's choice to count the agency in peer benchmarks: off until chosen."""

    dependencies = [
        ("accounts", "0003_member_invitations_and_events"),
    ]

    operations = [
        migrations.AddField(
            model_name="agency",
            name="shares_in_peer_benchmarks",
            field=models.BooleanField(
                default=False,
                help_text="Set by the agency's owner on the account page. When on, the scores "
                "and answers of its submitted assessments count, without its name, in the peer "
                "figures other agencies see and in the program view, e.g. in the median of "
                "municipal departments.",
                verbose_name="counts in peer benchmarks",
            ),
        ),
        migrations.AddField(
            model_name="agency",
            name="peer_sharing_chosen_at",
            field=models.DateTimeField(
                blank=True,
                help_text="When the owner last chose, e.g. March 3, 2026, 10:15; empty if never.",
                null=True,
                verbose_name="peer-benchmark choice made",
            ),
        ),
    ]
