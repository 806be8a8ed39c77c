"""Rebuild the peer figures' summary (benchmarks/models.py) from the stored scores.

It runs in the transaction of every write that can change what counts: a submission
(questionnaire announces it with ``assessment_submitted``) and a change to an agency (any
save of an Agency: its sharing choice, type, size or state, in the app or the admin). Those
apps sit below this one and cannot call it, so they announce the write and this app, which
knows what it summarizes, listens (benchmarks/apps.py): the one place where a lower layer's
write reaches an upper layer's table. The rebuild is whole, a few SQL statements: nothing
is updated piecemeal, so nothing can drift.
"""

from django.db import connection, transaction

from accounts.models import Agency
from benchmarks.models import PeerAnswerCount, PeerScoreCount
from questionnaire.models import SubmittedAnswer, SubmittedScore


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def counted_rows(model, alias: str) -> str:
    """FROM and WHERE of the stored rows that may count: each sharing agency's latest
    submission, if the agency is verified or a demo agency (kept apart by the ``demo`` column,
    which the figures read only in demo mode: so switching DEMO_MODE needs no rebuild)."""
    return (
        f"FROM {_table(model)} {alias} JOIN {_table(Agency)} a ON a.id = {alias}.agency_id "
        f"WHERE {alias}.latest AND a.shares_in_peer_benchmarks "
        "AND (a.verified_at IS NOT NULL OR a.is_demo)"
    )


@transaction.atomic
def peer_summary_refresh() -> None:
    """Count again, from the stored scores, every score and answer that counts."""
    # One rebuild at a time: two at once would each delete the other's rows.
    list(Agency.objects.select_for_update().order_by("pk").values_list("pk")[:1])
    PeerScoreCount.objects.all().delete()
    PeerAnswerCount.objects.all().delete()
    scores, answers = counted_rows(SubmittedScore, "s"), counted_rows(SubmittedAnswer, "s")
    # Table and column names only: no input reaches this SQL.
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {_table(PeerScoreCount)} "  # noqa: S608
            "(domain_id, score, agency_type, size_band, census_region, demo, agencies) "
            "SELECT s.domain_id, s.score, a.agency_type, a.size_band, a.census_region, "
            f"a.is_demo, COUNT(*) {scores} AND s.score IS NOT NULL "
            "GROUP BY s.domain_id, s.score, a.agency_type, a.size_band, a.census_region, a.is_demo"
        )
        cursor.execute(
            f"INSERT INTO {_table(PeerAnswerCount)} (item_id, points, demo, agencies) "  # noqa: S608
            f"SELECT s.item_id, s.points, a.is_demo, COUNT(*) {answers} AND s.points IS NOT NULL "
            "GROUP BY s.item_id, s.points, a.is_demo"
        )


def after_submission(sender, **kwargs) -> None:
    peer_summary_refresh()


def after_agencies_verified(sender, **kwargs) -> None:
    peer_summary_refresh()


def after_agency_change(sender, instance: Agency, **kwargs) -> None:
    """An agency that has never submitted counts nowhere, whatever it changed (sign-ups)."""
    if SubmittedScore.objects.filter(agency_id=instance.pk, latest=True).exists():
        peer_summary_refresh()
