from django.db import migrations, models


class Migration(migrations.Migration):
    """Marks the synthetic agencies of `seed_demo`, so they can be recognized and removed."""

    dependencies = [
        ("accounts", "0004_agency_peer_sharing"),
    ]

    operations = [
        migrations.AddField(
            model_name="agency",
            name="is_demo",
            field=models.BooleanField(
                default=False,
                help_text="Synthetic data made by `manage.py seed_demo`, e.g. “Demo agency "
                "0042”; `seed_demo --remove` deletes every demo agency and its assessments.",
                verbose_name="demo agency",
            ),
        ),
    ]
