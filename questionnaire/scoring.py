"""Scoring: plain arithmetic over plain data (no database, no request).

The model is written down in docs/scoring.md; keep the two in step.

* Each rated answer earns points on the five-level scale: not in place 0, planned or under
  discussion 1, partly in place 2, largely in place 3, fully in place and sustained 4.
* A section's (domain's) score is the weighted share of the points it could have earned,
  0-100, over the items answered on the scale, rounded to a whole number (halves up) before
  anything else uses it, so the score shown and the level given always agree. "Don't know"
  and unanswered items earn nothing and cost nothing: they lower the coverage instead.
* The overall score is the mean of the section scores, so every section counts the same.
* A score maps to a readiness level through THRESHOLDS, the only place the bands are set.
* Every item below "largely in place" is a gap to act on; every "don't know" is a gap of
  its own kind, to find out. Gaps are ranked: foundational suggestions first, then the
  shortfall from "largely in place", then the weaker section first.
* The plan works on suggestions, not statements: gaps are grouped by their report suggestion,
  and a group ranks where its highest-ranked gap does. The first three groups are the
  priorities, each with the reasons it stands there.
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

POINTS = {"not_in_place": 0, "planned": 1, "partly": 2, "largely": 3, "fully": 4}
MAX_POINTS = 4
TARGET = POINTS["largely"]
DONT_KNOW = "dont_know"
# "Don't know" ranks like "planned or under discussion": finding out is usually quick, and
# an unknown may hide a missing foundation.
DONT_KNOW_SHORTFALL = TARGET - POINTS["planned"]

# (lowest score of the band, key, label), highest band first.
THRESHOLDS = [
    (85, "sustaining", "Sustaining"),
    (60, "established", "Established"),
    (35, "developing", "Developing"),
    (0, "getting_started", "Getting started"),
]


@dataclass(frozen=True)
class ItemInput:
    """One rated item as scoring sees it. ``value`` is "" when unanswered."""

    item_id: int
    domain_id: int
    suggestion_id: int
    weight: int
    foundational: bool
    value: str


@dataclass(frozen=True)
class Level:
    key: str
    label: str


@dataclass(frozen=True)
class Band:
    """A readiness level with the whole scores it spans, e.g. Developing: 35 to 59."""

    label: str
    lowest: int
    highest: int


def level_bands() -> list[Band]:
    """Every level, lowest first, with its range of scores (from THRESHOLDS)."""
    bands, highest = [], 100
    for lowest, _, label in THRESHOLDS:
        bands.append(Band(label, lowest, highest))
        highest = lowest - 1
    return list(reversed(bands))


@dataclass(frozen=True)
class Score:
    """A section's or the overall score. ``score`` is None when nothing was rated."""

    score: float | None
    level: Level | None
    rated: int
    dont_know: int
    total: int

    @property
    def answered(self) -> int:
        return self.rated + self.dont_know

    @property
    def coverage(self) -> float:
        """Share of items answered on the scale, 0-100 ("don't know" not counted)."""
        return 100 * self.rated / self.total if self.total else 0.0


@dataclass(frozen=True)
class Gap:
    item_id: int
    suggestion_id: int
    domain_id: int
    kind: str  # "act" or "find_out"
    value: str
    shortfall: int
    foundational: bool


@dataclass(frozen=True)
class SuggestionGaps:
    """The gaps on one report suggestion: one action of the plan."""

    suggestion_id: int
    gaps: tuple[Gap, ...]  # ranked, the highest first

    @property
    def foundational(self) -> bool:
        return self.gaps[0].foundational

    @property
    def shortfall(self) -> int:
        return max(gap.shortfall for gap in self.gaps)

    @property
    def kind(self) -> str:
        """ "act" if any statement is rated below target, else "find_out" (only don't knows)."""
        return "act" if any(gap.kind == "act" for gap in self.gaps) else "find_out"

    @property
    def item_ids(self) -> list[int]:
        return [gap.item_id for gap in self.gaps]


# Why a priority stands where it does, in the order a chief should read them.
FOUNDATIONAL, SHORTFALL, PERCEPTION = "foundational", "shortfall", "perception"


@dataclass(frozen=True)
class Priority:
    group: SuggestionGaps
    reasons: tuple[str, ...]  # FOUNDATIONAL, SHORTFALL and/or PERCEPTION


@dataclass(frozen=True)
class Results:
    overall: Score
    domains: dict[int, Score]  # in section order
    gaps: list[Gap]  # ranked
    strengths: list[int]  # item ids at "largely" or "fully", in section order
    by_suggestion: list[SuggestionGaps] = field(default_factory=list)  # ranked


def whole(value: float) -> int:
    """Round halves up (Python's round() sends 84.5 to 84)."""
    return math.floor(value + 0.5)


def level_for(score: float | None) -> Level | None:
    if score is None:
        return None
    for lowest, key, label in THRESHOLDS:
        if score >= lowest:
            return Level(key, label)
    raise ValueError(f"score {score} is below every threshold")


