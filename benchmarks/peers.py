"""Peer benchmarks: an agency's scores beside those of the agencies that share theirs.

Every figure is aggregated by the database over the stored scores of submitted assessments
(questionnaire/records.py): the rows of each agency's latest submission (``latest``), for
agencies whose owner chose to share, so each agency counts once. The database keeps them
counted per cell (agency type, size band, census region) in a small summary
(benchmarks/models.py), rebuilt in the same transaction as every submission and every change
to an agency (benchmarks/summary.py): a results page reads a few thousand counts, not every
agency's scores, and nothing it reads can be older than the last write. Percentiles are
computed in SQL that runs the same on SQLite and PostgreSQL (running totals of each group's
histogram by window functions, integer arithmetic). Which groups and figures may be shown is
decided by the rules of benchmarks/groups.py, from per-cell counts.

docs/peers.md describes the figures and the rules.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import Exists, F, OuterRef, QuerySet, Sum

from accounts.models import counted_in_peers
from benchmarks.groups import (
    ALL,
    BREAKDOWNS,
    REGION,
    SIZE,
    TYPE,
    Cell,
    PeerGroup,
    agency_groups,
    complete_breakdowns,
    group_count,
    shown_groups,
)
from benchmarks.models import PeerAnswerCount, PeerScoreCount
from guidance.models import Domain, Item, Suggestion
from questionnaire.models import Assessment, SubmittedScore, answer_label
from questionnaire.scored import ScoredAssessment
from questionnaire.scoring import POINTS

OVERALL = None  # the measure key of the overall score (a section's is its domain id)


def counted(rows: QuerySet) -> QuerySet:
    """Stored rows (SubmittedScore, SubmittedAnswer) that count in peer figures: of each
    sharing, verified agency's latest submission (demo agencies' only in demo mode)."""
    return rows.filter(counted_in_peers("agency__"), latest=True)


def summary_rows(model) -> QuerySet:
    """The summary's counts (PeerScoreCount, PeerAnswerCount) that the figures read: of
    verified agencies, or, in demo mode, of demo agencies."""
    return model.objects.filter(demo=settings.DEMO_MODE)


def peer_assessments() -> QuerySet[Assessment]:
    """The assessments that count: of every agency that shares, its latest submitted one, if
    it rated anything on the scale (an overall score). Each agency counts once."""
    overall = counted(SubmittedScore.objects).filter(
        assessment=OuterRef("pk"), domain__isnull=True, score__isnull=False
    )
    return Assessment.objects.filter(Exists(overall))


def cell_columns(agency: str) -> dict:
    """An agency's cell as named columns for ``values()``, from the path to it ("agency__"):
    cell_type, cell_size, cell_region."""
    return {
        f"cell_{TYPE}": F(f"{agency}agency_type"),
        f"cell_{SIZE}": F(f"{agency}size_band"),
        f"cell_{REGION}": F(f"{agency}census_region"),
    }


def cell_of(row: dict) -> Cell:
    """The cell of a row that selected ``cell_columns()``."""
    return tuple(row[f"cell_{kind}"] for kind in BREAKDOWNS)


def peer_scores() -> QuerySet[SubmittedScore]:
    """The scores that count (a section's only where something in it was rated)."""
    return counted(SubmittedScore.objects).filter(score__isnull=False)


def measure_cells() -> dict[int | None, dict[Cell, int]]:
    """Per score (overall, each section): agencies with that score, per cell. One query.

    The overall score's cells are the participating agencies themselves."""
    rows = (
        summary_rows(PeerScoreCount)
        .values("domain_id", **cell_columns(""))
        .annotate(n=Sum("agencies"))
        .order_by()
    )
    cells: dict[int | None, dict[Cell, int]] = {}
    for row in rows:
        cells.setdefault(row["domain_id"], {})[cell_of(row)] = row["n"]
    return cells


def _quartile_sql(q: int) -> str:
    """The q-th quartile of the scores of a group, as PostgreSQL's percentile_cont computes it.

    Over n scores in rising order, it lies k/4 places above the lowest, with k = (n - 1)q:
    between the scores ranked k/4 + 1 and ceil(k/4) + 1 (integer division), weighted by the
    remainder of k/4. A histogram row (one score, ``agencies`` of it) holds the ranks from
    ``reached - agencies + 1`` to ``reached``. Integer arithmetic up to the last step, so
    SQLite and PostgreSQL give the same answer exactly.
    """
    k = f"(MAX(n) - 1) * {q}"
    rest = f"({k} - 4 * ({k} / 4))"

    def score_ranked(rank: str) -> str:
        return f"MAX(CASE WHEN reached - agencies < {rank} AND {rank} <= reached THEN score END)"

    low = score_ranked(f"((n - 1) * {q} / 4 + 1)")
    high = score_ranked(f"(((n - 1) * {q} + 3) / 4 + 1)")
    return f"((4 - {rest}) * {low} + {rest} * {high}) / 4.0"


def score_quartiles() -> list[tuple[str, str, int | None, int, float, float, float]]:
    """(kind, group value, score, agencies, 25th percentile, median, 75th) of every group of
    every kind (all, type, size, region) and every score (overall, each section): one query.

    The summary holds agencies per cell and score (a histogram of at most 101 rows per cell
    and section); the database adds the cells up per group and reads the quartiles off the
    running totals of each group's histogram.
    """
    histogram = (
        summary_rows(PeerScoreCount)
        .values("domain_id", "score", "agencies", **cell_columns(""))
        .order_by()
    )
    inner, params = histogram.query.sql_with_params()
    groups = " UNION ALL ".join(
        f"SELECT '{kind}' AS kind, {column} AS peer_group, domain_id, score, "  # noqa: S608
        f"CAST(SUM(agencies) AS INTEGER) AS agencies FROM cells "
        f"GROUP BY {column + ', ' if kind != ALL else ''}domain_id, score"
        for kind, column in [(ALL, "''"), *((k, f"cell_{k}") for k in BREAKDOWNS)]
    )
    partition = "PARTITION BY kind, peer_group, domain_id"
    quartiles = ", ".join(_quartile_sql(q) for q in (1, 2, 3))
    # Django writes the inner query, with its parameters; the rest holds no input.
    sql = (
        f"WITH cells AS ({inner}) "  # noqa: S608
        f"SELECT kind, peer_group, domain_id, MAX(n), {quartiles} FROM ("
        f"SELECT kind, peer_group, domain_id, score, agencies, "
        f"SUM(agencies) OVER ({partition} ORDER BY score "
        f"ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS reached, "
        f"SUM(agencies) OVER ({partition}) AS n "
        f"FROM ({groups}) histogram) ranked "
        f"GROUP BY kind, peer_group, domain_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [
            (kind, value, measure, n, float(low), float(median), float(high))
            for kind, value, measure, n, low, median, high in cursor.fetchall()
        ]


def statement_counts() -> dict[int, list[int]]:
    """Per rated statement, how many participating agencies gave it 0, 1, 2, 3, 4 points."""
    counts: dict[int, list[int]] = {}
    rows = summary_rows(PeerAnswerCount).values_list("item_id", "points", "agencies")
    for item_id, points, n in rows:
        counts.setdefault(item_id, [0] * len(POINTS))[points] = n
    return counts


@dataclass(frozen=True)
class Spread:
    """A score across a group: the median and the middle half (25th to 75th percentile)."""

    agencies: int
    low: float
    median: float
    high: float


@dataclass
class GroupFigures:
    group: PeerGroup
    agencies: int
    spreads: dict[int | None, Spread]  # only the scores that may be shown


@dataclass
class PeerFigures:
    """Everything that may be shown about participating agencies, for every group."""

    minimum: int
    groups: dict[str, GroupFigures] = field(default_factory=dict)  # shown groups, in order
    # Statement id -> agencies at 0..4 points, among all participating agencies; only
    # statements that at least ``minimum`` of them rated.
    statements: dict[int, list[int]] = field(default_factory=dict)


def build_peer_figures(minimum: int) -> PeerFigures:
    """The figures of every group that may be shown: three queries, or one with no group."""
    measures = measure_cells()
    agencies = measures.get(OVERALL, {})
    groups = complete_breakdowns(shown_groups(agencies, minimum), agencies, minimum)
    if not groups:
        return PeerFigures(minimum)
    shown = {
        measure: {g.key for g in shown_groups(cells, minimum, among=groups)}
        for measure, cells in measures.items()
    }
    spreads: dict[str, dict[int | None, Spread]] = {g.key: {} for g in groups}
    for kind, value, measure, n, low, median, high in score_quartiles():
        key = ALL if kind == ALL else f"{kind}:{value}"
        if key in spreads and key in shown.get(measure, ()):
            spreads[key][measure] = Spread(n, low, median, high)
    return PeerFigures(
        minimum=minimum,
        groups={g.key: GroupFigures(g, group_count(g, agencies), spreads[g.key]) for g in groups},
        statements={
            item_id: counts
            for item_id, counts in statement_counts().items()
            if sum(counts) >= minimum
        },
    )


def peer_figures() -> PeerFigures:
    """The figures of every group, as the database holds them now."""
    return build_peer_figures(settings.PEER_MIN_AGENCIES)


# How the results page names the agency's own groups.
OWN_GROUP_TITLES = {
    ALL: "All participating agencies",
    TYPE: "Agencies of your type: {}",
    SIZE: "Agencies of your size: {}",
    REGION: "Agencies in your region: {}",
}


@dataclass
class PeerRow:
    label: str
    yours: float | None
    spread: Spread | None


@dataclass
class PeerTable:
    group: PeerGroup
    agencies: int
    rows: list[PeerRow]

    @property
    def title(self) -> str:
        return OWN_GROUP_TITLES[self.group.kind].format(self.group.label)


@dataclass
class BehindStatement:
    """A statement that more than half of the participating agencies rated higher."""

    item: Item
    suggestion: Suggestion
    answer: str


@dataclass
class PeerComparison:
    shares: bool  # the agency counts in the figures (it shares and is verified)
    provisional: bool  # the agency's scores are a draft's
    minimum: int
    tables: list[PeerTable]  # the agency's groups that may be shown; empty if none
    behind: list[BehindStatement]
    unverified: bool = False  # the agency is not verified, so cannot count yet


def _behind_most(points: int | None, counts: list[int] | None) -> bool:
    if points is None or counts is None:
        return False
    return 2 * sum(counts[points + 1 :]) > sum(counts)


def peer_comparison(scored: ScoredAssessment, *, domains: list[Domain]) -> PeerComparison:
    """The agency's scores (``scored``) beside its groups' (all, type, size, region), where
    they may be shown, and the statements where most participating agencies are further along.
    ``domains``: as the caller read them once for the page (for the titles).
    """
    assessment = scored.assessment
    figures = peer_figures()
    titles = {domain.pk: domain.title for domain in domains}
    measures = [(OVERALL, "Overall", scored.results.overall)] + [
        (pk, titles.get(pk, ""), score) for pk, score in scored.results.domains.items()
    ]
    tables = []
    for group in agency_groups(assessment.agency):
        shown = figures.groups.get(group.key)
        if shown is not None:
            rows = [PeerRow(label, s.score, shown.spreads.get(pk)) for pk, label, s in measures]
            tables.append(PeerTable(group, shown.agencies, rows))
    behind_ids = [
        i.item_id
        for i in scored.inputs
        if tables and _behind_most(POINTS.get(i.value), figures.statements.get(i.item_id))
    ]
    # Statements still asked; a retired one is not marked.
    items = Item.objects.filter(is_active=True).select_related("suggestion").in_bulk(behind_ids)
    values = {i.item_id: i.value for i in scored.inputs}
    return PeerComparison(
        shares=assessment.agency.counts_in_peers,
        provisional=not assessment.is_submitted,
        minimum=figures.minimum,
        tables=tables,
        behind=[
            BehindStatement(
                scored.shown.item(items[pk]),
                scored.shown.suggestion(items[pk].suggestion),
                answer_label(values[pk]),
            )
            for pk in behind_ids
            if pk in items
        ],
        unverified=not settings.DEMO_MODE and assessment.agency.verified_at is None,
    )
