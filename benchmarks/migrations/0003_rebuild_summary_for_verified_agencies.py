"""The peer figures' summary rebuilt with its new rule: only verified agencies count, and demo
agencies apart (read in demo mode only). Agencies are all unverified after accounts.0009, so
real agencies leave peer figures until an administrator approves them or allows their
owner's domain."""

from django.db import migrations

# A frozen copy of benchmarks/summary.py as it was written with this migration.
REBUILD = [
    "DELETE FROM benchmarks_peerscorecount",
    "DELETE FROM benchmarks_peeranswercount",
    "INSERT INTO benchmarks_peerscorecount "
    "(domain_id, score, agency_type, size_band, census_region, demo, agencies) "
    "SELECT s.domain_id, s.score, a.agency_type, a.size_band, a.census_region, a.is_demo, "
    "COUNT(*) "
    "FROM questionnaire_submittedscore s JOIN accounts_agency a ON a.id = s.agency_id "
    "WHERE s.latest AND a.shares_in_peer_benchmarks "
    "AND (a.verified_at IS NOT NULL OR a.is_demo) AND s.score IS NOT NULL "
    "GROUP BY s.domain_id, s.score, a.agency_type, a.size_band, a.census_region, a.is_demo",
    "INSERT INTO benchmarks_peeranswercount (item_id, points, demo, agencies) "
    "SELECT s.item_id, s.points, a.is_demo, COUNT(*) "
    "FROM questionnaire_submittedanswer s JOIN accounts_agency a ON a.id = s.agency_id "
    "WHERE s.latest AND a.shares_in_peer_benchmarks "
    "AND (a.verified_at IS NOT NULL OR a.is_demo) AND s.points IS NOT NULL "
    "GROUP BY s.item_id, s.points, a.is_demo",
]


def rebuild(apps, schema_editor):
    for statement in REBUILD:
        schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ("benchmarks", "0002_summary_counts_demo_agencies_apart"),
        ("accounts", "0009_agency_verification_and_allowed_domains"),
    ]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
