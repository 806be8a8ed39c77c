from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Guidance editors"


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; create them now so the group can
    # be given this one on a fresh database (as guidance's 0002 does).
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
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="workshops", codename="view_statementagreement"
        )
    )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name=GROUP):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="workshops", codename="view_statementagreement"
            )
        )


class Migration(migrations.Migration):
    """The guidance editors see agreement per statement (read only), to rewrite statements and
    level descriptions that people read differently."""

    dependencies = [
        ("workshops", "0002_statement_agreement_for_editors"),
        ("guidance", "0002_guidance_editors_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
