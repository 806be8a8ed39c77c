import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """The report's own details (its web address), one row edited in the admin."""

    dependencies = [
        ("guidance", "0005_examplepractice_suggestions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalReportDetails",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "address",
                    models.URLField(
                        blank=True,
                        help_text="Where readers can open the full report, e.g. https://www.example.org/cvi-report.pdf. When set, every page reference (“Report, p. 14”) links to it. Leave it empty until you have checked that the address opens the report itself.",
                        max_length=500,
                        validators=[django.core.validators.URLValidator(schemes=["https", "http"])],
                        verbose_name="web address of the report",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical report details",
                "verbose_name_plural": "historical report details",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="ReportDetails",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "address",
                    models.URLField(
                        blank=True,
                        help_text="Where readers can open the full report, e.g. https://www.example.org/cvi-report.pdf. When set, every page reference (“Report, p. 14”) links to it. Leave it empty until you have checked that the address opens the report itself.",
                        max_length=500,
                        validators=[django.core.validators.URLValidator(schemes=["https", "http"])],
                        verbose_name="web address of the report",
                    ),
                ),
            ],
            options={
                "verbose_name": "report details",
                "verbose_name_plural": "report details",
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("id", 1)), name="report_details_single_row"
                    )
                ],
            },
        ),
    ]
