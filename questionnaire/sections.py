"""The questionnaire's sections and an assessment's progress through them."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from guidance.models import Domain, Item
from questionnaire.models import Answer, Assessment, YesNoUnsure, answer_label

CONTEXT = "context"
REVIEW = "review"
DONT_KNOW = Answer.DONT_KNOW.value


@dataclass
class Section:
    slug: str
    title: str
    domain: Domain | None = None  # None for the agency-context section
    items: list[Item] = field(default_factory=list)

    @property
    def is_context(self) -> bool:
        return self.domain is None


def questionnaire_sections(domains: list[Domain] | None = None) -> list[Section]:
    """Agency context, then every domain with active items, in order: two queries, or one
    with the ``domains`` the caller has already read. A view reads them once and passes them
    along."""
    items_by_domain: dict[int, list[Item]] = defaultdict(list)
    active = Item.objects.filter(is_active=True).select_related("suggestion")
    for item in active.order_by("order", "pk"):
        items_by_domain[item.domain_id].append(item)
    sections = [Section(CONTEXT, "Agency context")]
    for domain in Domain.objects.all() if domains is None else domains:
        if items_by_domain[domain.pk]:
            sections.append(Section(domain.slug, domain.title, domain, items_by_domain[domain.pk]))
    return sections


def assessment_sections(assessment: Assessment) -> list[Section]:
    """The sections as this assessment is answered: the questionnaire's current ones for a
    draft; for a submitted assessment, the statements it was submitted with (its scoring
    snapshot), in their order then, so that statements retired or added later never change
    what it shows. Two queries either way."""
    if not assessment.scoring_snapshot:
        return questionnaire_sections()
    entries = assessment.scoring_snapshot["items"]
    items = Item.objects.select_related("suggestion").in_bulk([e["item_id"] for e in entries])
    by_domain: dict[int, list[Item]] = defaultdict(list)
    for entry in entries:
        if entry["item_id"] in items:
            by_domain[entry["domain_id"]].append(items[entry["item_id"]])
    domains = Domain.objects.in_bulk(assessment.scoring_snapshot["domain_ids"])
    sections = [Section(CONTEXT, "Agency context")]
    for domain_id in assessment.scoring_snapshot["domain_ids"]:
        domain = domains.get(domain_id)
        if domain is not None and by_domain[domain_id]:
            sections.append(Section(domain.slug, domain.title, domain, by_domain[domain_id]))
    return sections


def statement_counts(assessment: Assessment, *, answered: int, active: int) -> tuple[int, int]:
    """(answered, total) statements: for a submitted assessment, those it was submitted with;
    for a draft, ``answered`` of the ``active`` statements of the questionnaire today."""
    if not assessment.scoring_snapshot:
        return answered, active
    entries = assessment.scoring_snapshot["items"]
    return sum(1 for entry in entries if entry["value"]), len(entries)


def context_progress(assessment: Assessment) -> tuple[int, int]:
    """(answered, applicable) context questions; the follow-ups depend on the first."""
    questions = [
        assessment.has_participated,
        assessment.community_shares_responsibility,
        assessment.preferred_role,
        assessment.local_cvi_types,
    ]
    if assessment.has_participated == YesNoUnsure.YES:
        questions += [assessment.participation_start_year, assessment.would_participate_again]
    elif assessment.has_participated == YesNoUnsure.NO:
        questions.append(assessment.would_participate)
    answered = sum(1 for answer in questions if answer not in ("", None, []))
    return answered, len(questions)


@dataclass
class SectionProgress:
    section: Section
    answered: int
    total: int
    url: str = ""

    @property
    def state(self) -> str:
        if self.answered == 0:
            return "not_started"
        return "complete" if self.answered >= self.total else "in_progress"

    @property
    def state_label(self) -> str:
        return {"not_started": "Not started", "in_progress": "In progress"}.get(
            self.state, "Complete"
        )


def assessment_progress(
    assessment: Assessment, sections: list[Section], answered_item_ids: Iterable[int]
) -> list[SectionProgress]:
    answered_ids = set(answered_item_ids)
    progress = []
    for section in sections:
        if section.is_context:
            answered, total = context_progress(assessment)
        else:
            total = len(section.items)
            answered = sum(1 for item in section.items if item.pk in answered_ids)
        progress.append(SectionProgress(section, answered, total))
    return progress


@dataclass
class ReviewedStatement:
    item: Item
    answer: str  # the label, e.g. "Partly in place"; "" when unanswered
    is_dont_know: bool


@dataclass
class SectionReview:
    """One rated section as the review page shows it: every statement with your answer."""

    entry: SectionProgress
    statements: list[ReviewedStatement]

    @property
    def dont_know(self) -> int:
        return sum(1 for s in self.statements if s.is_dont_know)

    @property
    def unanswered(self) -> int:
        return sum(1 for s in self.statements if not s.answer)


def review_sections(progress: list[SectionProgress], values: dict[int, str]) -> list[SectionReview]:
    """Each rated section with every statement and its answer (``values``: item id -> value)."""
    return [
        SectionReview(
            entry,
            [
                ReviewedStatement(
                    item, answer_label(values.get(item.pk, "")), values.get(item.pk) == DONT_KNOW
                )
                for item in entry.section.items
            ],
        )
        for entry in progress
        if not entry.section.is_context
    ]


def first_unfinished(progress: list[SectionProgress]) -> Section | None:
    for entry in progress:
        if entry.state != "complete":
            return entry.section
    return None
