from django.db import migrations

GROUP = "Program staff"


def create_group(apps, schema_editor):
    # Membership is the permission: the group needs no model permissions, and its members
    # need no staff status (they never use the admin for this).
    apps.get_model("auth", "Group").objects.get_or_create(name=GROUP)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    """A "Program staff" group: its members open the program view (/program/)."""

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
