"""Invited perspectives: what each is asked, how many answered, and their results beside
the agency's own. The arithmetic is in perspectives/scoring.py; this module reads the database.
"""

import random
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings

from guidance.models import COMMUNITY_PARTNERS, Domain, Item, Perspective, Suggestion
from perspectives.models import Invitation, PerspectiveAnswer, PerspectiveResponse
from perspectives.scoring import (
    SELF,
    Column,
    ItemWeight,
    RatedAnswer,
    answer_band,
    build_column,
    perception_gaps,
    published_by_kind,
)
from questionnaire.models import Assessment
from questionnaire.scored import ScoredAssessment


def items_for_perspective(perspective: str) -> list[tuple[Domain, list[Item]]]:
    """Active items asked of this perspective, grouped by section, in order."""
    items = Item.objects.filter(is_active=True).select_related("domain").order_by("order", "pk")
    grouped: dict[int, list[Item]] = defaultdict(list)
    domains: dict[int, Domain] = {}
    for item in items:
        if perspective in (item.perspectives or []):
            grouped[item.domain_id].append(item)
            domains[item.domain_id] = item.domain
    ordered = sorted(domains.values(), key=lambda d: (d.order, d.pk))
    return [(domain, grouped[domain.pk]) for domain in ordered]


def batch_sizes() -> dict[str, int]:
    """Answers count in whole batches of this size, per kind of invitation."""
    return {
        Invitation.Kind.PERSONAL: settings.PERSPECTIVE_MIN_RESPONSES,
        Invitation.Kind.OPEN: settings.PERSPECTIVE_MIN_RESPONSES_OPEN,
    }


def _response_ids(assessment: Assessment) -> dict[str, dict[str, list[int]]]:
    """{perspective: {kind of invitation: [response ids]}}, in one query."""
    ids: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    rows = PerspectiveResponse.objects.filter(invitation__assessment=assessment).values_list(
        "perspective", "invitation__kind", "pk"
    )
    for perspective, kind, pk in rows:
        ids[perspective][kind].append(pk)
    return ids


def _counted(assessment: Assessment) -> dict[str, list[int]]:
    """The responses that count in the results, per perspective (whole batches only)."""
    sizes = batch_sizes()
    return {
        perspective: published_by_kind(by_kind, sizes)
        for perspective, by_kind in _response_ids(assessment).items()
    }


@dataclass
class PerspectiveProgress:
    perspective: str
    label: str
    band: str  # how many answered, in bands: never exact
    counted: int  # how many the results count (whole batches); 0 until shown


def perspective_progress(assessment: Assessment) -> list[PerspectiveProgress]:
    """Per invited perspective: how many answered, in bands, and how many the results count."""
    invited = set(assessment.invitations.values_list("perspective", flat=True))
    ids = _response_ids(assessment)
    sizes = batch_sizes()
    rows = []
    for perspective, label in Perspective.choices:
        if perspective not in invited:
            continue
        by_kind = ids.get(perspective, {})
        total = sum(len(pks) for pks in by_kind.values())
        counted = len(published_by_kind(by_kind, sizes)) if by_kind else 0
        rows.append(PerspectiveProgress(perspective, label, answer_band(total), counted))
    return rows


@dataclass
class ItemGapView:
    item: Item
    suggestion: Suggestion
    spread: float
    high: tuple[str, float]
    low: tuple[str, float]
    keys: tuple[str, str] = ("", "")  # the high and the low column
    # The community-partner perspective on either side ("" if none): an action for this gap
    # is owned jointly with it.
    partner: str = ""

    @property
    def others(self) -> str:
        """Who the agency talks with about the gap: the perspectives on either side."""
        labels = [label for (label, _), key in zip((self.high, self.low), self.keys, strict=True)
                  if key != SELF]  # fmt: skip
        return " and ".join(label.lower() for label in labels)

    @property
    def action_title(self) -> str:
        """The title of the plan action that addresses the gap."""
        return f"Talk through the perception gap with {self.others}: {self.suggestion.title}"[:300]

    @property
    def action_notes(self) -> str:
        (high, high_score), (low, low_score) = self.high, self.low
        return (
            f"Perception gap on “{self.item.text}”: {high} {high_score:.0f}, {low} "
            f"{low_score:.0f} (out of 100). For a joint meeting: ask each side what it sees "
            "that leads to its rating, agree what “in place” would look like, and decide who "
            "does what next."
        )[:2000]


