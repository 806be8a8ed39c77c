"""An assessment's results: what the results page and the PDF show."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from guidance.models import Benchmark, Domain, ExamplePractice, Item, Resource, Suggestion
from guidance.selectors import guidance_benchmarks, guidance_domains
from questionnaire.answers import scoring_inputs
from questionnaire.models import Assessment, Response, YesNoUnsure, answer_label
from questionnaire.scoring import Gap, Score, score_assessment


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


@dataclass
class GapResult:
    gap: Gap
    item: Item
    suggestion: Suggestion
    domain: Domain
    answer_label: str
    note: str
    examples: SuggestionExamples
    resources: list[Resource]

    @property
    def kind_label(self) -> str:
        return "Find out" if self.gap.kind == "find_out" else "Act"


@dataclass
class BenchmarkResult:
    benchmark: Benchmark
    your_answer: str


@dataclass
class AssessmentResults:
    assessment: Assessment
    overall: Score
    domains: list[DomainResult]
    gaps: list[GapResult]
    strengths: list[tuple[Item, str]]
    notes: list[tuple[Item, str]]
    benchmarks: list[BenchmarkResult]
    topics_with_gaps: list[Domain] = field(default_factory=list)
    unanswered: int = 0
    guidance: dict[int, Domain] = field(default_factory=dict)  # every domain, prefetched

    @property
    def provisional(self) -> bool:
        return not self.assessment.is_submitted


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


def assessment_results(assessment: Assessment) -> AssessmentResults:
    """Everything the results page, and the PDF, show: in a fixed number of queries."""
    inputs, domain_ids = scoring_inputs(assessment)
    scored = score_assessment(inputs, domain_ids)
    domains = {d.pk: d for d in guidance_domains()}
    wanted_items = {g.item_id for g in scored.gaps} | set(scored.strengths)
    responses = {r.item_id: r for r in Response.objects.filter(assessment=assessment)}
    wanted_items |= {item_id for item_id, r in responses.items() if r.note}
    items = Item.objects.in_bulk(wanted_items)
    suggestions = Suggestion.objects.in_bulk({g.suggestion_id for g in scored.gaps})

    def _note_order(item_id: int) -> tuple:
        item = items.get(item_id)
        domain = domains.get(item.domain_id) if item else None
        return (domain.order if domain else 0, item.order if item else 0, item_id)

    gaps = []
    for gap in scored.gaps:
        suggestion = suggestions[gap.suggestion_id]
        section = domains[gap.domain_id]
        home = domains.get(suggestion.domain_id, section)
        gaps.append(
            GapResult(
                gap=gap,
                item=items[gap.item_id],
                suggestion=suggestion,
                domain=section,
                answer_label=answer_label(gap.value),
                note=responses[gap.item_id].note if gap.item_id in responses else "",
                examples=suggestion_examples(suggestion=suggestion, domains=domains.values()),
                resources=related(section, home, name="resources"),
            )
        )
    topic_ids = {g.domain.pk for g in gaps if g.domain.kind == Domain.Kind.TOPIC}
    return AssessmentResults(
        assessment=assessment,
        overall=scored.overall,
        domains=[DomainResult(domains[pk], score) for pk, score in scored.domains.items()],
        gaps=gaps,
        strengths=[
            (items[pk], answer_label(responses[pk].value) if pk in responses else "")
            for pk in scored.strengths
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
        topics_with_gaps=[d for d in domains.values() if d.pk in topic_ids],
        unanswered=sum(1 for i in inputs if not i.value),
        guidance=domains,
    )
