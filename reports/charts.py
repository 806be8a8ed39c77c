"""Every chart of the results page and the PDFs, as plain numbers for SVG templates (no
JavaScript; the same drawing in the browser and in the PDF).

One geometry serves them all (``Layout``): a column of labels, a track on which a score of 0 to
100 is drawn, and a column for the figures. The score chart (your levels), the perspectives
chart (your scores beside each perspective's) and the peer chart (yours beside the middle half
of participating agencies) differ only in their widths and in what they draw on the track. The
trend chart, a line chart over time, has a geometry of its own.
"""

import base64
from dataclasses import dataclass

from django.template.loader import render_to_string

from questionnaire.scoring import THRESHOLDS, Score, whole


@dataclass(frozen=True)
class Layout:
    """Where the labels, the track (0 to 100) and the figures of a bar chart go."""

    label_width: int  # 0: each label sits on a line of its own above its track
    track_width: int
    text_width: int
    row_height: int

    @property
    def stacked(self) -> bool:
        return self.label_width == 0

    @property
    def width(self) -> int:
        return self.label_width + self.track_width + self.text_width

    @property
    def track_x(self) -> int:
        return self.label_width

    @property
    def text_x(self) -> int:
        """Right of the track, clear of its ticks."""
        return self.label_width + self.track_width + 8

    def x(self, score: float) -> float:
        """Where a score lies on the track."""
        return self.label_width + self.track_width * score / 100

    def length(self, score: float | None) -> float:
        """The length of a bar from 0 to ``score``."""
        return self.track_width * (score or 0) / 100


# The score chart: stacked (narrow enough for a phone and half a screen) or beside (short
# enough for the one-page brief).
STACKED = Layout(label_width=0, track_width=250, text_width=130, row_height=48)
BESIDE = Layout(label_width=170, track_width=300, text_width=140, row_height=28)
PERSPECTIVES = Layout(label_width=270, track_width=330, text_width=90, row_height=24)
PEERS = Layout(label_width=200, track_width=360, text_width=210, row_height=36)

BAR_HEIGHT = 20
TOP = 22  # room for the names of the level thresholds


# The score chart --------------------------------------------------------------------------


@dataclass
class Bar:
    label: str
    score: Score
    label_x: int
    label_y: int
    bar_x: int
    bar_y: int
    width: float  # pixels
    text_x: int
    text_y: int

    @property
    def text(self) -> str:
        if self.score.score is None:
            return "Not rated"
        return f"{self.score.score:.0f} ({self.score.level.label})"


@dataclass
class Chart:
    bars: list[Bar]
    layout: Layout
    height: int
    bar_height: int = BAR_HEIGHT

    @property
    def width(self) -> int:
        return self.layout.width

    @property
    def bar_width(self) -> int:
        return self.layout.track_width

    @property
    def ticks(self) -> list[tuple[float, str]]:
        """The level thresholds as vertical lines: (x, label)."""
        return [
            (self.layout.x(lowest), label) for lowest, _, label in reversed(THRESHOLDS) if lowest
        ]


def results_chart(results, layout: Layout = STACKED) -> Chart:
    """The overall score, then each domain's, of an AssessmentResults."""
    rows = [("Overall", results.overall)] + [(d.domain.title, d.score) for d in results.domains]
    return score_chart(rows, layout)


def score_chart(rows: list[tuple[str, Score]], layout: Layout = STACKED) -> Chart:
    bars = []
    for n, (label, score) in enumerate(rows):
        top = TOP + n * layout.row_height
        bar_y = top + (18 if layout.stacked else 2)
        bars.append(
            Bar(
                label=label,
                score=score,
                label_x=0 if layout.stacked else layout.label_width - 8,
                label_y=top + 14 if layout.stacked else bar_y + BAR_HEIGHT - 5,
                bar_x=layout.track_x,
                bar_y=bar_y,
                width=layout.length(score.score),
                text_x=layout.text_x - 2,
                text_y=bar_y + BAR_HEIGHT - 5,
            )
        )
    return Chart(bars=bars, layout=layout, height=TOP + len(rows) * layout.row_height)


# The perspectives chart: your scores beside each perspective's, per domain ------------------

