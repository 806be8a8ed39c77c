"""Partner organizations, recorded per agency, and an action co-owned by one."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0008_agency_size_band_and_census_region'),
        ('plans', '0002_own_table_names'),
    ]

    operations = [
        migrations.CreateModel(
            name='PartnerOrganization',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text='e.g. “Safe Streets Springfield”.', max_length=200, verbose_name='name')),
                ('kind', models.CharField(choices=[('cvi', 'CVI organization'), ('hospital', 'Hospital-based program'), ('city', 'City office'), ('community', 'Faith or community group'), ('other', 'Other')], default='cvi', max_length=20, verbose_name='kind')),
                ('contact_name', models.CharField(blank=True, help_text='e.g. “Dana Reyes”.', max_length=150, verbose_name='contact person')),
                ('contact_email', models.EmailField(blank=True, help_text='e.g. “dana@safestreets.example”.', max_length=254, verbose_name="contact's email address")),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='added')),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='partners', to='accounts.agency', verbose_name='agency')),
            ],
            options={
                'verbose_name': 'partner organization',
                'ordering': ['name', 'pk'],
            },
        ),
        migrations.AddField(
            model_name='actionitem',
            name='partner_organization',
            field=models.ForeignKey(blank=True, help_text="One of the agency's partner organizations that owns the action jointly.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='actions', to='plans.partnerorganization', verbose_name='co-owned by'),
        ),
        migrations.AddConstraint(
            model_name='partnerorganization',
            constraint=models.UniqueConstraint(fields=('agency', 'name'), name='one_partner_per_name'),
        ),
    ]
