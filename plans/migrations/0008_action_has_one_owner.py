"""Once owners are matched (0005): at most one owner per action, and every action a calendar
identifier."""

import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("plans", "0007_match_action_owners_to_members")]

    operations = [
        migrations.AlterField(
            model_name="actionitem",
            name="uid",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                help_text="Names the action's due date in calendars; kept when the plan is "
                "carried forward, so a calendar shows one event, e.g. 0b5c…",
                verbose_name="calendar identifier",
            ),
        ),
        migrations.AddConstraint(
            model_name="actionitem",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("owner", ""), ("owner_member__isnull", True), _connector="OR"),
                    models.Q(("owner", ""), ("owner_invitation__isnull", True), _connector="OR"),
                    models.Q(
                        ("owner_member__isnull", True),
                        ("owner_invitation__isnull", True),
                        _connector="OR",
                    ),
                ),
                name="action_has_one_owner",
            ),
        ),
    ]
