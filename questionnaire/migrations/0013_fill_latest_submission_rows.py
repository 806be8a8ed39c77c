"""Every stored score and answer gets its assessment's agency, and the rows of each agency's
latest submitted assessment (by date submitted) are marked as its latest."""

from django.db import migrations
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
        ("questionnaire", "0012_latest_submission_rows"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
