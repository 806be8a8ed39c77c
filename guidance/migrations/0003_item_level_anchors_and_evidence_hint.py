from django.db import migrations, models


class Migration(migrations.Migration):
    """Five level descriptions (anchors) and an evidence hint on every rated item."""

    dependencies = [
        ("guidance", "0002_guidance_editors_group"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalitem",
            name="anchor_fully",
            field=models.TextField(
                blank=True,
                help_text="e.g. “Every hiring process applies the criterion, and it has lasted through changes of staff.”",
                verbose_name="what “fully in place and sustained” looks like",
            ),
        ),
        migrations.AddField(
            model_name="historicalitem",
            name="anchor_largely",
            field=models.TextField(
                blank=True,
                help_text="e.g. “A written criterion or set interview questions are used in most hiring.”",
                verbose_name="what “largely in place” looks like",
            ),
        ),
        migrations.AddField(
            model_name="historicalitem",
            name="anchor_not_in_place",
            field=models.TextField(
                blank=True,
                help_text="One or two sentences describing an agency at this level, e.g. “Hiring does not consider a candidate's commitment to working with the community.”",
                verbose_name="what “not in place” looks like",
            ),
        ),
        migrations.AddField(
            model_name="historicalitem",
            name="anchor_partly",
            field=models.TextField(
                blank=True,
                help_text="e.g. “Some interviewers ask about community work, without a set criterion.”",
                verbose_name="what “partly in place” looks like",
            ),
        ),
        migrations.AddField(
            model_name="historicalitem",
            name="anchor_planned",
            field=models.TextField(
                blank=True,
                help_text="e.g. “Changes to hiring criteria or interview questions are being discussed or drafted, not yet used.”",
                verbose_name="what “planned or under discussion” looks like",
            ),
        ),
        migrations.AddField(
            model_name="historicalitem",
            name="evidence_hint",
            field=models.TextField(
                blank=True,
                help_text="Shown under the “Evidence or note” box: what would show the statement is true, e.g. “For example: the job posting or interview questions that ask about community work.”",
                verbose_name="evidence hint",
            ),
        ),
        migrations.AddField(
            model_name="item",
            name="anchor_fully",
            field=models.TextField(
                blank=True,
                help_text="e.g. “Every hiring process applies the criterion, and it has lasted through changes of staff.”",
                verbose_name="what “fully in place and sustained” looks like",
            ),
        ),
        migrations.AddField(
            model_name="item",
            name="anchor_largely",
            field=models.TextField(
                blank=True,
                help_text="e.g. “A written criterion or set interview questions are used in most hiring.”",
                verbose_name="what “largely in place” looks like",
            ),
        ),
        migrations.AddField(
            model_name="item",
            name="anchor_not_in_place",
            field=models.TextField(
                blank=True,
                help_text="One or two sentences describing an agency at this level, e.g. “Hiring does not consider a candidate's commitment to working with the community.”",
                verbose_name="what “not in place” looks like",
            ),
        ),
        migrations.AddField(
            model_name="item",
            name="anchor_partly",
            field=models.TextField(
                blank=True,
                help_text="e.g. “Some interviewers ask about community work, without a set criterion.”",
                verbose_name="what “partly in place” looks like",
            ),
        ),
        migrations.AddField(
            model_name="item",
            name="anchor_planned",
            field=models.TextField(
                blank=True,
                help_text="e.g. “Changes to hiring criteria or interview questions are being discussed or drafted, not yet used.”",
                verbose_name="what “planned or under discussion” looks like",
            ),
        ),
        migrations.AddField(
            model_name="item",
            name="evidence_hint",
            field=models.TextField(
                blank=True,
                help_text="Shown under the “Evidence or note” box: what would show the statement is true, e.g. “For example: the job posting or interview questions that ask about community work.”",
                verbose_name="evidence hint",
            ),
        ),
    ]
