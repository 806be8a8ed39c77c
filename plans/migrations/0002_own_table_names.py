"""The tables taken over from the questionnaire app get this app's names
(questionnaire_actionitem becomes plans_actionitem, and so on). Rows, keys and indexes
stay as they are."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0001_from_questionnaire'),
    ]

    operations = [
        migrations.AlterModelTable(
            name='actionitem',
            table=None,
        ),
        migrations.AlterModelTable(
            name='actionstatuschange',
            table=None,
        ),
        migrations.AlterModelTable(
            name='informationsharingworksheet',
            table=None,
        ),
        migrations.AlterModelTable(
            name='planreminder',
            table=None,
        ),
    ]
