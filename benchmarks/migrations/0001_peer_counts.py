"""The peer figures' summary, filled from the scores stored so far."""

import django.db.models.deletion
from django.db import migrations, models


# A frozen copy of benchmarks/summary.py as it was written with this migration.
FILL = [
    "INSERT INTO benchmarks_peerscorecount "
    "(domain_id, score, agency_type, size_band, census_region, agencies) "
    "SELECT s.domain_id, s.score, a.agency_type, a.size_band, a.census_region, COUNT(*) "
    "FROM questionnaire_submittedscore s JOIN accounts_agency a ON a.id = s.agency_id "
    "WHERE s.latest AND a.shares_in_peer_benchmarks AND s.score IS NOT NULL "
    "GROUP BY s.domain_id, s.score, a.agency_type, a.size_band, a.census_region",
    "INSERT INTO benchmarks_peeranswercount (item_id, points, agencies) "
    "SELECT s.item_id, s.points, COUNT(*) "
    "FROM questionnaire_submittedanswer s JOIN accounts_agency a ON a.id = s.agency_id "
    "WHERE s.latest AND a.shares_in_peer_benchmarks AND s.points IS NOT NULL "
    "GROUP BY s.item_id, s.points",
]


def fill(apps, schema_editor):
    for statement in FILL:
        schema_editor.execute(statement)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("accounts", "0008_agency_size_band_and_census_region"),
        ("questionnaire", "0014_latest_submission_constraints"),
        ('guidance', '0010_item_level_anchors_in_spanish'),
    ]

    operations = [
        migrations.CreateModel(
            name='PeerAnswerCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('points', models.PositiveSmallIntegerField(help_text='0 to 4, e.g. 2.', verbose_name='points')),
                ('agencies', models.PositiveIntegerField(help_text='e.g. 12.', verbose_name='agencies')),
                ('item', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='guidance.item', verbose_name='rated item')),
            ],
            options={
                'verbose_name': 'peer answer count',
            },
        ),
        migrations.CreateModel(
            name='PeerScoreCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('score', models.PositiveSmallIntegerField(help_text='0 to 100, e.g. 62.', verbose_name='score')),
                ('agency_type', models.CharField(help_text='e.g. municipal.', max_length=20, verbose_name='type of agency')),
                ('size_band', models.CharField(help_text='e.g. 100-499.', max_length=10, verbose_name='size band')),
                ('census_region', models.CharField(help_text='e.g. midwest.', max_length=12, verbose_name='census region')),
                ('agencies', models.PositiveIntegerField(help_text='e.g. 12.', verbose_name='agencies')),
                ('domain', models.ForeignKey(blank=True, help_text='The section scored, e.g. “Buy-in”; empty for the overall score.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='guidance.domain', verbose_name='section')),
            ],
            options={
                'verbose_name': 'peer score count',
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
