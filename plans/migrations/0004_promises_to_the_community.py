
import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0008_agency_size_band_and_census_region'),
        ('plans', '0003_partner_organizations'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='PromiseList',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('published_at', models.DateTimeField(blank=True, help_text='When an owner published the list, e.g. March 3, 2027, 10:15; empty while it is not public.', null=True, verbose_name='published')),
                ('agency', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='promise_list', to='accounts.agency', verbose_name='agency')),
                ('published_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='published by')),
            ],
            options={
                'verbose_name': 'public list of promises',
            },
        ),
        migrations.CreateModel(
            name='Promise',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('promise', models.CharField(help_text='As the community heard it, e.g. “A monthly community meeting in the Eastside, with the district commander present”.', max_length=300, verbose_name='what was promised')),
                ('made_to', models.CharField(help_text='A group or a meeting, not a private person (the list may be published), e.g. “Eastside Neighborhood Association”.', max_length=200, verbose_name='promised to')),
                ('made_on', models.DateField(help_text='e.g. 2027-03-04.', verbose_name='promised on')),
                ('due_on', models.DateField(blank=True, help_text='e.g. 2027-06-30. Optional.', null=True, verbose_name='to be kept by')),
                ('status', models.CharField(choices=[('open', 'Not yet kept'), ('kept', 'Kept'), ('not_kept', 'Not kept')], default='open', max_length=20, verbose_name='status')),
                ('outcome', models.TextField(blank=True, help_text='What was done, or why the promise was not kept, e.g. “Meetings held on April 1, May 6 and June 3; minutes posted at the library.”', max_length=2000, verbose_name='what the agency did')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='recorded')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='last saved')),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='promises', to='accounts.agency', verbose_name='agency')),
            ],
            options={
                'verbose_name': 'promise to the community',
                'verbose_name_plural': 'promises to the community',
                'ordering': ['-made_on', '-pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(('status__in', ['open', 'kept', 'not_kept'])), name='promise_status_known'), models.CheckConstraint(condition=models.Q(('due_on__isnull', True), ('due_on__gte', models.F('made_on')), _connector='OR'), name='promise_due_after_it_was_made'), models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('outcome'), 2000), name='promise_outcome_length')],
            },
        ),
    ]
