"""The action plan's models moved to the plans app, and the invitations' to perspectives.

Only Django's record of the models changes here: the tables and their rows stay as they are,
and plans/0001 and perspectives/0001 take them over under their new app.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("questionnaire", "0010_submitted_scores"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name='planreminder',
                    name='action',
                ),
                migrations.RemoveField(
                    model_name='actionstatuschange',
                    name='action',
                ),
                migrations.RemoveField(
                    model_name='actionstatuschange',
                    name='changed_by',
                ),
                migrations.RemoveField(
                    model_name='informationsharingworksheet',
                    name='assessment',
                ),
                migrations.RemoveField(
                    model_name='invitation',
                    name='assessment',
                ),
                migrations.RemoveField(
                    model_name='invitation',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='perspectiveresponse',
                    name='invitation',
                ),
                migrations.RemoveField(
                    model_name='personalinvitation',
                    name='invitation',
                ),
                migrations.RemoveField(
                    model_name='perspectiveanswer',
                    name='item',
                ),
                migrations.RemoveField(
                    model_name='perspectiveanswer',
                    name='response',
                ),
                migrations.RemoveField(
                    model_name='planreminder',
                    name='recipient',
                ),
                migrations.DeleteModel(
                    name='ActionItem',
                ),
                migrations.DeleteModel(
                    name='ActionStatusChange',
                ),
                migrations.DeleteModel(
                    name='InformationSharingWorksheet',
                ),
                migrations.DeleteModel(
                    name='Invitation',
                ),
                migrations.DeleteModel(
                    name='PersonalInvitation',
                ),
                migrations.DeleteModel(
                    name='PerspectiveAnswer',
                ),
                migrations.DeleteModel(
                    name='PerspectiveResponse',
                ),
                migrations.DeleteModel(
                    name='PlanReminder',
                ),
            ],
        ),
    ]
