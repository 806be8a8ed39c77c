"""The action plan's models, taken over from the questionnaire app with their tables and rows.

Only Django's record of the models is created here (the tables exist, named
questionnaire_*, since questionnaire/0001); 0002 gives the tables this app's names.
"""

import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

APP = "plans"
MODELS = ['actionitem', 'actionstatuschange', 'informationsharingworksheet', 'planreminder']


def rename_content_types(apps, schema_editor):
    """Permissions and admin history follow the models: their content types change app."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="questionnaire", model__in=MODELS).update(
        app_label=APP
    )


def restore_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label=APP, model__in=MODELS).update(
        app_label="questionnaire"
    )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ('guidance', '0010_item_level_anchors_in_spanish'),
        ('questionnaire', '0011_move_plans_and_perspectives_out'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='ActionItem',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('source', models.CharField(choices=[('gaps', "Built from the assessment's gaps on a report suggestion"), ('own', 'Added by the agency')], default='own', editable=False, max_length=10, verbose_name='source')),
                        ('title', models.CharField(help_text="What will be done, as a task with a deliverable, e.g. “Draft an information-sharing agreement with Safe Streets for the chief's signature”.", max_length=300, verbose_name='action')),
                        ('partner', models.CharField(blank=True, help_text='A partner organization that owns the action with you, e.g. “Safe Streets outreach team”.', max_length=200, verbose_name='jointly with')),
                        ('owner', models.CharField(blank=True, help_text='A person or a partner organization, e.g. “Deputy Chief Ortiz” or “Cure Violence site lead”.', max_length=200, verbose_name='owner')),
                        ('timeframe', models.CharField(blank=True, choices=[('30', 'Next 30 days'), ('60', 'Next 60 days'), ('90', 'Next 90 days'), ('later', 'Later')], help_text='When it should be done, counted from the day you choose it, e.g. “Next 30 days”. A target date, if you set one, comes first.', max_length=10, verbose_name='timeframe')),
                        ('timeframe_set_on', models.DateField(blank=True, null=True, verbose_name='timeframe chosen on')),
                        ('target_date', models.DateField(blank=True, help_text='e.g. 2027-03-31. Optional.', null=True, verbose_name='target date')),
                        ('status', models.CharField(choices=[('not_started', 'Not started'), ('in_progress', 'In progress'), ('done', 'Done'), ('not_applicable', 'Not applicable')], default='not_started', max_length=20, verbose_name='status')),
                        ('notes', models.TextField(blank=True, help_text='Progress, decisions, who else is involved, e.g. “Met Safe Streets on May 2”.', max_length=2000, verbose_name='notes')),
                        ('order', models.PositiveIntegerField(default=0, verbose_name='order')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='last saved')),
                        ('assessment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='actions', to='questionnaire.assessment', verbose_name='assessment')),
                        ('item', models.ForeignKey(blank=True, help_text='A rated statement this action answers in particular, e.g. one on which perspectives differ; empty for most actions.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='guidance.item', verbose_name='statement')),
                        ('owner_member', models.ForeignKey(blank=True, help_text='A member of your agency who is emailed when the action is due soon or overdue, e.g. the owner or the person who follows it up.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='member who gets reminders')),
                        ('suggestion', models.ForeignKey(blank=True, help_text="The report suggestion whose gaps the action answers; empty for the agency's own actions.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='guidance.suggestion', verbose_name='report suggestion')),
                    ],
                    options={
                        'verbose_name': 'action',
                        'db_table': 'questionnaire_actionitem',
                        'ordering': ['order', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='ActionStatusChange',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('not_started', 'Not started'), ('in_progress', 'In progress'), ('done', 'Done'), ('not_applicable', 'Not applicable')], max_length=20, verbose_name='status')),
                        ('changed_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='changed')),
                        ('action', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='history', to='plans.actionitem', verbose_name='action')),
                        ('changed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='changed by')),
                    ],
                    options={
                        'verbose_name': 'status change',
                        'db_table': 'questionnaire_actionstatuschange',
                        'ordering': ['changed_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='InformationSharingWorksheet',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('flow', models.CharField(choices=[('undecided', 'Not decided yet'), ('one_way', 'One-way: from the police to community partners'), ('two_way', 'Two-way: partners also share information with the police')], default='undecided', max_length=20, verbose_name='Which way will information flow?')),
                        ('information_kinds', models.TextField(blank=True, help_text='For example: general, non-identifying information about ongoing conflicts; names of people at highest risk; shooting locations.', max_length=2000, verbose_name='What kinds of information will be shared?')),
                        ('recipients', models.TextField(blank=True, help_text='Named roles in each organization, e.g. “outreach supervisor”, not whole teams.', max_length=2000, verbose_name='Who may receive it?')),
                        ('protections', models.TextField(blank=True, help_text='Storage, retention, who may pass it on, what happens after a breach.', max_length=2000, verbose_name='How will it be protected?')),
                        ('sign_off', models.TextField(blank=True, help_text='e.g. the chief and the executive director of the lead CVI organization; reviewed every six months.', max_length=2000, verbose_name='Who signs off, and how will the agreement be reviewed?')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='last saved')),
                        ('assessment', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='worksheet', to='questionnaire.assessment', verbose_name='assessment')),
                    ],
                    options={
                        'verbose_name': 'information-sharing worksheet',
                        'db_table': 'questionnaire_informationsharingworksheet',
                    },
                ),
                migrations.CreateModel(
                    name='PlanReminder',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('due_date', models.DateField(verbose_name='due date')),
                        ('sent_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='sent')),
                        ('action', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reminders', to='plans.actionitem', verbose_name='action')),
                        ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='sent to')),
                    ],
                    options={
                        'verbose_name': 'plan reminder',
                        'db_table': 'questionnaire_planreminder',
                    },
                ),
                migrations.AddConstraint(
                    model_name='actionitem',
                    constraint=models.UniqueConstraint(condition=models.Q(('source', 'gaps')), fields=('assessment', 'suggestion'), name='one_gaps_action_per_suggestion'),
                ),
                migrations.AddConstraint(
                    model_name='actionitem',
                    constraint=models.CheckConstraint(condition=models.Q(('status__in', ['not_started', 'in_progress', 'done', 'not_applicable'])), name='action_status_known'),
                ),
                migrations.AddConstraint(
                    model_name='actionitem',
                    constraint=models.CheckConstraint(condition=models.Q(('timeframe__in', ['', '30', '60', '90', 'later'])), name='action_timeframe_known'),
                ),
                migrations.AddConstraint(
                    model_name='actionitem',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('source', 'gaps'), _negated=True), ('suggestion__isnull', False), _connector='OR'), name='gaps_action_has_suggestion'),
                ),
                migrations.AddConstraint(
                    model_name='actionitem',
                    constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('notes'), 2000), name='action_notes_length'),
                ),
                migrations.AddConstraint(
                    model_name='informationsharingworksheet',
                    constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('information_kinds'), 2000), name='worksheet_information_kinds_length'),
                ),
                migrations.AddConstraint(
                    model_name='informationsharingworksheet',
                    constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('recipients'), 2000), name='worksheet_recipients_length'),
                ),
                migrations.AddConstraint(
                    model_name='informationsharingworksheet',
                    constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('protections'), 2000), name='worksheet_protections_length'),
                ),
                migrations.AddConstraint(
                    model_name='informationsharingworksheet',
                    constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('sign_off'), 2000), name='worksheet_sign_off_length'),
                ),
                migrations.AddConstraint(
                    model_name='planreminder',
                    constraint=models.UniqueConstraint(fields=('action', 'due_date', 'recipient'), name='one_reminder_per_due_date'),
                ),
            ],
        ),
        migrations.RunPython(rename_content_types, restore_content_types),
    ]
