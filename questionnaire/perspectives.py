"""Invited perspectives: what each is asked, how many answered, and their results beside
the agency's own. The arithmetic is in perspective_scoring; this module reads the database.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count

from guidance.models import Domain, Item, Perspective, Suggestion
from guidance.selectors import guidance_domains
from questionnaire.answers import scoring_inputs
from questionnaire.models import Assessment, PerspectiveAnswer, PerspectiveResponse
from questionnaire.perspective_scoring import (
    SELF,
    Column,
    ItemWeight,
    RatedAnswer,
    build_column,
    perception_gaps,
    published,
)


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


def responses_per_perspective(assessment: Assessment) -> dict[str, int]:
    rows = (
        PerspectiveResponse.objects.filter(invitation__assessment=assessment)
        .values("perspective")
        .annotate(n=Count("pk"))
    )
    return {row["perspective"]: row["n"] for row in rows}


@dataclass
class ItemGapView:
    item: Item
    suggestion: Suggestion
    spread: float
    high: tuple[str, float]
    low: tuple[str, float]


@dataclass
class PerspectiveResults:
    columns: list[Column]  # the agency's own first, then each perspective shown
    awaiting: list[str]  # perspectives invited that have too few answers to show
    domains: list[tuple[Domain, list[float | None], bool]]  # scores per column, flagged
    gaps: list[ItemGapView]
    notes: list[tuple[str, Item, str]]  # (perspective, item, note) shared by invitees
    minimum: int = 3
    threshold: int = 25


def perspective_results(assessment: Assessment) -> PerspectiveResults | None:
    """Side-by-side scores of the agency and the perspectives it invited (None if none)."""
    invited = set(assessment.invitations.values_list("perspective", flat=True))
    if not invited:
        return None
    minimum = settings.PERSPECTIVE_MIN_RESPONSES
    threshold = settings.PERCEPTION_GAP_THRESHOLD
    labels = dict(Perspective.choices)
    ids: dict[str, list[int]] = defaultdict(list)
    for perspective, pk in PerspectiveResponse.objects.filter(
        invitation__assessment=assessment
    ).values_list("perspective", "pk"):
        ids[perspective].append(pk)
    counted = {p: published(ids[p], minimum) for p in ids}
    visible = [p for p in Perspective.values if counted.get(p)]
    awaiting = [labels[p] for p in Perspective.values if p in invited and p not in visible]
    counted_ids = [pk for p in visible for pk in counted[p]]

    own, _ = scoring_inputs(assessment)
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
    for domain in guidance_domains():  # cached: no query
        if domain.pk not in scored_domains:
            continue
        scores = [column.domains.get(domain.pk) for column in columns]
        present = [s for s in scores if s is not None]
        flagged = len(present) > 1 and max(present) - min(present) >= threshold
        domain_rows.append((domain, scores, flagged))
    notes = [
        (labels[a.response.perspective], a.item, a.note)
        for a in PerspectiveAnswer.objects.filter(
            response_id__in=counted_ids, response__share_notes=True
        )
        .exclude(note="")
        .select_related("item", "response")
        .order_by("item__domain__order", "item__order", "pk")
    ]
    return PerspectiveResults(
        columns=columns,
        awaiting=awaiting,
        domains=domain_rows,
        gaps=[
            ItemGapView(items[g.item_id], items[g.item_id].suggestion, g.spread, g.high, g.low)
            for g in gaps
            if g.item_id in items
        ],
        notes=notes,
        minimum=minimum,
        threshold=threshold,
    )
