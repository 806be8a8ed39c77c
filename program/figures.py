"""What the program view and its CSV show: figures across participating agencies, by group.

Participating agencies are those whose owner chose to share, verified (accounts/verification.py;
demo agencies instead, in demo mode), with a submitted assessment; each
counts once, with its latest (benchmarks.peers.peer_assessments), except in the timeline,
which counts every submission. The database counts per (type, size band, region) cell; a
group's count is the sum of its cells, a few dozen numbers. Groups are those peer benchmarks
may show (benchmarks.groups), and every count obeys its rules: hidden under the minimum, and
hidden where subtracting it from its group's total would reveal a hidden one. No agency name,
person or note is read. Built in a fixed number of queries, from what the database holds at
that moment.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncQuarter
from django.utils import timezone

from accounts.models import Agency, counted_in_peers
from benchmarks.groups import Cell, PeerGroup, suppress_partition
from benchmarks.peers import (
    OVERALL,
    PeerFigures,
    Spread,
    cell_columns,
    cell_of,
    peer_assessments,
    peer_figures,
)
from guidance.models import Domain, Suggestion
from guidance.selectors import guidance_domains
from perspectives.models import PerspectiveResponse
from questionnaire.models import Assessment, SubmittedAnswer, SubmittedScore
from questionnaire.scoring import THRESHOLDS, whole

QUARTERS_SHOWN = 12  # the timeline's rows: three years, then everything earlier in one row
NOT_RATED = ""
LEVELS = [key for _, key, _ in reversed(THRESHOLDS)] + [NOT_RATED]
LEVEL_LABELS = [label for _, _, label in reversed(THRESHOLDS)] + ["Not rated"]


@dataclass(frozen=True)
class CountCell:
    """A number of agencies (or assessments) in a group; ``count`` is None when hidden."""

    count: int | None
    total: int

    @property
    def percent(self) -> int | None:
        if self.count is None or not self.total:
            return None
        return whole(100 * self.count / self.total)


def _cells(counts: list[int], total: int, minimum: int) -> list[CountCell]:
    return [CountCell(n, total) for n in suppress_partition(counts, minimum)]


@dataclass
class GroupProgram:
    group: PeerGroup
    agencies: int
    spreads: dict[int | None, Spread]  # score -> median and middle half, where shown
    levels: dict[int | None, list[CountCell]]  # score -> agencies per level (LEVELS order)
    gaps: dict[int, CountCell]  # suggestion id -> agencies with a gap on it
    perspectives: CountCell  # agencies whose latest assessment has invited answers
    first: list[CountCell]  # per period: agencies submitting their first assessment
    again: list[CountCell]  # per period: reassessments
    again_total: CountCell

    @property
    def overall(self) -> Spread | None:
        return self.spreads.get(OVERALL)


@dataclass
class ProgramFigures:
    minimum: int
    signed_up: int  # agencies with an account, participating or not
    verified: int  # of them, verified (approved, or the owner's domain allowed): they may count
    demo: int  # participating agencies made by seed_demo (counted only in demo mode)
    periods: list[str] = field(default_factory=list)  # "Earlier", "2024 Q3", …
    groups: dict[str, GroupProgram] = field(default_factory=dict)  # shown groups, in order


def _by_cell(rows, key) -> dict:
    """{key: {cell: n}} from rows of a GROUP BY over cells."""
    found: dict = {}
    for row in rows:
        found.setdefault(key(row), {})[cell_of(row)] = row["n"]
    return found


def _sum(group: PeerGroup, cells: dict[Cell, int] | None) -> int:
    return sum(n for cell, n in (cells or {}).items() if group.contains(cell))


def _quarter(moment) -> tuple[int, int]:
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return local.year, (local.month - 1) // 3 + 1


def _periods(today: date) -> list[tuple[int, int]]:
    """The last QUARTERS_SHOWN quarters, oldest first."""
    year, quarter = today.year, (today.month - 1) // 3 + 1
    periods = []
    for _ in range(QUARTERS_SHOWN):
        periods.append((year, quarter))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return list(reversed(periods))


def _timeline_counts(first_submissions: bool) -> dict:
    """{(year, quarter): {cell: n}} of the submissions of participating agencies."""
    submitted = Assessment.objects.filter(
        counted_in_peers("agency__"), status=Assessment.Status.SUBMITTED
    )
    if first_submissions:
        earlier = Assessment.objects.filter(
            agency=OuterRef("agency"), status=Assessment.Status.SUBMITTED
        ).filter(
            Q(submitted_at__lt=OuterRef("submitted_at"))
            | Q(submitted_at=OuterRef("submitted_at"), pk__lt=OuterRef("pk"))
        )
        submitted = submitted.filter(~Exists(earlier))
    rows = submitted.values(quarter=TruncQuarter("submitted_at"), **cell_columns("agency__"))
    return _by_cell(rows.annotate(n=Count("pk")), lambda row: _quarter(row["quarter"]))


def build_program_figures(peers: PeerFigures) -> ProgramFigures:
    """Every shown group's figures: six queries (besides the peer figures')."""
    minimum = peers.minimum
    latest = peer_assessments()
    figures = ProgramFigures(
        minimum=minimum,
        signed_up=Agency.objects.filter(is_demo=False).count(),
        verified=Agency.objects.filter(is_demo=False, verified_at__isnull=False).count(),
        demo=latest.filter(agency__is_demo=True).count(),
    )
    if not peers.groups:
        return figures
    cells = cell_columns("agency__")
    levels = _by_cell(
        SubmittedScore.objects.filter(assessment__in=latest)
        .values("domain_id", "level", **cells)
        .annotate(n=Count("pk")),
        lambda row: (row["domain_id"], row["level"]),
    )
    gaps = _by_cell(
        SubmittedAnswer.objects.filter(assessment__in=latest)
        .exclude(gap=SubmittedAnswer.Gap.NONE)
        .values("suggestion_id", **cells)
        .annotate(n=Count("assessment", distinct=True)),
        lambda row: row["suggestion_id"],
    )
    invited = PerspectiveResponse.objects.filter(invitation__assessment=OuterRef("pk"))
    perspectives = _by_cell(
        latest.annotate(invited=Exists(invited))
        .values("invited", **cell_columns("agency__"))
        .annotate(n=Count("pk")),
        lambda row: bool(row["invited"]),
    )
    first, every = _timeline_counts(True), _timeline_counts(False)
    periods = _periods(timezone.localdate())
    earlier = [p for p in every if p < periods[0]]
    figures.periods = (["Earlier"] if earlier else []) + [f"{y} Q{q}" for y, q in periods]
    measures = sorted({measure for measure, _ in levels}, key=lambda m: (m is not None, m))

    for key, shown in peers.groups.items():
        group, n = shown.group, shown.agencies

        def timeline(counts: dict, group=group) -> list[int]:
            rows = [sum(_sum(group, counts[p]) for p in earlier)] if earlier else []
            return rows + [_sum(group, counts.get(p)) for p in periods]

        firsts = timeline(first)
        agains = [e - f for e, f in zip(timeline(every), firsts, strict=True)]
        again_total = sum(agains)  # not a partition of a shown total: shown from the minimum
        with_invited = _sum(group, perspectives.get(True))
        figures.groups[key] = GroupProgram(
            group=group,
            agencies=n,
            spreads=shown.spreads,
            levels={
                m: _cells([_sum(group, levels.get((m, lv))) for lv in LEVELS], n, minimum)
                for m in measures
            },
            gaps={
                pk: _cells([_sum(group, counts), n - _sum(group, counts)], n, minimum)[0]
                for pk, counts in gaps.items()
            },
            perspectives=_cells([with_invited, n - with_invited], n, minimum)[0],
            first=_cells(firsts, n, minimum),
            again=_cells(agains, again_total, minimum),
            again_total=CountCell(again_total if again_total >= minimum else None, again_total),
        )
    return figures


def program_figures() -> ProgramFigures:
    """The program view's figures, as the database holds them now."""
    return build_program_figures(peer_figures())


