"""The agency of every stored score and answer is required, one latest submission per agency
is enforced, and the rows peer figures read are indexed. (Apart from 0013, which fills the
rows: PostgreSQL does not alter a table in the transaction that has just updated it.)"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("questionnaire", "0013_fill_latest_submission_rows"),
    ]

    operations = [
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
