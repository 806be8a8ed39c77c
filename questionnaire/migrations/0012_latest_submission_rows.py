"""The stored scores and answers name their agency, and mark its latest submission: the rows
peer figures count, aggregated from one table without looking for each agency's latest
assessment among all of them. 0013 fills them in, 0014 then requires and indexes them (each
step in its own transaction, as PostgreSQL asks of a table whose rows were just updated)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0008_agency_size_band_and_census_region"),
        ("guidance", "0010_item_level_anchors_in_spanish"),
        ("questionnaire", "0011_move_plans_and_perspectives_out"),
    ]

    operations = [
        migrations.AddField(
            model_name="submittedscore",
            name="agency",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="accounts.agency",
                verbose_name="agency",
            ),
        ),
        migrations.AddField(
            model_name="submittedanswer",
            name="agency",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="accounts.agency",
                verbose_name="agency",
            ),
        ),
        migrations.AddField(
            model_name="submittedscore",
            name="latest",
            field=models.BooleanField(
                default=False,
                help_text="True for the rows of the agency's most recent submitted assessment: "
                "the one peer figures count.",
                verbose_name="of the agency's latest submission",
            ),
        ),
        migrations.AddField(
            model_name="submittedanswer",
            name="latest",
            field=models.BooleanField(
                default=False,
                help_text="True for the rows of the agency's most recent submitted assessment: "
                "the one peer figures count.",
                verbose_name="of the agency's latest submission",
            ),
        ),
    ]
