"""Perception gaps: how invited perspectives rate the same items. Plain arithmetic, no database.

A perspective's score for an item is the mean of its respondents' points on the five-level
scale (0-4), times 25, rounded: 0-100 like every other score; "don't know" and blank answers
are left out. Its domain score is the weighted mean of its item scores.

The agency's own column is computed here from its answers. Invited perspectives' columns are
never computed from their answers directly: their figures are released with differential
privacy and read from the stored releases (perspectives/privacy.py, docs/privacy.md).

An item is a perception gap when the highest and lowest shown scores differ by at least
`threshold` points.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from questionnaire.scoring import MAX_POINTS, POINTS, whole

SELF = "self"


@dataclass(frozen=True)
class RatedAnswer:
    respondent: int
    item_id: int
    value: str


@dataclass(frozen=True)
class ItemWeight:
    item_id: int
    domain_id: int
    weight: int


@dataclass
class Column:
    key: str  # a perspective, or SELF for the agency's own assessment
    label: str
    respondents: int
    items: dict[int, float | None] = field(default_factory=dict)
    domains: dict[int, float | None] = field(default_factory=dict)
    answers: str = ""  # how many answered, as the agency reads it ("about 20"); never exact
    margin: int | None = None  # the 90% margin of error of its domain scores, in points


@dataclass(frozen=True)
class PerceptionGap:
    item_id: int
    spread: float
    high: tuple[str, float]  # (column label, score)
    low: tuple[str, float]
    keys: tuple[str, str] = ("", "")  # the keys of the high and the low column


def item_scores(answers: Iterable[RatedAnswer], minimum: int = 1) -> dict[int, float]:
    """Scores of the items that at least ``minimum`` respondents rated on the scale."""
    points: dict[int, list[int]] = defaultdict(list)
    for answer in answers:
        if answer.value in POINTS:
            points[answer.item_id].append(POINTS[answer.value])
    return {
        item_id: whole(100 * sum(values) / (MAX_POINTS * len(values)))
        for item_id, values in points.items()
        if len(values) >= minimum
    }


def domain_scores(items: dict[int, float], weights: Iterable[ItemWeight]) -> dict[int, float]:
    totals: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for weight in weights:
        if weight.item_id in items:
            totals[weight.domain_id][0] += weight.weight * items[weight.item_id]
            totals[weight.domain_id][1] += weight.weight
    return {
        domain_id: whole(total / count) for domain_id, (total, count) in totals.items() if count
    }


def build_column(
    key: str,
    label: str,
    answers: list[RatedAnswer],
    weights: list[ItemWeight],
    minimum: int = 1,
) -> Column:
    items = item_scores(answers, minimum)
    return Column(
        key=key,
        label=label,
        respondents=len({a.respondent for a in answers}),
        items=items,
        domains=domain_scores(items, weights),
    )


def perception_gaps(columns: list[Column], threshold: float) -> list[PerceptionGap]:
    """Items on which the shown columns differ by at least ``threshold``, widest first."""
    item_ids = sorted({item_id for column in columns for item_id in column.items})
    gaps = []
    for item_id in item_ids:
        scored = [c for c in columns if c.items.get(item_id) is not None]
        if len(scored) < 2:
            continue
        high = max(scored, key=lambda column: column.items[item_id])
        low = min(scored, key=lambda column: column.items[item_id])
        spread = high.items[item_id] - low.items[item_id]
        if spread >= threshold:
            gaps.append(
                PerceptionGap(
                    item_id,
                    spread,
                    (high.label, high.items[item_id]),
                    (low.label, low.items[item_id]),
                    (high.key, low.key),
                )
            )
    return sorted(gaps, key=lambda gap: -gap.spread)