HEADING_HEIGHT = 28
BAR_GAP = 4
GROUP_GAP = 10
# One color per column, the agency's own first; each at least 3:1 against white (WCAG 1.4.11)
# and, since the score is written beside every bar, never the only way to tell them apart.
COLORS = ["#16365c", "#8a4b00", "#1a6b3a", "#6f2da8", "#a4161a", "#005f73", "#5c4400", "#3d3d3d"]


@dataclass
class ChartBar:
    label: str
    score: float | None
    y: int
    width: float
    color: str

    @property
    def text(self) -> str:
        return "Not rated" if self.score is None else f"{self.score:.0f}"


@dataclass
class ChartGroup:
    title: str
    flagged: bool
    y: int  # the baseline of the domain's title
    bars: list[ChartBar]


@dataclass
class PerspectiveChart:
    groups: list[ChartGroup]
    height: int
    layout: Layout = PERSPECTIVES
    bar_height: int = BAR_HEIGHT

    @property
    def width(self) -> int:
        return self.layout.width

    @property
    def bar_x(self) -> int:
        return self.layout.track_x

    @property
    def bar_width(self) -> int:
        return self.layout.track_width

    @property
    def score_x(self) -> int:
        return self.layout.text_x

    @property
    def description(self) -> str:
        """The chart in words, for its text alternative."""
        parts = []
        for group in self.groups:
            scores = "; ".join(f"{bar.label} {bar.text}" for bar in group.bars)
            flag = " (perception gap)" if group.flagged else ""
            parts.append(f"{group.title}{flag}: {scores}.")
        return " ".join(parts)


def perspective_chart(results) -> PerspectiveChart:
    """One group of bars per domain of a PerspectiveResults: your score, then each shown
    perspective's."""
    layout = PERSPECTIVES
    labels = [column.label for column in results.columns]
    groups, y = [], 0
    for domain, scores, flagged in results.domains:
        y += HEADING_HEIGHT
        title_y = y - 8
        bars = []
        for n, (label, score) in enumerate(zip(labels, scores, strict=True)):
            bars.append(ChartBar(label, score, y, layout.length(score), COLORS[n % len(COLORS)]))
            y += BAR_HEIGHT + BAR_GAP
        groups.append(ChartGroup(domain.title, flagged, title_y, bars))
        y += GROUP_GAP
    return PerspectiveChart(groups=groups, height=y + 4)


# The peer chart: yours beside the middle half of participating agencies --------------------

PEER_TOP = 44
MARKER = 7  # half the diamond's width


@dataclass
class PeerBar:
    label: str
    y: int
    yours: float | None
    low: float | None
    median: float | None
    high: float | None
    layout: Layout = PEERS

    @property
    def band_x(self) -> float:
        return self.layout.x(self.low)

    @property
    def band_width(self) -> float:
        # A middle half of one score still shows as a sliver.
        return max(self.layout.length(self.high - self.low), 2)

    @property
    def median_x(self) -> float:
        return self.layout.x(self.median)

    @property
    def yours_points(self) -> str:
        """The diamond's corners, as an SVG ``points`` attribute."""
        x, y = self.layout.x(self.yours), self.y + self.layout.row_height / 2
        corners = [(x, y - MARKER), (x + MARKER, y), (x, y + MARKER), (x - MARKER, y)]
        return " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in corners)

    @property
    def text(self) -> str:
        yours = "not rated" if self.yours is None else str(whole(self.yours))
        if self.median is None:
            return f"You {yours}; peers not shown"
        return f"You {yours}; median {whole(self.median)}"

    @property
    def description(self) -> str:
        yours = "not rated" if self.yours is None else str(whole(self.yours))
        if self.median is None:
            return f"{self.label}: your agency {yours}; not enough peers to show."
        return (
            f"{self.label}: your agency {yours}; participating agencies' median "
            f"{whole(self.median)}, middle half {whole(self.low)} to {whole(self.high)}."
        )


