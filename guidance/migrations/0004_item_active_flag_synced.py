import hashlib
import json

from django.db import migrations

# The fingerprint load_guidance records for a field it set to true. Written out here so this
# migration does the same thing forever, whatever becomes of the loader.
SYNCED_TRUE = hashlib.sha256(json.dumps(True).encode()).hexdigest()[:16]


def remember_items_were_synced_active(apps, schema_editor):
    """The content file now carries each item's active flag. Every item the loader created so
    far was created active, so record that: the next sync can then retire an item the file
    retires, and keep an item an editor retired in the admin retired."""
    Item = apps.get_model("guidance", "Item")
    for item in Item.objects.exclude(content_fingerprint=""):
        try:
            synced = json.loads(item.content_fingerprint)
        except ValueError:
            continue
        if isinstance(synced, dict) and synced and "is_active" not in synced:
            synced["is_active"] = SYNCED_TRUE
            Item.objects.filter(pk=item.pk).update(
                content_fingerprint=json.dumps(synced, sort_keys=True)
            )


class Migration(migrations.Migration):
    dependencies = [("guidance", "0003_item_level_anchors_and_evidence_hint")]

    operations = [
        migrations.RunPython(remember_items_were_synced_active, migrations.RunPython.noop),
    ]
