import django.db.models.deletion
import simple_history.models
from django.db import migrations, models


class Migration(migrations.Migration):
    """Example practices can be tied to the suggestions they illustrate."""

    dependencies = [
        ("guidance", "0004_item_active_flag_synced"),
    ]

    operations = [
        migrations.AddField(
            model_name="examplepractice",
            name="suggestions",
            field=models.ManyToManyField(
                blank=True,
                help_text="The suggestions this practice shows in action, e.g. “Reward the behavior that builds connections with the community” for commendations. A gap on one of them shows this example as what other agencies have done. The report attaches examples to domains, not to suggestions, so this tie is this tool's reading: leave it empty when the practice does not address a suggestion directly, and gaps will show it under “From the same part of the report”.",
                related_name="examples",
                to="guidance.suggestion",
                verbose_name="suggestions it illustrates",
            ),
        ),
        migrations.CreateModel(
            name="HistoricalExamplePractice_suggestions",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "examplepractice",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="guidance.examplepractice",
                    ),
                ),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="guidance.historicalexamplepractice",
                    ),
                ),
                (
                    "suggestion",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="guidance.suggestion",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalExamplePractice_suggestions",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
    ]
