"""An assessment's results: what the results page and the PDF show."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from guidance.models import Benchmark, Domain, ExamplePractice, Item, Resource, Suggestion
from guidance.selectors import guidance_benchmarks
from plans.models import ActionItem
from plans.services import OWNERS
from questionnaire.models import Assessment, YesNoUnsure, answer_label
from questionnaire.scored import GapStatement, ScoredAssessment, gap_statements
from questionnaire.scoring import (
    FOUNDATIONAL,
    PERCEPTION,
    SHORTFALL,
    Score,
    SuggestionGaps,
    priorities,
)
from questionnaire.shown_guidance import ShownGuidance


@dataclass
class DomainResult:
    domain: Domain
    score: Score


@dataclass
class SuggestionExamples:
    """The example practices shown beside a gap on one suggestion."""

    tied: list[ExamplePractice]  # tied to the suggestion by editors: what other agencies did
    same_part: list[ExamplePractice]  # only when none is tied: "From the same part of the report"

    def __bool__(self) -> bool:
        return bool(self.tied or self.same_part)


def suggestion_examples(*, suggestion: Suggestion, domains: Iterable[Domain]) -> SuggestionExamples:
    """The examples tied to ``suggestion``; if there are none, the examples of its domain, to be
    shown as from the same part of the report, never as if they addressed the gap.

    ``domains`` come from ``guidance_domains()``, whose examples carry their suggestions: no
    query.
    """
    tied, same_part = [], []
    for domain in domains:
        for example in domain.examples.all():
            if any(s.pk == suggestion.pk for s in example.suggestions.all()):
                tied.append(example)
            elif domain.pk == suggestion.domain_id:
                same_part.append(example)
    return SuggestionExamples(tied=tied, same_part=[] if tied else same_part)


# One statement behind a gap, with your answer and note (the plan's editor shows them too).
StatementResult = GapStatement


@dataclass
class SuggestionResult:
    """A report suggestion with gaps: the statements behind it, what others did, and the
    plan's action for it (if the plan has been built)."""

    group: SuggestionGaps
    suggestion: Suggestion
    domain: Domain  # where the report discusses the suggestion
    statements: list[StatementResult]
    examples: SuggestionExamples
    resources: list[Resource]
    action: ActionItem | None = None

    @property
    def kind_label(self) -> str:
        return "Find out" if self.group.kind == "find_out" else "Act"


# Why a suggestion is a priority: a short name beside each priority, and what it means, said
# once under the three (a mayor reads the brief in a minute).
REASONS = {
    FOUNDATIONAL: ("First step", "the report advises taking it at the outset"),
    SHORTFALL: ("Largest shortfall", "your answers put it furthest from “largely in place”"),
    PERCEPTION: ("Views differ", "the people you invited rate it differently from you"),
}


@dataclass
class PriorityResult:
    number: int
    result: SuggestionResult
    reasons: list[str]  # short names, e.g. "First step"


def reasons_explained(priorities: list[PriorityResult]) -> str:
    """Each reason the priorities give, said once with the numbers it applies to, e.g.
    "First step (1, 2): the report advises taking it at the outset. …"."""
    numbers: dict[str, list[int]] = {}
    for priority in priorities:
        for name in priority.reasons:
            numbers.setdefault(name, []).append(priority.number)
    meaning = dict(REASONS.values())
    return " ".join(
        f"{name} ({', '.join(map(str, found))}): {meaning[name]}."
        for name, found in numbers.items()
    )


@dataclass
class BenchmarkResult:
    benchmark: Benchmark
    your_answer: str


@dataclass
class AssessmentResults:
    assessment: Assessment
    overall: Score
    domains: list[DomainResult]
    suggestions: list[SuggestionResult]  # ranked: one per report suggestion with gaps
    priorities: list[PriorityResult]  # the first three, with why
    strengths: list[tuple[Item, str]]
    notes: list[tuple[Item, str]]
    benchmarks: list[BenchmarkResult]
    topics_with_gaps: list[Domain] = field(default_factory=list)
    unanswered: int = 0
    gap_count: int = 0  # statements below target or "don't know"
    guidance: dict[int, Domain] = field(default_factory=dict)  # every domain, prefetched
    # A submitted assessment's guidance as it was at submission, and what has changed since.
    shown: ShownGuidance = field(default_factory=lambda: ShownGuidance(record={}))

    @property
    def guidance_changes(self) -> list[str]:
        return self.shown.changes

    @property
    def provisional(self) -> bool:
        return not self.assessment.is_submitted

    @property
    def why_priorities(self) -> str:
        return reasons_explained(self.priorities)


