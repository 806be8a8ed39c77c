from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Guidance editors"


def create_row_and_grant(apps, schema_editor):
    """Create the one (empty) row of report details, and let guidance editors change it."""
    apps.get_model("guidance", "ReportDetails").objects.get_or_create(pk=1)
    # Permissions are normally created after all migrations; create them now so the group
    # can be given them. (Historical app configs have no models module, which
    # create_permissions would take as "no models".)
    app_config = apps.get_app_config("guidance")
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
            content_type__app_label="guidance",
            codename__in=["view_reportdetails", "change_reportdetails"],
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("guidance", "0006_report_details"),
        ("guidance", "0002_guidance_editors_group"),
    ]

    operations = [migrations.RunPython(create_row_and_grant, migrations.RunPython.noop)]
