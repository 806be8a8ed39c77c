from django.db import migrations
from django.utils import timezone

MODELS = ["Domain", "Suggestion", "ExamplePractice", "Resource", "Benchmark", "Item"]


def load_content(apps, schema_editor):
    from guidance.content import guidance_load

    guidance_load(registry=apps)
    # Historical models send no signals, so record each row's first version by hand: the
    # admin's history can then always revert to the text as first loaded.
    now = timezone.now()
    for name in MODELS:
        model = apps.get_model("guidance", name)
        history = apps.get_model("guidance", f"Historical{name}")
        fields = [f.attname for f in model._meta.concrete_fields]
        history.objects.bulk_create(
            history(
                **{f: getattr(row, f) for f in fields},
                history_date=now,
                history_type="+",
                history_change_reason="Loaded from the guidance content file",
            )
            for row in model.objects.all()
        )


class Migration(migrations.Migration):
    """Load the report's guidance from guidance/content/guidance.json on first migrate."""

    dependencies = [("guidance", "0001_initial")]

    operations = [migrations.RunPython(load_content, migrations.RunPython.noop)]
