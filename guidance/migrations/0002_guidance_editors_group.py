from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Guidance editors"


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations; create them now so the
    # group can be given them on a fresh database. (Historical app configs have no models
    # module, which create_permissions would take as "no models".)
    for app_config in apps.get_app_configs():
        historical = getattr(app_config, "models_module", None) is None
        if historical:
            app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        if historical:
            app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.set(Permission.objects.filter(content_type__app_label="guidance"))


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    """A "Guidance editors" group with every guidance permission and nothing else."""

    dependencies = [
        ("guidance", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
