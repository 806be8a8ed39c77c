from django.db import migrations, models


class Migration(migrations.Migration):
    """“CVI organizations” in American English (the stored value is unchanged)."""

    dependencies = [
        ("questionnaire", "0007_assessment_survey_topics"),
    ]

    operations = [
        migrations.AlterField(
            model_name='invitation',
            name='perspective',
            field=models.CharField(choices=[('command_staff', 'Command staff'), ('supervisors', 'Supervisors'), ('line_officers', 'Line officers'), ('civilian_staff', 'Civilian staff'), ('cvi_organisations', 'Community partners: CVI organizations'), ('service_providers', 'Community partners: service providers'), ('residents', 'Community partners: residents')], max_length=30, verbose_name='perspective'),
        ),
        migrations.AlterField(
            model_name='perspectiveresponse',
            name='perspective',
            field=models.CharField(choices=[('command_staff', 'Command staff'), ('supervisors', 'Supervisors'), ('line_officers', 'Line officers'), ('civilian_staff', 'Civilian staff'), ('cvi_organisations', 'Community partners: CVI organizations'), ('service_providers', 'Community partners: service providers'), ('residents', 'Community partners: residents')], max_length=30),
        ),
    ]
