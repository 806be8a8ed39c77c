from django.db import migrations, models


class Migration(migrations.Migration):
    """Optional context questions on the topics of PERF's survey that the brief gives no figures for, and the balance of roles behind the lead-or-support question."""

    dependencies = [
        ("questionnaire", "0006_invitation_message_length"),
    ]

    operations = [
        migrations.AddField(
            model_name='assessment',
            name='agency_roles',
            field=models.JSONField(blank=True, default=list, help_text='Choose all that apply, e.g. “Refers people to it”.', verbose_name='If it has: what is its role in developing and implementing the CVI?'),
        ),
        migrations.AddField(
            model_name='assessment',
            name='cvi_focus',
            field=models.JSONField(blank=True, default=list, help_text='Choose all that apply, e.g. “Groups or crews involved in violence”.', verbose_name='If it has: whom (or what) does the CVI focus on?'),
        ),
        migrations.AddField(
            model_name='assessment',
            name='funding_sources',
            field=models.JSONField(blank=True, default=list, help_text='Choose all that apply, e.g. “Federal grants”.', verbose_name='If it has: how is its participation funded?'),
        ),
        migrations.AddField(
            model_name='assessment',
            name='involvement_routes',
            field=models.JSONField(blank=True, default=list, help_text='Choose all that apply, e.g. “City, county or state leaders asked us to take part”.', verbose_name='If it has: how did it become involved?'),
        ),
        migrations.AddField(
            model_name='assessment',
            name='staffing',
            field=models.JSONField(blank=True, default=list, help_text='Choose all that apply, e.g. “Officers who do it alongside their regular duties”.', verbose_name="If it has: who does the agency's part of the work?"),
        ),
        migrations.AlterField(
            model_name='assessment',
            name='preferred_role',
            field=models.CharField(blank=True, choices=[('support', 'Support a community-led CVI'), ('lead', 'Lead a CVI ourselves'), ('either', 'Either, depending on the community'), ('unsure', 'Not sure')], help_text="The report stresses that a CVI needs a careful balance between the roles of law enforcement and the community in public safety; this is your agency's view of its side of that balance.", max_length=10, verbose_name='Would your agency rather lead a CVI or support a community-led one?'),
        ),
    ]
