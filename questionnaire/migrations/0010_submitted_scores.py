import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """The scores of submitted assessments as rows, written at submission from then on.

    No backfill: nothing was deployed before this, so no submitted assessment lacks them
    outside development databases (where an assessment submitted earlier counts in no peer
    figure until it is resubmitted as a copy).
    """

    dependencies = [
        ("guidance", "0002_guidance_editors_group"),
        ("questionnaire", "0009_worksheet_help_texts_in_american_english"),
    ]

    operations = [
        migrations.CreateModel(
            name="SubmittedAnswer",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "weight",
                    models.PositiveSmallIntegerField(
                        help_text="1 to 5 when submitted, e.g. 2.", verbose_name="weight"
                    ),
                ),
                (
                    "value",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("not_in_place", "Not in place"),
                            ("planned", "Planned or under discussion"),
                            ("partly", "Partly in place"),
                            ("largely", "Largely in place"),
                            ("fully", "Fully in place and sustained"),
                            ("dont_know", "Don't know"),
                        ],
                        help_text="e.g. “partly”.",
                        max_length=20,
                        verbose_name="answer",
                    ),
                ),
                (
                    "points",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="0 to 4 on the scale, e.g. 2 for “partly in place”; empty for “don't know” or no answer.",
                        null=True,
                        verbose_name="points",
                    ),
                ),
                (
                    "gap",
                    models.CharField(
                        blank=True,
                        choices=[("", "No gap"), ("act", "Act"), ("find_out", "Find out")],
                        help_text="“act” below “largely in place”, “find out” for “don't know”, e.g. “act”.",
                        max_length=10,
                        verbose_name="gap",
                    ),
                ),
                (
                    "assessment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="submitted_answers",
                        to="questionnaire.assessment",
                        verbose_name="assessment",
                    ),
                ),
                (
                    "domain",
                    models.ForeignKey(
                        help_text="The section the statement counted towards when submitted, e.g. “Buy-in”.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="guidance.domain",
                        verbose_name="section",
                    ),
                ),
                (
                    "item",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="guidance.item",
                        verbose_name="rated item",
                    ),
                ),
                (
                    "suggestion",
                    models.ForeignKey(
                        help_text="The suggestion the statement was tied to when submitted, e.g. “Conduct a capacity assessment before agreeing to the work”.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="guidance.suggestion",
                        verbose_name="report suggestion",
                    ),
                ),
            ],
            options={
                "verbose_name": "submitted answer",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("assessment", "item"), name="one_submitted_answer_per_item"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("points__isnull", True), ("points__lte", 4), _connector="OR"
                        ),
                        name="submitted_answer_points_0_to_4",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("gap__in", ["", "act", "find_out"])),
                        name="submitted_answer_gap_known",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="SubmittedScore",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "score",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="0 to 100, e.g. 62; empty when nothing in it was rated on the scale.",
                        null=True,
                        verbose_name="score",
                    ),
                ),
                (
                    "level",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("getting_started", "Getting started"),
                            ("developing", "Developing"),
                            ("established", "Established"),
                            ("sustaining", "Sustaining"),
                        ],
                        help_text="The level of the score, e.g. “Established”; empty when there is no score.",
                        max_length=20,
                        verbose_name="readiness level",
                    ),
                ),
                (
                    "rated",
                    models.PositiveSmallIntegerField(
                        help_text="Rated on the scale, e.g. 3 of 4.",
                        verbose_name="statements rated",
                    ),
                ),
                (
                    "dont_know",
                    models.PositiveSmallIntegerField(
                        help_text="e.g. 1.", verbose_name="“don't know” answers"
                    ),
                ),
                (
                    "total",
                    models.PositiveSmallIntegerField(
                        help_text="e.g. 4.", verbose_name="statements"
                    ),
                ),
                (
                    "assessment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="submitted_scores",
                        to="questionnaire.assessment",
                        verbose_name="assessment",
                    ),
                ),
                (
                    "domain",
                    models.ForeignKey(
                        blank=True,
                        help_text="The questionnaire section scored, e.g. “Buy-in”; empty for the overall score.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="guidance.domain",
                        verbose_name="section",
                    ),
                ),
            ],
            options={
                "verbose_name": "submitted score",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("assessment", "domain"), name="one_submitted_score_per_section"
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("domain__isnull", True)),
                        fields=("assessment",),
                        name="one_overall_submitted_score",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("level", ""), ("score__isnull", True)),
                            models.Q(
                                ("score__gte", 0),
                                ("score__lte", 100),
                                models.Q(("level", ""), _negated=True),
                            ),
                            _connector="OR",
                        ),
                        name="submitted_score_0_to_100_with_level",
                    ),
                ],
            },
        ),
    ]