def _your_answer(assessment: Assessment, compares_with: str) -> str:
    participated = assessment.has_participated
    if compares_with == Benchmark.Compares.START_YEAR:
        if participated != YesNoUnsure.YES:
            return "Not applicable: you did not answer that your agency has taken part."
        year = assessment.participation_start_year
        return f"Your agency's participation began in {year}." if year else "Not answered."
    if compares_with == Benchmark.Compares.WOULD_AGAIN and participated != YesNoUnsure.YES:
        return "Not applicable: you did not answer that your agency has taken part."
    if compares_with == Benchmark.Compares.WOULD_PARTICIPATE and participated != YesNoUnsure.NO:
        return "Not applicable: this asks agencies that have not taken part."
    answer = assessment.context_answer(compares_with)
    return f"You answered: {answer}." if answer else "Not answered."


def related(*domains: Domain, name: str) -> list:
    """The prefetched ``examples`` or ``resources`` of several domains, without repeats."""
    seen, found = set(), []
    for domain in domains:
        for obj in getattr(domain, name).all():
            if obj.pk not in seen:
                seen.add(obj.pk)
                found.append(obj)
    return found


def assessment_results(
    scored: ScoredAssessment, *, domains: list[Domain], perception_items: Iterable[int] = ()
) -> AssessmentResults:
    """Everything the results page and the PDF show, in a fixed number of queries, from the
    assessment's scores (``scored``) and the guidance's domains (``domains``), both read once
    for the request.

    ``perception_items``: statements flagged as perception gaps (from perspective_results),
    which add a reason to a priority but never change the ranking.
    """
    assessment = scored.assessment
    results = scored.results
    shown = scored.shown
    by_pk = {d.pk: d for d in domains}
    responses = scored.responses
    wanted_items = {g.item_id for g in results.gaps} | set(results.strengths)
    wanted_items |= {item_id for item_id, r in responses.items() if r.note}
    items = {pk: scored.items[pk] for pk in wanted_items if pk in scored.items}
    if len(items) < len(wanted_items):  # a submitted assessment's, or a retired statement
        items |= Item.objects.in_bulk(wanted_items - set(items))
    items = {pk: shown.item(item) for pk, item in items.items()}
    suggestions = {s.pk: s for d in domains for s in d.suggestions.all()}
    missing = {g.suggestion_id for g in results.by_suggestion} - set(suggestions)
    if missing:  # retired since: a submitted assessment still shows them
        suggestions |= Suggestion.objects.in_bulk(missing)
    gaps_actions = assessment.actions.filter(source=ActionItem.Source.GAPS)
    actions = {a.suggestion_id: a for a in gaps_actions.select_related(*OWNERS)}

    def _note_order(item_id: int) -> tuple:
        item = items.get(item_id)
        domain = by_pk.get(item.domain_id) if item else None
        return (domain.order if domain else 0, item.order if item else 0, item_id)

    suggestion_results = []
    for group in results.by_suggestion:
        suggestion = suggestions[group.suggestion_id]
        sections = [by_pk[gap.domain_id] for gap in group.gaps]
        home = by_pk.get(suggestion.domain_id, sections[0])
        examples = suggestion_examples(suggestion=suggestion, domains=domains)
        suggestion_results.append(
            SuggestionResult(
                group=group,
                suggestion=shown.suggestion(suggestion),
                domain=shown.domain(home),
                statements=gap_statements(scored, group, items),
                examples=SuggestionExamples(
                    tied=[shown.example(e) for e in examples.tied],
                    same_part=[shown.example(e) for e in examples.same_part],
                ),
                resources=related(home, *sections, name="resources"),
                action=actions.get(group.suggestion_id),
            )
        )
    by_suggestion = {r.suggestion.pk: r for r in suggestion_results}
    topic_ids = {g.domain_id for g in results.gaps if by_pk[g.domain_id].kind == Domain.Kind.TOPIC}
    return AssessmentResults(
        assessment=assessment,
        overall=results.overall,
        domains=[
            DomainResult(shown.domain(by_pk[pk]), score) for pk, score in results.domains.items()
        ],
        suggestions=suggestion_results,
        priorities=[
            PriorityResult(
                number=n,
                result=by_suggestion[p.group.suggestion_id],
                reasons=[REASONS[reason][0] for reason in p.reasons],
            )
            for n, p in enumerate(priorities(results.by_suggestion, perception_items), start=1)
        ],
        strengths=[
            (items[pk], answer_label(responses[pk].value) if pk in responses else "")
            for pk in results.strengths
        ],
        notes=[
            (items[pk], r.note)
            for pk, r in sorted(responses.items(), key=lambda pair: _note_order(pair[0]))
            if r.note and pk in items
        ],
        benchmarks=[
            BenchmarkResult(b, _your_answer(assessment, b.compares_with))
            for b in guidance_benchmarks()
        ],
        topics_with_gaps=[d for d in domains if d.pk in topic_ids],
        unanswered=scored.unanswered,
        gap_count=len(results.gaps),
        guidance=by_pk,
        shown=shown,
    )
