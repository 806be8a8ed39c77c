"""Perception gaps: how invited perspectives rate the same items. Plain arithmetic, no database.

A perspective's score for an item is the mean of its respondents' points on the five-level
scale (0-4), times 25, rounded: 0-100 like every other score; "don't know" and blank answers
are left out. Its domain score is the weighted mean of its item scores.

Confidentiality comes first. A perspective is shown only once at least `minimum` people
answered, and an item is scored only when at least `minimum` of them rated it on the scale.
Answers are published in whole batches of `minimum` (3, 4 or 5 answers show as 3): otherwise
comparing the results before and after one more answer would reveal that answer. Answers
through personal invitations and through open links are batched separately, open links in
larger batches (anyone holding one can answer, the organizer included), so that answers of
one's own through an open link never complete a batch around someone else's.

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


def published(response_ids: list[int], minimum: int) -> list[int]:
    """The responses that count: the oldest, in whole batches of ``minimum``."""
    ordered = sorted(response_ids)
    return ordered[: len(ordered) // minimum * minimum]


def published_by_kind(ids_by_kind: dict[str, list[int]], minimums: dict[str, int]) -> list[int]:
    """The responses that count when each kind of invitation is batched on its own: whole
    batches of ``minimums[kind]`` of each kind, oldest first."""
    return sorted(pk for kind, ids in ids_by_kind.items() for pk in published(ids, minimums[kind]))


# How many answered, as the owner sees it before a perspective is shown (never exact).
ANSWER_BANDS = [(0, 0, "none yet"), (1, 4, "1 to 4"), (5, 9, "5 to 9")]


def answer_band(count: int) -> str:
    """0, 1-4, 5-9 or 10 or more: a count that one more answer rarely changes."""
    for lowest, highest, label in ANSWER_BANDS:
        if lowest <= count <= highest:
            return label
    return "10 or more"
