"""The invitations' models, taken over from the questionnaire app with their tables and rows.

Only Django's record of the models is created here (the tables exist, named
questionnaire_*, since questionnaire/0001); 0002 gives the tables this app's names.
"""

import django.core.validators
import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
import django.utils.timezone
import perspectives.models
from django.conf import settings
from django.db import migrations, models

APP = "perspectives"
MODELS = ['invitation', 'personalinvitation', 'perspectiveresponse', 'perspectiveanswer']


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
                    name='Invitation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('perspective', models.CharField(choices=[('command_staff', 'Command staff'), ('supervisors', 'Supervisors'), ('line_officers', 'Line officers'), ('civilian_staff', 'Civilian staff'), ('cvi_organisations', 'Community partners: CVI organizations'), ('service_providers', 'Community partners: service providers'), ('residents', 'Community partners: residents')], max_length=30, verbose_name='perspective')),
                        ('kind', models.CharField(choices=[('personal', 'Personal invitations: one link per person, sent by email'), ('open', 'One open link, for roll call or a meeting')], default='open', help_text='Personal invitations are recommended: nobody but the invitee can answer through their link, once. An open link suits a roll call, e.g. shown as a QR code.', max_length=10, verbose_name='kind')),
                        ('language', models.CharField(choices=[('en', 'English'), ('es', 'Spanish (español)')], default='en', help_text='The language the questionnaire opens in, e.g. Spanish for a neighborhood association; invitees can switch on the page.', max_length=5, verbose_name='language of the invitee pages')),
                        ('label', models.CharField(blank=True, help_text='Only you see it, e.g. “North district roll call” or “Cure Violence staff”.', max_length=120, verbose_name='name for your own use')),
                        ('message', models.TextField(blank=True, help_text='Personal invitations only: a few words from you, put in the email above the link, e.g. “Your honest view will shape our plan.”', max_length=1000, verbose_name='your note in the email')),
                        ('token', models.CharField(blank=True, default=perspectives.models.new_invitation_token, editable=False, max_length=64, null=True, unique=True)),
                        ('expires_on', models.DateField(default=perspectives.models.default_expiry, help_text='The last day the link accepts answers.', verbose_name='open until')),
                        ('max_responses', models.PositiveIntegerField(default=50, help_text='Open links only: the link closes after this many answers (e.g. 40).', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(1000)], verbose_name='most answers accepted')),
                        ('reminded_on', models.DateField(blank=True, help_text='Personal invitations only: the day a reminder last went to everyone who had not answered, e.g. March 3, 2027. At most one a day.', null=True, verbose_name='last reminder')),
                        ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='withdrawn')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created')),
                        ('assessment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='invitations', to='questionnaire.assessment', verbose_name='assessment')),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'invitation',
                        'db_table': 'questionnaire_invitation',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='PersonalInvitation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('token_hash', models.CharField(help_text="SHA-256 of the link's secret, e.g. “9f86d081…”; the secret is only in the email.", max_length=64, unique=True, verbose_name='link fingerprint')),
                        ('email_digest', models.CharField(help_text='A keyed fingerprint of the assessment and the address, e.g. “4e074085…”, so that one address is invited at most once per assessment, answered or not.', max_length=64, unique=True, verbose_name='address fingerprint')),
                        ('email', models.EmailField(blank=True, help_text='Kept until the link is used, only to send reminders, e.g. “outreach@example.org”; erased as the answers are stored.', max_length=254, verbose_name='email address')),
                        ('used', models.BooleanField(default=False, verbose_name='answered')),
                        ('invitation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='personal_links', to='perspectives.invitation', verbose_name='round of invitations')),
                    ],
                    options={
                        'verbose_name': 'personal invitation',
                        'db_table': 'questionnaire_personalinvitation',
                    },
                ),
                migrations.CreateModel(
                    name='PerspectiveResponse',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('perspective', models.CharField(choices=[('command_staff', 'Command staff'), ('supervisors', 'Supervisors'), ('line_officers', 'Line officers'), ('civilian_staff', 'Civilian staff'), ('cvi_organisations', 'Community partners: CVI organizations'), ('service_providers', 'Community partners: service providers'), ('residents', 'Community partners: residents')], max_length=30)),
                        ('submitted_on', models.DateField(default=django.utils.timezone.localdate)),
                        ('share_notes', models.BooleanField(default=False)),
                        ('invitation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='responses', to='perspectives.invitation')),
                    ],
                    options={
                        'verbose_name': 'invited response',
                        'db_table': 'questionnaire_perspectiveresponse',
                    },
                ),
                migrations.CreateModel(
                    name='PerspectiveAnswer',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('value', models.CharField(blank=True, choices=[('not_in_place', 'Not in place'), ('planned', 'Planned or under discussion'), ('partly', 'Partly in place'), ('largely', 'Largely in place'), ('fully', 'Fully in place and sustained'), ('dont_know', "Don't know")], max_length=20)),
                        ('note', models.TextField(blank=True, max_length=2000)),
                        ('item', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='guidance.item')),
                        ('response', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='perspectives.perspectiveresponse')),
                    ],
                    options={
                        'verbose_name': 'invited answer',
                        'db_table': 'questionnaire_perspectiveanswer',
                    },
                ),
                migrations.AddConstraint(
                    model_name='invitation',
                    constraint=models.CheckConstraint(condition=models.Q(('max_responses__gte', 1), ('max_responses__lte', 1000)), name='invitation_cap_1_to_1000'),
                ),
                migrations.AddConstraint(
                    model_name='invitation',
                    constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('message'), 1000), name='invitation_message_length'),
                ),
                migrations.AddConstraint(
                    model_name='invitation',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'open'), ('token__isnull', False)), models.Q(('kind', 'personal'), ('token__isnull', True)), _connector='OR'), name='invitation_open_link_has_token_personal_round_none'),
                ),
                migrations.AddConstraint(
                    model_name='invitation',
                    constraint=models.CheckConstraint(condition=models.Q(('language__in', ['en', 'es'])), name='invitation_language_known'),
                ),
                migrations.AddConstraint(
                    model_name='personalinvitation',
                    constraint=models.CheckConstraint(condition=models.Q(('used', False), ('email', ''), _connector='OR'), name='personal_invitation_used_forgets_address'),
                ),
                migrations.AddConstraint(
                    model_name='perspectiveanswer',
                    constraint=models.UniqueConstraint(fields=('response', 'item'), name='one_invited_answer_per_item'),
                ),
                migrations.AddConstraint(
                    model_name='perspectiveanswer',
                    constraint=models.CheckConstraint(condition=models.Q(('value__in', ['not_in_place', 'planned', 'partly', 'largely', 'fully', 'dont_know', ''])), name='invited_answer_on_scale'),
                ),
                migrations.AddConstraint(
                    model_name='perspectiveanswer',
                    constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('note'), 2000), name='invited_answer_note_length'),
                ),
            ],
        ),
        migrations.RunPython(rename_content_types, restore_content_types),
    ]
