"""Everything an assessment's results page and its PDFs show, built once per request.

``readiness_report`` reads the guidance and the answers once, scores the assessment once
(questionnaire.scored), and hands the same scores to the results, the perspectives, progress
over time and the peer comparison.
"""

from dataclasses import dataclass, field

from benchmarks.peers import PeerComparison, peer_comparison
from guidance.models import Domain, Item
from guidance.selectors import guidance_domains
from perspectives.results import ItemGapView, PerspectiveResults, perspective_results
from plans.services import action_plan_ensure
from questionnaire.models import Assessment
from questionnaire.scored import ScoredAssessment, assessment_scored
from questionnaire.scoring import level_bands
from reports.charts import STACKED, Layout, peer_chart, perspective_chart, results_chart
from reports.progress import progress_context
from reports.results import AssessmentResults, assessment_results
from workshops.spread import WorkshopAgreement, workshop_agreement

# The results page shows this many perception gaps in full, the rest folded away.
GAPS_SHOWN = 3


@dataclass
class PerceptionGapShown:
    """A perception gap with what people said about its statement: the notes its writers
    agreed to share (perspective_results keeps only those)."""

    gap: ItemGapView
    said: list[tuple[str, str]] = field(default_factory=list)  # (perspective, note)


def perception_gaps_shown(perspectives: PerspectiveResults | None) -> dict:
    """The largest perception gaps with what people said, the others, and the shared notes
    on statements that are not among the largest gaps."""
    if not perspectives:
        return {
            "gaps_shown": [],
            "gaps_folded": [],
            "notes_folded": [],
            "perspective_rows": [],
            "notes_by_statement": [],
        }
    shown = [PerceptionGapShown(gap) for gap in perspectives.gaps[:GAPS_SHOWN]]
    by_item = {entry.gap.item.pk: entry for entry in shown}
    folded_notes: list[tuple[str, Item, str]] = []
    for perspective, item, note in perspectives.notes:
        if item.pk in by_item:
            by_item[item.pk].said.append((perspective, note))
        else:
            folded_notes.append((perspective, item, note))
    labels = [column.label for column in perspectives.columns]
    # The shared notes grouped by statement (the PDF prints each statement once).
    by_statement: dict[int, tuple[Item, list[tuple[str, str]]]] = {}
    for perspective, item, note in perspectives.notes:
        by_statement.setdefault(item.pk, (item, []))[1].append((perspective, note))
    return {
        "notes_by_statement": list(by_statement.values()),
        # Each row's scores with their column's name, for the rows a phone stacks.
        "perspective_rows": [
            (domain, list(zip(labels, scores, strict=True)), flagged)
            for domain, scores, flagged in perspectives.domains
        ],
        "gaps_shown": shown,
        "gaps_folded": perspectives.gaps[GAPS_SHOWN:],
        "notes_folded": folded_notes,
    }


@dataclass
class ReadinessReport:
    scored: ScoredAssessment
    domains: list[Domain]
    results: AssessmentResults
    perspectives: PerspectiveResults | None
    progress: dict  # comparison, trend and trend_chart (see reports.progress)
    peers: PeerComparison | None  # None when not asked for (the one-page brief)
    workshop: WorkshopAgreement | None = None  # how far the command staff agreed, if it rated

    def context(self, chart_layout: Layout = STACKED) -> dict:
        """The template context of the results page and the PDFs, charts included."""
        peer_tables = self.peers.tables if self.peers else []
        return {
            "assessment": self.scored.assessment,
            "results": self.results,
            "chart": results_chart(self.results, chart_layout),
            "perspectives": self.perspectives,
            "perspective_chart": perspective_chart(self.perspectives)
            if self.perspectives
            else None,
            "peers": self.peers,
            "peer_chart": peer_chart(peer_tables[0].rows) if peer_tables else None,
            "bands": level_bands(),
            "workshop": self.workshop,
            **perception_gaps_shown(self.perspectives),
            **self.progress,
        }


def readiness_report(
    assessment: Assessment, *, peers: bool = True, plan: bool = False
) -> ReadinessReport:
    """``peers``: with the peer comparison; ``plan``: build the action plan from the gaps
    first if it has not been (the PDFs print it), so the results name its actions."""
    domains = guidance_domains()
    scored = assessment_scored(assessment, domains=domains)
    if plan:
        action_plan_ensure(scored=scored)
    perspectives = perspective_results(scored, domains=domains)
    flagged = [gap.item.pk for gap in perspectives.gaps] if perspectives else []
    return ReadinessReport(
        scored=scored,
        domains=domains,
        results=assessment_results(scored, domains=domains, perception_items=flagged),
        perspectives=perspectives,
        progress=progress_context(scored, domains=domains),
        peers=peer_comparison(scored, domains=domains) if peers else None,
        workshop=workshop_agreement(assessment, item_ids=[i.item_id for i in scored.inputs]),
    )
