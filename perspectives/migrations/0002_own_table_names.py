"""The tables taken over from the questionnaire app get this app's names
(questionnaire_invitation becomes perspectives_invitation, and so on). Rows, keys and indexes
stay as they are."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('perspectives', '0001_from_questionnaire'),
    ]

    operations = [
        migrations.AlterModelTable(
            name='invitation',
            table=None,
        ),
        migrations.AlterModelTable(
            name='personalinvitation',
            table=None,
        ),
        migrations.AlterModelTable(
            name='perspectiveanswer',
            table=None,
        ),
        migrations.AlterModelTable(
            name='perspectiveresponse',
            table=None,
        ),
    ]
