"""Invited perspectives: what each is asked, how many answered (as released), and their
results beside the agency's own. Invitees' figures come only from the stored releases
(perspectives/releases.py); the arithmetic is in perspectives/scoring.py and
perspectives/privacy.py.
"""

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils import timezone

from guidance.models import COMMUNITY_PARTNERS, Domain, Item, Perspective, Suggestion
from perspectives.models import PerspectiveAnswer, PerspectiveRelease
from perspectives.privacy import StoredRelease, answers_label, combine, rounded
from perspectives.releases import perspective_releases_update
from perspectives.scoring import (
    SELF,
    Column,
    ItemWeight,
    RatedAnswer,
    build_column,
    perception_gaps,
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


@dataclass
class PerspectiveProgress:
    perspective: str
    label: str
    band: str  # how many answered, as released: "about 20", "fewer than 10"; never exact
    shown: bool  # its figures are in the results
    sealed_until: date | None  # the last day of its latest open invitation, if any


def perspective_progress(assessment: Assessment) -> list[PerspectiveProgress]:
    """Per invited perspective: how many answered, as released (never exact), and until when
    answers stay sealed. Releases what is due first."""
    perspective_releases_update(assessment=assessment)
    invitations = list(assessment.invitations.all())
    released = _released(assessment)
    today = timezone.localdate()
    rows = []
    for perspective, label in Perspective.choices:
        own = [i for i in invitations if i.perspective == perspective]
        if not own:
            continue
        answers = released.get((perspective, PerspectiveRelease.Kind.DOMAINS))
        combined = combine(answers, min_raters=DOMAIN_RATERS_MIN) if answers else None
        shown_from = settings.PERSPECTIVE_ANSWERS_SHOWN_MIN
        sealed = [i.expires_on for i in own if i.revoked_at is None and i.expires_on >= today]
        rows.append(
            PerspectiveProgress(
                perspective,
                label,
                answers_label(combined.answers, shown_from) if combined else "",
                bool(combined and combined.answers >= shown_from),
                max(sealed) if sealed else None,
            )
        )
    return rows


def _released(assessment: Assessment) -> dict[tuple[str, str], list[StoredRelease]]:
    """The assessment's stored releases, per (perspective, kind), in one query."""
    found: dict[tuple[str, str], list[StoredRelease]] = defaultdict(list)
    for release in assessment.perspective_releases.order_by("pk"):
        found[(release.perspective, release.kind)].append(
            StoredRelease(release.keys, release.values, release.scale)
        )
    return found


# A domain is scored once about this many people rated something in it; a statement, once
# about PERSPECTIVE_ANSWERS_SHOWN_MIN did (estimated from the releases, never exact).
DOMAIN_RATERS_MIN = 5


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
        """Who the agency talks with about the gap: the perspectives on either side, by their
        names ("Line officers and Community partners: CVI organizations")."""
        labels = [label for (label, _), key in zip((self.high, self.low), self.keys, strict=True)
                  if key != SELF]  # fmt: skip
        return " and ".join(labels)

    @property
    def action_title(self) -> str:
        """The title of the plan action that addresses the gap."""
        return f"Talk through the perception gap on “{self.suggestion.title}” with {self.others}"[
            :300
        ]

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
    awaiting: list[str]  # keys of the perspectives invited whose figures are not shown (yet)
    domains: list[tuple[Domain, list[float | None], bool]]  # scores per column, flagged
    gaps: list[ItemGapView]  # widest first: gaps[0] is the largest perception gap
    notes: list[tuple[str, Item, str]]  # (perspective, item, note), in random order per item
    minimum: int = 10  # about this many answers before a perspective is shown
    threshold: int = 25
    statements_from: int = 50  # about this many answers before statement figures appear

    @property
    def awaiting_labels(self) -> list[str]:
        labels = dict(Perspective.choices)
        return [labels[key] for key in self.awaiting]

    @property
    def has_statements(self) -> bool:
        """Some perspective shown has statement by statement figures."""
        return any(column.items for column in self.columns[1:])


def perspective_results(
    scored: ScoredAssessment, *, domains: list[Domain]
) -> PerspectiveResults | None:
    """Side-by-side scores of the agency (``scored``) and the perspectives it invited (None
    if none); ``domains`` in order, as the caller read them once for the page. Invitees'
    figures come from the stored releases only (docs/privacy.md), released first if due."""
    assessment = scored.assessment
    invited = set(assessment.invitations.values_list("perspective", flat=True))
    if not invited:
        return None
    perspective_releases_update(assessment=assessment)
    minimum = settings.PERSPECTIVE_ANSWERS_SHOWN_MIN
    threshold = settings.PERCEPTION_GAP_THRESHOLD
    labels = dict(Perspective.choices)
    released = _released(assessment)

    own = scored.inputs
    weights = [ItemWeight(i.item_id, i.domain_id, i.weight) for i in own]
    columns = [
        build_column(
            SELF, "Your own assessment", [RatedAnswer(0, i.item_id, i.value) for i in own], weights
        )
    ]
    awaiting = []
    for perspective in Perspective.values:
        if perspective not in invited:
            continue
        answers = released.get((perspective, PerspectiveRelease.Kind.DOMAINS))
        by_domain = combine(answers or [], min_raters=DOMAIN_RATERS_MIN)
        if not answers or by_domain.answers < minimum:
            awaiting.append(perspective)
            continue
        by_statement = combine(
            released.get((perspective, PerspectiveRelease.Kind.STATEMENTS), []),
            min_raters=minimum,
        )
        columns.append(
            Column(
                key=perspective,
                label=labels[perspective],
                respondents=rounded(by_domain.answers),
                items={pk: rounded(e.value) for pk, e in by_statement.cells.items()},
                domains={pk: rounded(e.value) for pk, e in by_domain.cells.items()},
                answers=answers_label(by_domain.answers, minimum),
                margin=rounded(max((e.margin for e in by_domain.cells.values()), default=0)),
            )
        )
    shown = [column.key for column in columns[1:]]

    gaps = perception_gaps(columns, threshold) if len(columns) > 1 else []
    items = {
        pk: scored.shown.item(item)
        for pk, item in Item.objects.select_related("suggestion")
        .in_bulk({g.item_id for g in gaps})
        .items()
    }
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
                scored.shown.suggestion(items[g.item_id].suggestion),
                g.spread,
                g.high,
                g.low,
                g.keys,
                partner=next((labels[k] for k in g.keys if k in COMMUNITY_PARTNERS), ""),
            )
            for g in gaps
            if g.item_id in items
        ],
        notes=_shared_notes(scored, shown, labels),
        minimum=minimum,
        threshold=threshold,
        statements_from=settings.PERSPECTIVE_STATEMENTS_MIN,
    )


def _shared_notes(
    scored: ScoredAssessment, perspectives: list[str], labels: dict[str, str]
) -> list[tuple[str, Item, str]]:
    """Notes their writers agreed to have quoted word for word (a quote cannot be made
    differentially private; the form says the organizer may guess who wrote it), from
    released invitations of the perspectives shown, grouped by perspective and statement, in a
    fresh random order within each group: listing them in the order they arrived would let a
    reader link one person's notes on different statements, or spot the newest."""
    groups: dict[tuple, list[tuple[str, Item, str]]] = defaultdict(list)
    answers = (
        PerspectiveAnswer.objects.filter(
            response__invitation__assessment=scored.assessment,
            response__invitation__domains_release__isnull=False,
            response__perspective__in=perspectives,
            response__share_notes=True,
        )
        .exclude(note="")
        .select_related("item__domain", "response")
    )
    for answer in answers:
        item, perspective = scored.shown.item(answer.item), answer.response.perspective
        key = (item.domain.order, item.order, item.pk, perspective)
        groups[key].append((labels[perspective], item, answer.note))
    shuffle = random.SystemRandom().shuffle
    notes = []
    for key in sorted(groups):
        shuffle(groups[key])
        notes.extend(groups[key])
    return notes
