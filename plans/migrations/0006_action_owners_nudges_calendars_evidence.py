"""One owner per action (a member, someone invited, or a person typed), actions carried
forward keep their lineage and calendar identifier, nudges by kind and week, the weekly
digest, calendar feeds and evidence files. The owners are matched and the constraint added
in the next two migrations."""

import django.db.models.deletion
import django.utils.timezone
import plans.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0012_plan_digest_choice'),
        ('guidance', '0010_item_level_anchors_in_spanish'),
        ('plans', '0005_status_change_by_partner'),
        ('questionnaire', '0015_rate_again_after_done_actions'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='CalendarFeed',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('token_hash', models.CharField(editable=False, help_text="SHA-256 of the address's secret, e.g. “9f86d081…”; the secret itself is shown to the person once.", max_length=64, unique=True, verbose_name='address fingerprint')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='made')),
            ],
            options={
                'verbose_name': 'calendar feed',
            },
        ),
        migrations.CreateModel(
            name='Evidence',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file', models.FileField(max_length=200, upload_to=plans.models.evidence_path, verbose_name='file')),
                ('name', models.CharField(help_text='As uploaded, e.g. “Signed MOU 2027.pdf”.', max_length=200, verbose_name='file name')),
                ('kind', models.CharField(choices=[('pdf', 'PDF document'), ('docx', 'Word document'), ('xlsx', 'Excel workbook'), ('png', 'PNG image'), ('jpeg', 'JPEG image')], max_length=10, verbose_name='type')),
                ('size', models.PositiveBigIntegerField(verbose_name='size in bytes')),
                ('uploaded_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='uploaded')),
            ],
            options={
                'verbose_name': 'evidence file',
                'ordering': ['uploaded_at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='PlanDigest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('week_of', models.DateField(help_text='The Monday of the week, e.g. 2027-03-01.', verbose_name='week of')),
                ('sent_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='sent')),
            ],
            options={
                'verbose_name': 'weekly plan digest',
            },
        ),
        migrations.RemoveConstraint(
            model_name='planreminder',
            name='one_reminder_per_due_date',
        ),
        migrations.AddField(
            model_name='actionitem',
            name='carried_from',
            field=models.ForeignKey(blank=True, editable=False, help_text='The same action in the assessment this one was copied from.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='carried_into', to='plans.actionitem', verbose_name='carried forward from'),
        ),
        migrations.AddField(
            model_name='actionitem',
            name='owner_invitation',
            field=models.ForeignKey(blank=True, help_text='A colleague invited to the team who has not joined yet; once they join, they own the action as a member.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.memberinvitation', verbose_name='owner invited to the team'),
        ),
        migrations.AddField(
            model_name='actionitem',
            name='uid',
            field=models.UUIDField(editable=False, null=True, verbose_name='calendar identifier'),
        ),
        migrations.AddField(
            model_name='planreminder',
            name='kind',
            field=models.CharField(choices=[('due_30', 'Due within 30 days'), ('due_7', 'Due within 7 days'), ('due_0', 'Due today'), ('overdue', 'Overdue')], default='due_30', help_text='Which nudge, e.g. “Due within 7 days”.', max_length=10, verbose_name='kind'),
        ),
        migrations.AddField(
            model_name='planreminder',
            name='week',
            field=models.PositiveSmallIntegerField(default=0, help_text='For overdue nudges, the week since the due date (1 for the first week); 0 otherwise.', verbose_name='week overdue'),
        ),
        migrations.AlterField(
            model_name='actionitem',
            name='owner',
            field=models.CharField(blank=True, help_text="A named person outside the agency's team, e.g. “Dana Reyes, Safe Streets site lead”; empty when the owner is a member or has been invited.", max_length=200, verbose_name='owner outside the team'),
        ),
        migrations.AlterField(
            model_name='actionitem',
            name='owner_member',
            field=models.ForeignKey(blank=True, help_text='A member of the agency who owns the action and is emailed about it, e.g. the deputy chief.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='owner from the team'),
        ),
        migrations.AddConstraint(
            model_name='planreminder',
            constraint=models.UniqueConstraint(fields=('action', 'due_date', 'recipient', 'kind', 'week'), name='one_nudge_per_due_date_kind_and_week'),
        ),
        migrations.AddConstraint(
            model_name='planreminder',
            constraint=models.CheckConstraint(condition=models.Q(('kind__in', ['due_30', 'due_7', 'due_0', 'overdue'])), name='plan_reminder_kind_known'),
        ),
        migrations.AddField(
            model_name='calendarfeed',
            name='user',
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='calendar_feed', to=settings.AUTH_USER_MODEL, verbose_name='person'),
        ),
        migrations.AddField(
            model_name='evidence',
            name='action',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='evidence', to='plans.actionitem', verbose_name='action'),
        ),
        migrations.AddField(
            model_name='evidence',
            name='agency',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='accounts.agency', verbose_name='agency'),
        ),
        migrations.AddField(
            model_name='evidence',
            name='assessment',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='evidence', to='questionnaire.assessment', verbose_name='assessment'),
        ),
        migrations.AddField(
            model_name='evidence',
            name='item',
            field=models.ForeignKey(blank=True, help_text='The rated statement whose evidence note the file supports.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='guidance.item', verbose_name='statement'),
        ),
        migrations.AddField(
            model_name='evidence',
            name='uploaded_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by'),
        ),
        migrations.AddField(
            model_name='plandigest',
            name='agency',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='accounts.agency', verbose_name='agency'),
        ),
        migrations.AddField(
            model_name='plandigest',
            name='recipient',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='sent to'),
        ),
        migrations.AddConstraint(
            model_name='evidence',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('action__isnull', False), ('item__isnull', True)), models.Q(('action__isnull', True), ('item__isnull', False)), _connector='OR'), name='evidence_for_an_action_or_a_statement'),
        ),
        migrations.AddConstraint(
            model_name='evidence',
            constraint=models.CheckConstraint(condition=models.Q(('kind__in', ['pdf', 'docx', 'xlsx', 'png', 'jpeg'])), name='evidence_kind_known'),
        ),
        migrations.AddConstraint(
            model_name='plandigest',
            constraint=models.UniqueConstraint(fields=('agency', 'recipient', 'week_of'), name='one_digest_per_owner_and_week'),
        ),
    ]
