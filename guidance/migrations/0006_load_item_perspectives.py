from django.db import migrations


def load_content(apps, schema_editor):
    # Fills the new fields (wording for community partners, who is asked) from the content
    # file; fields an admin has edited keep the admin's value.
    from guidance.content import guidance_load

    guidance_load(registry=apps)


class Migration(migrations.Migration):
    dependencies = [("guidance", "0005_item_perspectives")]

    operations = [migrations.RunPython(load_content, migrations.RunPython.noop)]