@dataclass
class PeerChart:
    bars: list[PeerBar]
    height: int
    layout: Layout = PEERS

    @property
    def width(self) -> int:
        return self.layout.width

    @property
    def track_x(self) -> int:
        return self.layout.track_x

    @property
    def track_width(self) -> int:
        return self.layout.track_width

    @property
    def text_x(self) -> int:
        return self.layout.text_x + 2

    @property
    def row_height(self) -> int:
        return self.layout.row_height

    @property
    def ticks(self) -> list[tuple[float, int]]:
        return [(self.layout.x(score), score) for score in (0, 25, 50, 75, 100)]


def peer_chart(rows) -> PeerChart:
    """Rows with ``label``, ``yours`` and ``spread`` (a Spread or None), top to bottom."""
    bars = []
    for n, row in enumerate(rows):
        spread = row.spread
        bars.append(
            PeerBar(
                label=row.label,
                y=PEER_TOP + n * PEERS.row_height,
                yours=row.yours,
                low=spread.low if spread else None,
                median=spread.median if spread else None,
                high=spread.high if spread else None,
            )
        )
    return PeerChart(bars=bars, height=PEER_TOP + len(rows) * PEERS.row_height + 8)


# The trend: one line per domain and one for the overall score, across submitted assessments.

TREND_LEFT, TREND_TOP, TREND_PLOT_WIDTH, TREND_PLOT_HEIGHT = 34, 12, 330, 180
TREND_LABELS_WIDTH, TREND_BOTTOM = 170, 44
# Lines across the plot at 0, 100 and the lowest score of each level (from scoring.THRESHOLDS).
TREND_TICKS = sorted({0, 100, *(lowest for lowest, _, _ in THRESHOLDS)})
# Colors that keep 3:1 against white, and a dash pattern each, so lines differ without color.
TREND_STYLES = [
    ("#16365c", ""),
    ("#9a5200", "7 3"),
    ("#1a6b3a", "2 3"),
    ("#a4161a", "9 3 2 3"),
    ("#5a3d8a", "4 4"),
    ("#0b6e79", "1 2"),
]


@dataclass
class TrendLine:
    label: str
    points: list[tuple[float, float, float]]  # (x, y, score) where the score exists
    color: str
    dash: str
    label_y: float  # where the line's name is written, right of its last point
    bold: bool = False

    @property
    def path(self) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in self.points)


@dataclass
class TrendChart:
    lines: list[TrendLine]
    x_labels: list[tuple[float, str]]
    y_ticks: list[tuple[float, int]]
    width: int = TREND_LEFT + TREND_PLOT_WIDTH + TREND_LABELS_WIDTH
    height: int = TREND_TOP + TREND_PLOT_HEIGHT + TREND_BOTTOM
    plot_left: int = TREND_LEFT
    plot_right: int = TREND_LEFT + TREND_PLOT_WIDTH
    label_x: int = TREND_LEFT + TREND_PLOT_WIDTH + 8


def _trend_y(score: float) -> float:
    return TREND_TOP + TREND_PLOT_HEIGHT * (1 - score / 100)


def trend_chart(names: list[str], series: list[tuple[str, list[float | None]]]) -> TrendChart:
    """``names``: one per assessment, oldest first; ``series``: (label, score at each)."""
    step = TREND_PLOT_WIDTH / max(len(names) - 1, 1)
    xs = [TREND_LEFT + n * step for n in range(len(names))]
    lines = []
    for n, (label, scores) in enumerate(series):
        color, dash = TREND_STYLES[n % len(TREND_STYLES)]
        points = [(x, _trend_y(s), s) for x, s in zip(xs, scores, strict=True) if s is not None]
        last_y = points[-1][1] if points else _trend_y(0)
        lines.append(TrendLine(label, points, color, dash, last_y + 4, bold=n == 0))
    # Names at the right end, in the order of the lines' ends, at least 13 px apart.
    previous = None
    for line in sorted(lines, key=lambda line: line.label_y):
        if previous is not None and line.label_y < previous + 13:
            line.label_y = previous + 13
        previous = line.label_y
    return TrendChart(
        lines=lines,
        x_labels=list(zip(xs, names, strict=True)),
        y_ticks=[(_trend_y(value), value) for value in TREND_TICKS],
    )


def svg_data_uri(template: str, context: dict) -> str:
    """A chart as an <img> source, so that the tagged PDF carries its text alternative."""
    svg = render_to_string(template, context)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