# What the page and the CSV show of a group, with the guidance's current wording.


@dataclass
class ScoreRow:
    label: str
    spread: Spread | None
    levels: list[CountCell]


@dataclass
class GapRow:
    suggestion: Suggestion
    cell: CountCell


@dataclass
class GroupView:
    group: GroupProgram
    scores: list[ScoreRow]  # overall, then each section in questionnaire order
    gaps: list[GapRow]  # most common first; hidden ones last
    timeline: list[tuple[str, CountCell, CountCell]]  # period, first assessments, again


@dataclass
class Wording:
    """Section titles and suggestions as the guidance words them now."""

    domains: dict[int, Domain]
    suggestions: dict[int, Suggestion]


def program_wording(figures: ProgramFigures) -> Wording:
    """The domains, and the suggestions the figures name."""
    ids = {pk for group in figures.groups.values() for pk in group.gaps}
    return Wording(
        domains={domain.pk: domain for domain in guidance_domains()},
        suggestions=Suggestion.objects.in_bulk(list(ids)),
    )


def group_view(figures: ProgramFigures, key: str, wording: Wording) -> GroupView:
    group = figures.groups[key]
    order = {pk: n for n, pk in enumerate(wording.domains)}

    def title(measure: int | None) -> str:
        if measure is OVERALL:
            return "Overall"
        domain = wording.domains.get(measure)
        return domain.title if domain else f"Section {measure}"

    measures = sorted(group.levels, key=lambda m: -1 if m is OVERALL else order.get(m, m))
    gaps = [
        GapRow(wording.suggestions[pk], cell)
        for pk, cell in group.gaps.items()
        if pk in wording.suggestions
    ]
    gaps.sort(key=lambda row: (row.cell.count is None, -(row.cell.count or 0), row.suggestion.pk))
    return GroupView(
        group=group,
        scores=[ScoreRow(title(m), group.spreads.get(m), group.levels[m]) for m in measures],
        gaps=gaps,
        timeline=list(zip(figures.periods, group.first, group.again, strict=True)),
    )
