"""Agreement per statement across every workshop, for the guidance editors: which statement,
or which level descriptions, people read differently, and whether a rewrite helped.

Only revealed workshops count (their ratings are the raters' own, before discussion). Figures
are shown for a statement, or a version of its level descriptions, only when the workshops
behind them come from at least ``min_agencies`` agencies (the PEER_MIN_AGENCIES setting), so
that no agency's ratings can be read from them; a version's figures only when every version
rated meets that minimum, since the statement's figures pool them all. Each workshop's ratings
of a statement are one unit of Krippendorff's alpha (agreement.py).
"""

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from guidance.models import ANCHOR_FIELDS, Item
from workshops.agreement import Agreement, agreement
from workshops.models import Rating
from workshops.spread import points_of


@dataclass
class PooledAgreement:
    workshops: int
    agencies: int
    agreement: Agreement | None  # None when fewer than the minimum of agencies


def _pooled(rows, min_agencies: int) -> PooledAgreement:
    """``rows``: (workshop id, agency id, value) of one statement's ratings."""
    units: dict[int, list[int | None]] = defaultdict(list)
    agencies = set()
    for workshop_id, agency_id, value in rows:
        units[workshop_id].append(points_of(value))
        agencies.add(agency_id)
    shown = len(agencies) >= min_agencies
    return PooledAgreement(
        workshops=len(units),
        agencies=len(agencies),
        agreement=agreement(units.values()) if shown else None,
    )


def _revealed_ratings():
    return Rating.objects.filter(rater__workshop__revealed_at__isnull=False)


@dataclass
class StatementRow:
    item: Item
    pooled: PooledAgreement


def statement_agreement(*, min_agencies: int) -> list[StatementRow]:
    """Every statement rated in a revealed workshop, those people agree on least first
    (lowest alpha); statements under the minimum of agencies last. Two queries."""
    by_item: dict[int, list] = defaultdict(list)
    for item_id, *row in _revealed_ratings().values_list(
        "item_id", "rater__workshop_id", "rater__workshop__assessment__agency_id", "value"
    ):
        by_item[item_id].append(row)
    items = Item.objects.select_related("domain").in_bulk(list(by_item))
    rows = [StatementRow(items[pk], _pooled(by_item[pk], min_agencies)) for pk in by_item]

    def order(row: StatementRow) -> tuple:
        found = row.pooled.agreement
        alpha = found.alpha if found else None
        return (found is None, alpha is None, alpha if alpha is not None else 0, row.item.pk)

    return sorted(rows, key=order)


@dataclass
class AnchorVersion:
    """The statement's level descriptions from ``since`` until the next change."""

    since: datetime
    changed_by: str
    anchors: list[str]
    pooled: PooledAgreement | None = None


def anchor_versions(item: Item, *, min_agencies: int) -> list[AnchorVersion]:
    """Each version of the statement's level descriptions (from its edit history), oldest
    first, with the agreement of the ratings made while it was in force. Two queries."""
    versions: list[AnchorVersion] = []
    for record in item.history.select_related("history_user").order_by("history_date", "pk"):
        anchors = [getattr(record, name) for name in ANCHOR_FIELDS]
        if not versions or versions[-1].anchors != anchors:
            who = record.history_user
            versions.append(
                AnchorVersion(record.history_date, who.email if who else "a data load", anchors)
            )
    starts = [version.since for version in versions]
    rows: dict[int, list] = defaultdict(list)
    for updated_at, *row in (
        _revealed_ratings()
        .filter(item=item)
        .values_list(
            "updated_at", "rater__workshop_id", "rater__workshop__assessment__agency_id", "value"
        )
    ):
        # A rating counts for the version in force when it was last saved (the first version
        # for ratings saved before the history begins).
        rows[max(bisect_right(starts, updated_at) - 1, 0)].append(row)
    for index, version in enumerate(versions):
        version.pooled = _pooled(rows[index], min_agencies)
    # The statement's own figures pool every version: with one version's hidden, the others'
    # would give it away (the whole less the rest), so then no version shows its figures.
    if any(v.pooled.workshops and v.pooled.agreement is None for v in versions):
        for version in versions:
            version.pooled.agreement = None
    return versions
