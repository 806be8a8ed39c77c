"""What a revealed workshop shows, read once per request: every statement with each rater's
rating, sorted by how far apart the raters are, the spread of each domain's scores, and the
agreement figures (agreement.py) that the results page and the PDF print."""

from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Count

from guidance.models import Domain, Item
from questionnaire.models import Answer, Assessment, answer_label
from questionnaire.scoring import POINTS, ItemInput, Score, score_section
from questionnaire.sections import Section
from workshops.agreement import Agreement, Unit, agreement, spread
from workshops.models import Rater, Rating, Workshop


def points_of(value: str) -> int | None:
    """A rating on the scale as points (0 to 4); None for "don't know" or no rating."""
    return POINTS.get(value)


@dataclass
class LevelCount:
    value: str
    label: str
    names: list[str]  # who chose it (empty in a workshop that shows counts only)
    count: int


@dataclass
class RatedStatement:
    """One statement as the raters rated it, alone, before the discussion."""

    item: Item
    domain: Domain
    order: int  # its place in the questionnaire
    ratings: list[tuple[Rater, Rating | None]]  # one per rater, in the raters' order
    agreed: str = ""  # the assessment's answer: the level agreed (or answered) so far

    @property
    def unit(self) -> Unit:
        return [points_of(rating.value) if rating else None for _rater, rating in self.ratings]

    @property
    def levels_apart(self) -> int | None:
        return spread(self.unit)

    @property
    def far_apart(self) -> bool:
        return (self.levels_apart or 0) >= 2

    @property
    def unanimous_value(self) -> str:
        """The value every rater chose, when all rated it alike on the scale; "" otherwise."""
        values = {rating.value if rating else "" for _rater, rating in self.ratings}
        value = values.pop() if len(values) == 1 else ""
        return value if value in POINTS else ""

    def levels(self, *, anonymous: bool) -> list[LevelCount]:
        """Each answer that somebody chose, lowest level first, with who chose it."""
        chosen: dict[str, list[str]] = {}
        for rater, rating in self.ratings:
            chosen.setdefault(rating.value if rating and rating.value else "", []).append(
                rater.name
            )
        return [
            LevelCount(
                value=value,
                label=answer_label(value) or "Not rated",
                names=[] if anonymous else chosen[value],
                count=len(chosen[value]),
            )
            for value in [*Answer.values, ""]
            if value in chosen
        ]

    def notes(self, *, anonymous: bool) -> list[tuple[str, str]]:
        """(rater's name, or "" when anonymous; note) for each note written."""
        return [
            ("" if anonymous else rater.name, rating.note)
            for rater, rating in self.ratings
            if rating and rating.note
        ]


def disagreement_order(statement: RatedStatement) -> tuple:
    """Statements two or more levels apart first, the widest spread first; then those whose
    raters chose more different answers; statements nobody could pair come last."""
    apart = statement.levels_apart
    distinct = len({rating.value if rating else "" for _r, rating in statement.ratings})
    return (apart is None, -(apart or 0), -distinct, statement.order)


@dataclass
class DomainSpread:
    domain: Domain
    scores: list[tuple[str, Score]]  # (rater's name, their score for the domain)

    @property
    def rated(self) -> list[int]:
        return sorted(round(score.score) for _name, score in self.scores if score.score is not None)

    @property
    def lowest(self) -> int | None:
        return self.rated[0] if self.rated else None

    @property
    def highest(self) -> int | None:
        return self.rated[-1] if self.rated else None

    @property
    def points_apart(self) -> int | None:
        return self.highest - self.lowest if self.rated else None


@dataclass
class WorkshopSpread:
    workshop: Workshop
    raters: list[Rater]
    statements: list[RatedStatement]  # sorted by disagreement
    domains: list[DomainSpread]
    agreement: Agreement = field(init=False)

    def __post_init__(self) -> None:
        self.agreement = agreement(s.unit for s in self.statements)

    @property
    def far_apart(self) -> list[RatedStatement]:
        return [s for s in self.statements if s.far_apart]

    @property
    def unanimous_unrecorded(self) -> list[RatedStatement]:
        """Statements every rater rated alike whose agreed answer is not yet that level."""
        return [s for s in self.statements if s.unanimous_value and s.agreed != s.unanimous_value]


def workshop_spread(
    workshop: Workshop, *, sections: list[Section], answers: dict[int, str]
) -> WorkshopSpread:
    """Every statement of ``sections`` with each rater's rating (two queries: the raters and
    their ratings), and each rater's score per domain. ``answers``: item id -> the
    assessment's answer."""
    raters = list(workshop.raters.all())
    ratings = {
        (rating.rater_id, rating.item_id): rating
        for rating in Rating.objects.filter(rater__workshop=workshop)
    }
    statements = []
    domains = []
    for section in sections:
        if section.is_context:
            continue
        for item in section.items:
            statements.append(
                RatedStatement(
                    item=item,
                    domain=section.domain,
                    order=len(statements),
                    ratings=[(rater, ratings.get((rater.pk, item.pk))) for rater in raters],
                    agreed=answers.get(item.pk, ""),
                )
            )
        domains.append(
            DomainSpread(
                section.domain,
                [(rater.name, _rater_score(rater, section.items, ratings)) for rater in raters],
            )
        )
    statements.sort(key=disagreement_order)
    return WorkshopSpread(workshop, raters, statements, domains)


def _rater_score(rater: Rater, items: list[Item], ratings: dict) -> Score:
    """The score the domain would have from this rater's ratings alone (scoring.py)."""
    return score_section(
        ItemInput(
            item_id=item.pk,
            domain_id=item.domain_id,
            suggestion_id=item.suggestion_id,
            weight=item.weight,
            foundational=False,
            value=rating.value if (rating := ratings.get((rater.pk, item.pk))) else "",
        )
        for item in items
    )


@dataclass
class WorkshopAgreement:
    """What the results page and the PDF say of the assessment's workshop."""

    workshop: Workshop
    raters: int
    statements: int  # the assessment's statements
    agreement: Agreement | None  # None until the ratings are revealed

    @property
    def alpha(self) -> Fraction | None:
        return self.agreement.alpha if self.agreement else None


def workshop_agreement(assessment: Assessment, *, item_ids: list[int]) -> WorkshopAgreement | None:
    """The agreement of the assessment's workshop over its statements ``item_ids``, before
    discussion; None without a workshop. Two queries once revealed, one before."""
    workshop = (
        Workshop.objects.filter(assessment=assessment).annotate(rater_count=Count("raters")).first()
    )
    if workshop is None:
        return None
    if not workshop.is_revealed:
        return WorkshopAgreement(workshop, workshop.rater_count, len(item_ids), None)
    values: dict[tuple[int, int], str] = {}
    for rater_id, item_id, value in Rating.objects.filter(rater__workshop=workshop).values_list(
        "rater_id", "item_id", "value"
    ):
        values[(rater_id, item_id)] = value
    raters = sorted({rater_id for rater_id, _item_id in values})
    units = [[points_of(values.get((rater, item), "")) for rater in raters] for item in item_ids]
    return WorkshopAgreement(workshop, workshop.rater_count, len(item_ids), agreement(units))
