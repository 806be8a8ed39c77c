"""Readiness over time: what changed between two assessments, and the trend across all of
an agency's submitted assessments.

Every figure comes from what scoring read when each assessment was submitted (its frozen
snapshot, see questionnaire/scored.py), so later edits of weights or statements never change a
past figure. Each assessment is scored once per request.
"""

from dataclasses import dataclass

from guidance.models import Domain, Item
from questionnaire.models import Assessment, answer_label
from questionnaire.scored import ScoredAssessment, assessment_scored
from questionnaire.scoring import POINTS, Results, Score
from reports.charts import TrendChart, trend_chart

Scored = ScoredAssessment


@dataclass
class ScoreChange:
    label: str  # a domain's title, or "Overall"
    before: Score | None  # None: the section was not in the earlier assessment
    after: Score | None

    @property
    def change(self) -> int | None:
        if self.before is None or self.after is None:
            return None
        if self.before.score is None or self.after.score is None:
            return None
        return round(self.after.score - self.before.score)

    @property
    def level_changed(self) -> bool:
        levels = [s.level.key if s and s.level else None for s in (self.before, self.after)]
        return levels[0] != levels[1]


@dataclass
class StatementChange:
    item: Item
    before: str  # answer labels
    after: str


@dataclass
class Comparison:
    earlier: Assessment
    later: Assessment
    overall: ScoreChange
    domains: list[ScoreChange]
    improved: list[StatementChange]
    slipped: list[StatementChange]

    @property
    def rows(self) -> list[ScoreChange]:
        """Overall first, then each domain."""
        return [self.overall, *self.domains]


def _domains_in_order(domains: list[Domain], *results: Results) -> list[Domain]:
    wanted = {domain_id for r in results for domain_id in r.domains}
    return [domain for domain in domains if domain.pk in wanted]


def compare(earlier: Scored, later: Scored, *, domains: list[Domain]) -> Comparison:
    """Scores per domain and overall, and the statements whose answers moved on the scale."""
    domains = [
        ScoreChange(
            domain.title,
            earlier.results.domains.get(domain.pk),
            later.results.domains.get(domain.pk),
        )
        for domain in _domains_in_order(domains, earlier.results, later.results)
    ]
    before = {i.item_id: i.value for i in earlier.inputs}
    moved = [
        (i.item_id, before[i.item_id], i.value)
        for i in later.inputs
        if i.value in POINTS and before.get(i.item_id) in POINTS and before[i.item_id] != i.value
    ]
    items = Item.objects.in_bulk([item_id for item_id, _, _ in moved])
    changes = [
        (
            POINTS[new] - POINTS[old],
            StatementChange(items[pk], answer_label(old), answer_label(new)),
        )
        for pk, old, new in moved
        if pk in items
    ]
    return Comparison(
        earlier=earlier.assessment,
        later=later.assessment,
        overall=ScoreChange("Overall", earlier.results.overall, later.results.overall),
        domains=domains,
        improved=[change for delta, change in changes if delta > 0],
        slipped=[change for delta, change in changes if delta < 0],
    )


def submitted_assessments(agency_id: int) -> list[Assessment]:
    """The agency's submitted assessments, oldest first."""
    return list(
        Assessment.objects.filter(agency_id=agency_id, status=Assessment.Status.SUBMITTED).order_by(
            "submitted_at", "pk"
        )
    )


def previous_submitted(assessment: Assessment, submitted: list[Assessment]) -> Assessment | None:
    """The last assessment submitted before this one (for a draft: the last submitted)."""
    earlier = [
        a
        for a in submitted
        if a.pk != assessment.pk
        and (not assessment.is_submitted or a.submitted_at < assessment.submitted_at)
    ]
    return earlier[-1] if earlier else None


@dataclass
class Trend:
    """Scores of every submitted assessment, oldest first: for the trend chart and its table."""

    points: list[Scored]
    domains: list[Domain]

    def series(self) -> list[tuple[str, list[float | None]]]:
        """("Overall" or a domain's title, its score at each point), overall first."""
        rows = [("Overall", [p.results.overall.score for p in self.points])]
        for domain in self.domains:
            scores = [p.results.domains.get(domain.pk) for p in self.points]
            rows.append((domain.title, [s.score if s else None for s in scores]))
        return rows

    def labelled_series(self) -> list[tuple[str, list[tuple[str, float | None]]]]:
        """``series`` with each score beside its assessment's name (for rows a phone stacks)."""
        names = [p.assessment.display_name for p in self.points]
        return [(label, list(zip(names, scores, strict=True))) for label, scores in self.series()]


def trend_of(
    submitted: list[Assessment], *, domains: list[Domain], current: Scored | None = None
) -> Trend:
    """The trend of ``submitted`` (oldest first); ``current``, if among them, is not scored
    again."""
    points = [
        current if current and current.assessment.pk == a.pk else assessment_scored(a, notes=False)
        for a in submitted
    ]
    return Trend(points, _domains_in_order(domains, *(p.results for p in points)))


def chart_of(trend: Trend) -> TrendChart:
    return trend_chart([p.assessment.display_name for p in trend.points], trend.series())


def readiness_over_time(
    scored: Scored, *, domains: list[Domain]
) -> tuple[Comparison | None, Trend | None]:
    """Change since the previous submitted assessment, and the trend (None when there is
    nothing to compare)."""
    assessment = scored.assessment
    submitted = submitted_assessments(assessment.agency_id)
    previous = previous_submitted(assessment, submitted)
    if previous is None:
        return None, None
    trend = trend_of(submitted, domains=domains, current=scored)
    by_pk = {p.assessment.pk: p for p in trend.points}
    comparison = compare(by_pk[previous.pk], by_pk.get(assessment.pk, scored), domains=domains)
    return comparison, (trend if len(trend.points) > 1 else None)


def progress_context(scored: Scored, *, domains: list[Domain]) -> dict:
    """What the results page and the PDF show of readiness over time."""
    comparison, trend = readiness_over_time(scored, domains=domains)
    chart = chart_of(trend) if trend is not None else None
    return {"comparison": comparison, "trend": trend, "trend_chart": chart}
