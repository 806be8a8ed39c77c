"""An assessment's answers and scores, read and computed once per request.

Every page and document that shows an assessment's scores (results, the plan, progress, peer
benchmarks, the perspectives beside your own, the brief and the full PDF) takes the
``ScoredAssessment`` that the view builds once with ``assessment_scored`` and passes along,
instead of reading the answers and scoring them again.
"""

from dataclasses import dataclass, field

from guidance.models import Domain, Item
from questionnaire.models import Assessment, Response, answer_label
from questionnaire.scoring import (
    ItemInput,
    Results,
    SuggestionGaps,
    inputs_from_snapshot,
    score_assessment,
)
from questionnaire.sections import Section, questionnaire_sections
from questionnaire.shown_guidance import ShownGuidance, shown_guidance


@dataclass(frozen=True)
class ScoredAssessment:
    assessment: Assessment
    # What scoring read: frozen at submission (the scoring snapshot), live for a draft.
    inputs: list[ItemInput]
    domain_ids: list[int]
    results: Results
    # Item id -> the saved answer and its note (empty when not read: see assessment_scored).
    responses: dict[int, Response]
    # Item id -> the statement, with its suggestion, where already read (a draft's sections);
    # empty for a submitted assessment, whose statements may since have been retired.
    items: dict[int, Item] = field(default_factory=dict)
    # The guidance as a submitted assessment showed it (questionnaire/shown_guidance.py): every
    # page of it reads statements and suggestions through this one record; empty for a draft.
    shown: ShownGuidance = field(default_factory=lambda: ShownGuidance(record={}))

    def note(self, item_id: int) -> str:
        response = self.responses.get(item_id)
        return response.note if response else ""

    @property
    def unanswered(self) -> int:
        return sum(1 for item in self.inputs if not item.value)


def assessment_scored(
    assessment: Assessment,
    *,
    sections: list[Section] | None = None,
    domains: list[Domain] | None = None,
    notes: bool = True,
) -> ScoredAssessment:
    """The assessment's answers and scores: one query for the answers (none for a submitted
    assessment read without ``notes``), plus the questionnaire's sections for a draft
    (``sections``, if the caller already has them, or built with its ``domains``)."""
    responses = (
        {r.item_id: r for r in Response.objects.filter(assessment=assessment)}
        if notes or not assessment.scoring_snapshot
        else {}
    )
    if assessment.scoring_snapshot:
        inputs, domain_ids = inputs_from_snapshot(assessment.scoring_snapshot)
    else:
        sections = sections or questionnaire_sections(domains)
        rated = [s for s in sections if not s.is_context]
        inputs = [
            ItemInput(
                item_id=item.pk,
                domain_id=item.domain_id,
                suggestion_id=item.suggestion_id,
                weight=item.weight,
                foundational=item.suggestion.is_foundational,
                value=responses[item.pk].value if item.pk in responses else "",
            )
            for section in rated
            for item in section.items
        ]
        domain_ids = [section.domain.pk for section in rated]
    return ScoredAssessment(
        assessment=assessment,
        inputs=inputs,
        domain_ids=domain_ids,
        results=score_assessment(inputs, domain_ids),
        responses=responses,
        items={}
        if assessment.scoring_snapshot
        else {item.pk: item for s in sections for item in s.items},
        shown=shown_guidance(assessment),
    )


@dataclass
class GapStatement:
    """One statement behind a gap: how the agency rated it, and its note."""

    item: Item
    kind: str  # "act" or "find_out"
    answer_label: str
    note: str


def gap_statements(
    scored: ScoredAssessment, group: SuggestionGaps, items: dict[int, Item]
) -> list[GapStatement]:
    """The statements of one report suggestion's gaps, ranked; ``items`` holds them (read
    once by the caller for every group it shows)."""
    return [
        GapStatement(
            item=items[gap.item_id],
            kind=gap.kind,
            answer_label=answer_label(gap.value),
            note=scored.note(gap.item_id),
        )
        for gap in group.gaps
        if gap.item_id in items
    ]
