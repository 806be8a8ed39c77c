"""Helpers that build participating agencies for peer-benchmark and program-view tests."""

from datetime import datetime, timedelta

from django.utils import timezone

from accounts.models import Agency
from benchmarks.summary import peer_summary_refresh
from guidance.models import Domain
from questionnaire.models import Assessment, SubmittedAnswer, SubmittedScore
from questionnaire.scoring import level_for
from questionnaire.services import assessment_submit
from tests.factories import answer_all

EMPTY_SNAPSHOT = {"version": 1, "domain_ids": [], "items": []}


def peer_agency(
    n: int,
    *,
    agency_type: str = "municipal",
    size: str = "100-249",
    state: str = "OH",
    shares: bool = True,
) -> Agency:
    return Agency.objects.create(
        name=f"Peer Agency {n:03d}",
        slug=f"peer-agency-{n:03d}",
        agency_type=agency_type,
        sworn_officers=size,
        state=state,
        population_served="100k-249k",
        shares_in_peer_benchmarks=shares,
        peer_sharing_chosen_at=timezone.now() if shares else None,
        verified_at=timezone.now(),
        verification=Agency.Verification.ADMIN,
    )


def scored(
    agency: Agency,
    overall: int | None,
    sections: dict[str, int | None] | None = None,
    *,
    submitted_at: datetime | None = None,
) -> Assessment:
    """A submitted assessment with these stored scores (by section slug) and no answers."""
    assessment = Assessment.objects.create(
        agency=agency,
        status=Assessment.Status.SUBMITTED,
        submitted_at=submitted_at or timezone.now(),
        scoring_snapshot=EMPTY_SNAPSHOT,
    )
    domains = dict(Domain.objects.values_list("slug", "pk"))
    rows = [(None, overall)] + [(domains[slug], s) for slug, s in (sections or {}).items()]
    SubmittedScore.objects.bulk_create(
        SubmittedScore(
            assessment=assessment,
            agency=agency,
            domain_id=domain_id,
            score=score,
            level=level_for(score).key if score is not None else "",
            rated=0 if score is None else 1,
            dont_know=0,
            total=1,
        )
        for domain_id, score in rows
    )
    mark_latest(agency)
    return assessment


def mark_latest(agency: Agency) -> None:
    """Flag the rows of the agency's newest submission by date as its latest, as if the
    submissions had happened in date order (tests backdate them)."""
    newest = (
        Assessment.objects.filter(agency=agency, status=Assessment.Status.SUBMITTED)
        .order_by("-submitted_at", "-pk")
        .first()
    )
    for model in (SubmittedScore, SubmittedAnswer):
        model.objects.filter(agency=agency).update(latest=False)
        model.objects.filter(assessment=newest).update(latest=True)
    peer_summary_refresh()  # as a submission does


def submitted(agency: Agency, value: str = "partly", *, days_ago: int = 0, **by_item) -> Assessment:
    """An assessment answered throughout (by_item: slug -> answer) and submitted."""
    assessment = Assessment.objects.create(agency=agency)
    answer_all(assessment, value=value, **by_item)
    assessment_submit(assessment=assessment, user=None)
    if days_ago:
        moment = timezone.now() - timedelta(days=days_ago)
        Assessment.objects.filter(pk=assessment.pk).update(submitted_at=moment)
        mark_latest(agency)
    assessment.refresh_from_db()
    return assessment


def many_peers(count: int, *, first: int = 1, overall: int = 50, **agency) -> list[Agency]:
    """``count`` sharing agencies, each with one submitted assessment scoring ``overall``."""
    agencies = [peer_agency(n, **agency) for n in range(first, first + count)]
    for found in agencies:
        scored(found, overall)
    return agencies
