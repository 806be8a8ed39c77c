import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Help texts in American English (organization, toward)."""

    dependencies = [
        ("guidance", "0007_report_details_for_guidance_editors"),
    ]

    operations = [
        migrations.AlterField(
            model_name="examplepractice",
            name="text",
            field=models.TextField(
                help_text="The practice in our words. Name only agencies or organizations the report names.",
                verbose_name="example",
            ),
        ),
        migrations.AlterField(
            model_name="historicalexamplepractice",
            name="text",
            field=models.TextField(
                help_text="The practice in our words. Name only agencies or organizations the report names.",
                verbose_name="example",
            ),
        ),
        migrations.AlterField(
            model_name="historicalitem",
            name="domain",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="The questionnaire page the item appears on and the score it counts toward.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="guidance.domain",
                verbose_name="questionnaire section",
            ),
        ),
        migrations.AlterField(
            model_name="historicalresource",
            name="named_in_report",
            field=models.BooleanField(
                default=False,
                help_text="Tick only when the PERF brief itself names this organization or document.",
                verbose_name="named in the report",
            ),
        ),
        migrations.AlterField(
            model_name="item",
            name="domain",
            field=models.ForeignKey(
                help_text="The questionnaire page the item appears on and the score it counts toward.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="items",
                to="guidance.domain",
                verbose_name="questionnaire section",
            ),
        ),
        migrations.AlterField(
            model_name="resource",
            name="named_in_report",
            field=models.BooleanField(
                default=False,
                help_text="Tick only when the PERF brief itself names this organization or document.",
                verbose_name="named in the report",
            ),
        ),
    ]