@dataclass
class PerspectiveResults:
    columns: list[Column]  # the agency's own first, then each perspective shown
    awaiting: list[str]  # perspectives invited that have too few answers to show
    domains: list[tuple[Domain, list[float | None], bool]]  # scores per column, flagged
    gaps: list[ItemGapView]  # widest first: gaps[0] is the largest perception gap
    notes: list[tuple[str, Item, str]]  # (perspective, item, note), in random order per item
    minimum: int = 3
    threshold: int = 25
    minimum_open: int = 5
    sizes: dict[str, int] = field(default_factory=dict)


def perspective_results(
    scored: ScoredAssessment, *, domains: list[Domain]
) -> PerspectiveResults | None:
    """Side-by-side scores of the agency (``scored``) and the perspectives it invited (None
    if none); ``domains`` in order, as the caller read them once for the page."""
    assessment = scored.assessment
    invited = set(assessment.invitations.values_list("perspective", flat=True))
    if not invited:
        return None
    minimum = settings.PERSPECTIVE_MIN_RESPONSES
    threshold = settings.PERCEPTION_GAP_THRESHOLD
    labels = dict(Perspective.choices)
    counted = _counted(assessment)
    visible = [p for p in Perspective.values if counted.get(p)]
    awaiting = [labels[p] for p in Perspective.values if p in invited and p not in visible]
    counted_ids = [pk for p in visible for pk in counted[p]]

    own = scored.inputs
    weights = [ItemWeight(i.item_id, i.domain_id, i.weight) for i in own]
    columns = [
        build_column(
            SELF, "Your own assessment", [RatedAnswer(0, i.item_id, i.value) for i in own], weights
        )
    ]
    by_perspective: dict[str, list[RatedAnswer]] = defaultdict(list)
    answers = PerspectiveAnswer.objects.filter(response_id__in=counted_ids).values_list(
        "response_id", "response__perspective", "item_id", "value"
    )
    for response_id, perspective, item_id, value in answers:
        by_perspective[perspective].append(RatedAnswer(response_id, item_id, value))
    for perspective in visible:
        column = build_column(
            perspective, labels[perspective], by_perspective[perspective], weights, minimum
        )
        column.respondents = len(counted[perspective])
        columns.append(column)

    gaps = perception_gaps(columns, threshold) if len(columns) > 1 else []
    items = Item.objects.select_related("suggestion").in_bulk({g.item_id for g in gaps})
    scored_domains = {w.domain_id for w in weights}
    domain_rows = []
    for domain in domains:
        if domain.pk not in scored_domains:
            continue
        scores = [column.domains.get(domain.pk) for column in columns]
        present = [s for s in scores if s is not None]
        flagged = len(present) > 1 and max(present) - min(present) >= threshold
        domain_rows.append((domain, scores, flagged))
    return PerspectiveResults(
        columns=columns,
        awaiting=awaiting,
        domains=domain_rows,
        gaps=[
            ItemGapView(
                items[g.item_id],
                items[g.item_id].suggestion,
                g.spread,
                g.high,
                g.low,
                g.keys,
                partner=next((labels[k] for k in g.keys if k in COMMUNITY_PARTNERS), ""),
            )
            for g in gaps
            if g.item_id in items
        ],
        notes=_shared_notes(counted_ids, labels),
        minimum=minimum,
        threshold=threshold,
        minimum_open=settings.PERSPECTIVE_MIN_RESPONSES_OPEN,
        sizes=batch_sizes(),
    )


def _shared_notes(response_ids: list[int], labels: dict[str, str]) -> list[tuple[str, Item, str]]:
    """Shared notes grouped by perspective and statement, in a fresh random order within each
    group: listing them in the order they arrived would let a reader link one person's notes
    on different statements, or spot the newest."""
    groups: dict[tuple, list[tuple[str, Item, str]]] = defaultdict(list)
    answers = (
        PerspectiveAnswer.objects.filter(response_id__in=response_ids, response__share_notes=True)
        .exclude(note="")
        .select_related("item__domain", "response")
    )
    for answer in answers:
        item, perspective = answer.item, answer.response.perspective
        key = (item.domain.order, item.order, item.pk, perspective)
        groups[key].append((labels[perspective], item, answer.note))
    shuffle = random.SystemRandom().shuffle
    notes = []
    for key in sorted(groups):
        shuffle(groups[key])
        notes.extend(groups[key])
    return notes