def score_section(items: Iterable[ItemInput]) -> Score:
    earned = possible = 0
    rated = dont_know = total = 0
    for item in items:
        total += 1
        if item.value == DONT_KNOW:
            dont_know += 1
        elif item.value in POINTS:
            rated += 1
            earned += item.weight * POINTS[item.value]
            possible += item.weight * MAX_POINTS
    score = whole(100 * earned / possible) if possible else None
    return Score(score, level_for(score), rated, dont_know, total)


def score_overall(sections: Iterable[Score]) -> Score:
    sections = list(sections)
    scored = [s.score for s in sections if s.score is not None]
    score = whole(sum(scored) / len(scored)) if scored else None
    return Score(
        score,
        level_for(score),
        rated=sum(s.rated for s in sections),
        dont_know=sum(s.dont_know for s in sections),
        total=sum(s.total for s in sections),
    )


def find_gaps(items: Iterable[ItemInput], domain_scores: dict[int, Score]) -> list[Gap]:
    gaps = []
    for item in items:
        if item.value == DONT_KNOW:
            kind, shortfall = "find_out", DONT_KNOW_SHORTFALL
        elif item.value in POINTS and POINTS[item.value] < TARGET:
            kind, shortfall = "act", TARGET - POINTS[item.value]
        else:
            continue
        gaps.append(
            Gap(
                item.item_id,
                item.suggestion_id,
                item.domain_id,
                kind,
                item.value,
                shortfall,
                item.foundational,
            )
        )
    position = {domain_id: n for n, domain_id in enumerate(domain_scores)}

    def rank(gap: Gap) -> tuple:
        domain_score = domain_scores[gap.domain_id].score
        return (
            not gap.foundational,
            -gap.shortfall,
            domain_score if domain_score is not None else -1.0,
            position[gap.domain_id],
        )

    # sorted() is stable, so items keep their questionnaire order within a tie.
    return sorted(gaps, key=rank)


def gaps_by_suggestion(gaps: Sequence[Gap]) -> list[SuggestionGaps]:
    """Ranked gaps grouped by suggestion; a group ranks where its highest-ranked gap does."""
    grouped: dict[int, list[Gap]] = {}
    for gap in gaps:  # already ranked, so each group's first gap is its highest
        grouped.setdefault(gap.suggestion_id, []).append(gap)
    return [SuggestionGaps(suggestion_id, tuple(found)) for suggestion_id, found in grouped.items()]


def priorities(
    groups: Sequence[SuggestionGaps], perception_items: Iterable[int] = (), count: int = 3
) -> list[Priority]:
    """The first ``count`` groups, each with why it is there.

    Foundational: the report says to take the step at the outset. Shortfall: among the
    groups that are not foundational, the ranking puts the largest shortfall first.
    Perception: invited perspectives and the agency's own answers differ on one of its
    statements (flagged perception gaps, ``perception_items``); it does not change the rank.
    """
    flagged = set(perception_items)
    chosen = []
    for group in groups[:count]:
        reasons = [FOUNDATIONAL] if group.foundational else [SHORTFALL]
        if flagged.intersection(group.item_ids):
            reasons.append(PERCEPTION)
        chosen.append(Priority(group, tuple(reasons)))
    return chosen


def score_assessment(items: Sequence[ItemInput], domain_ids: Sequence[int]) -> Results:
    """Score every section in ``domain_ids`` order (a section without items scores None)."""
    by_domain: dict[int, list[ItemInput]] = {domain_id: [] for domain_id in domain_ids}
    for item in items:
        by_domain.setdefault(item.domain_id, []).append(item)
    domains = {domain_id: score_section(section) for domain_id, section in by_domain.items()}
    ordered = [item for section in by_domain.values() for item in section]
    strengths = [
        item.item_id for item in ordered if item.value in POINTS and POINTS[item.value] >= TARGET
    ]
    gaps = find_gaps(ordered, domains)
    return Results(
        overall=score_overall(domains.values()),
        domains=domains,
        gaps=gaps,
        strengths=strengths,
        by_suggestion=gaps_by_suggestion(gaps),
    )


def snapshot_from_inputs(items: Sequence[ItemInput], domain_ids: Sequence[int]) -> dict:
    """What is stored with a submitted assessment so its scores never change later."""
    return {
        "version": 1,
        "domain_ids": list(domain_ids),
        "items": [
            {
                "item_id": i.item_id,
                "domain_id": i.domain_id,
                "suggestion_id": i.suggestion_id,
                "weight": i.weight,
                "foundational": i.foundational,
                "value": i.value,
            }
            for i in items
        ],
    }


def inputs_from_snapshot(snapshot: dict) -> tuple[list[ItemInput], list[int]]:
    items = [ItemInput(**entry) for entry in snapshot["items"]]
    return items, list(snapshot["domain_ids"])
