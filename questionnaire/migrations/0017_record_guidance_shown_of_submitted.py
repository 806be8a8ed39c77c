"""Assessments submitted before the guidance was recorded with them keep the guidance as it
reads on the day of this migration: from then on, an editor's change no longer alters them.
(What they showed before that day is not known.) Frozen: the same record as
questionnaire.shown_guidance made on that day, written out here."""

from django.db import migrations


def record(apps, schema_editor):
    Assessment = apps.get_model("questionnaire", "Assessment")
    Domain = apps.get_model("guidance", "Domain")
    Suggestion = apps.get_model("guidance", "Suggestion")
    Item = apps.get_model("guidance", "Item")
    ExamplePractice = apps.get_model("guidance", "ExamplePractice")
    shown = {
        "version": 1,
        "domains": {str(d.pk): {"title": d.title} for d in Domain.objects.all()},
        "suggestions": {
            str(s.pk): {
                "title": s.title,
                "explanation": s.explanation,
                "page_start": s.page_start,
                "page_end": s.page_end,
            }
            for s in Suggestion.objects.all()
        },
        "items": {str(i.pk): {"text": i.text} for i in Item.objects.all()},
        "examples": {
            str(e.pk): {"text": e.text, "page": e.page} for e in ExamplePractice.objects.all()
        },
    }
    Assessment.objects.filter(status="submitted", guidance_shown={}).update(guidance_shown=shown)


class Migration(migrations.Migration):
    dependencies = [
        ("questionnaire", "0016_assessment_guidance_shown"),
        ("guidance", "0010_item_level_anchors_in_spanish"),
    ]

    operations = [migrations.RunPython(record, migrations.RunPython.noop)]
