"""The stored scores and answers name their agency, and mark its latest submission: the rows
peer figures count, aggregated from one table without looking for each agency's latest
assessment among all of them."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Exists, OuterRef, Q, Subquery


def fill(apps, schema_editor):
    Assessment = apps.get_model("questionnaire", "Assessment")
    later = Assessment.objects.filter(agency=OuterRef("agency"), status="submitted").filter(
        Q(submitted_at__gt=OuterRef("submitted_at"))
        | Q(submitted_at=OuterRef("submitted_at"), pk__gt=OuterRef("pk"))
    )
    latest = Assessment.objects.filter(status="submitted").filter(~Exists(later))
    agency_of = Assessment.objects.filter(pk=OuterRef("assessment_id")).values("agency_id")[:1]
    for name in ("SubmittedScore", "SubmittedAnswer"):
        model = apps.get_model("questionnaire", name)
        model.objects.update(agency_id=Subquery(agency_of))
        model.objects.filter(assessment__in=latest).update(latest=True)


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
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="submittedscore",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="accounts.agency",
                verbose_name="agency",
            ),
        ),
        migrations.AlterField(
            model_name="submittedanswer",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="accounts.agency",
                verbose_name="agency",
            ),
        ),
        migrations.AddConstraint(
            model_name="submittedanswer",
            constraint=models.UniqueConstraint(
                condition=models.Q(("latest", True)),
                fields=("agency", "item"),
                name="one_latest_submitted_answer_per_agency_and_item",
            ),
        ),
        migrations.AddIndex(
            model_name="submittedscore",
            index=models.Index(
                condition=models.Q(("latest", True)),
                fields=["domain", "score"],
                name="latest_submitted_scores",
            ),
        ),
        migrations.AddIndex(
            model_name="submittedanswer",
            index=models.Index(
                condition=models.Q(("latest", True)),
                fields=["item", "points", "agency"],
                name="latest_submitted_answers",
            ),
        ),
    ]
