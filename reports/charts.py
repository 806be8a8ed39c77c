"""Every chart of the results page and the PDFs, as plain numbers for SVG templates (no
JavaScript; the same drawing in the browser and in the PDF).

One geometry serves them all (``Layout``): a column of labels, a track on which a score of 0 to
100 is drawn, and a column for the figures. The score chart (your levels), the perspectives
chart (your scores beside each perspective's) and the peer chart (yours beside the middle half
of participating agencies) differ only in their widths and in what they draw on the track. The
trend chart, a line chart over time, has a geometry of its own.

No label can be cut off at the chart's edge: every text is fitted to the room it has
(``fit``), measured with the advance widths of DejaVu Sans, the font the PDF embeds and one of
the widest a browser falls back to; what does not fit is shortened with an ellipsis, and the
full text stays in the chart's description and its table.
"""

import base64
from dataclasses import dataclass

from django.template.loader import render_to_string

from questionnaire.scoring import THRESHOLDS, Score, whole

# Advance widths of DejaVu Sans, in ems; characters not listed count as the widest lower-case.
_NARROW = dict.fromkeys("ijl'|", 0.28) | dict.fromkeys(" .,:;!", 0.34) | dict.fromkeys("ft", 0.4)
_WIDTHS = (
    _NARROW
    | dict.fromkeys("()-[]r", 0.42)
    | dict.fromkeys("sz", 0.53)
    | dict.fromkeys("0123456789", 0.64)
    | dict.fromkeys("mw", 0.98)
    | dict.fromkeys("MW", 1.0)
    | {"…": 1.0}
)
LOWER, UPPER = 0.64, 0.8


def text_width(text: str, font_size: float, bold: bool = False) -> float:
    """The width of ``text`` in pixels, at least as wide as DejaVu Sans draws it."""
    ems = sum(_WIDTHS.get(c, UPPER if c.isupper() else LOWER) for c in text)
    return ems * font_size * (1.12 if bold else 1.0)


def fit(text: str, room: float, font_size: float, bold: bool = False) -> str:
    """``text``, shortened with an ellipsis if it is wider than ``room`` pixels."""
    if text_width(text, font_size, bold) <= room:
        return text
    while text and text_width(text.rstrip() + "…", font_size, bold) > room:
        text = text[:-1]
    return text.rstrip() + "…"


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

    def label_room(self) -> int:
        """How wide a label may be: the whole width above a stacked track, else its column
        less the gap before the track."""
        return self.width if self.stacked else self.label_width - 10

    def text_room(self) -> int:
        """How wide the figures right of the track may be."""
        return self.text_width - 10


# The score chart: stacked (narrow enough for a phone and half a screen) or beside (short
# enough for the one-page brief).
STACKED = Layout(label_width=0, track_width=230, text_width=160, row_height=48)
BESIDE = Layout(label_width=170, track_width=290, text_width=160, row_height=28)
PERSPECTIVES = Layout(label_width=280, track_width=330, text_width=90, row_height=24)
PEERS = Layout(label_width=200, track_width=360, text_width=210, row_height=36)

BAR_HEIGHT = 20
TOP = 22  # room for the names of the level thresholds


# The score chart --------------------------------------------------------------------------


LABEL_SIZE, FIGURE_SIZE = 14, 13


@dataclass
class Bar:
    name: str  # in full, for the description
    label: str  # as drawn: fitted to its room
    score: Score
    label_x: int
    label_y: int
    bar_x: int
    bar_y: int
    width: float  # pixels
    text_x: int
    text_y: int
    text_room: int = 150

    @property
    def figure(self) -> str:
        if self.score.score is None:
            return "Not rated"
        return f"{self.score.score:.0f} ({self.score.level.label})"

    @property
    def text(self) -> str:
        """The figure as drawn right of the track."""
        return fit(self.figure, self.text_room, FIGURE_SIZE)


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
        """The level thresholds as vertical lines: (x, the lowest score of the level). Numbers,
        not the levels' names, which would overlap on a narrow track; the names are written
        beside each bar and under the chart."""
        return [
            (self.layout.x(lowest), str(lowest)) for lowest, _, _ in reversed(THRESHOLDS) if lowest
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
                name=label,
                label=fit(label, layout.label_room(), LABEL_SIZE, bold=n == 0),
                score=score,
                label_x=0 if layout.stacked else layout.label_width - 8,
                label_y=top + 14 if layout.stacked else bar_y + BAR_HEIGHT - 5,
                bar_x=layout.track_x,
                bar_y=bar_y,
                width=layout.length(score.score),
                text_x=layout.text_x - 2,
                text_y=bar_y + BAR_HEIGHT - 5,
                text_room=layout.text_room(),
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
    label: str  # the column's name, fitted to the label column
    score: float | None
    y: int
    width: float
    color: str

    @property
    def text(self) -> str:
        return "Not rated" if self.score is None else f"{self.score:.0f}"


@dataclass
class ChartGroup:
    title: str  # as drawn, fitted to the chart's width
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
    labels = [fit(column.label, layout.label_room(), 12) for column in results.columns]
    groups, y = [], 0
    for domain, scores, flagged in results.domains:
        y += HEADING_HEIGHT
        title_y = y - 8
        bars = []
        for n, (label, score) in enumerate(zip(labels, scores, strict=True)):
            bars.append(ChartBar(label, score, y, layout.length(score), COLORS[n % len(COLORS)]))
            y += BAR_HEIGHT + BAR_GAP
        flag = " (perception gap)" if flagged else ""
        title = fit(domain.title, layout.width - text_width(flag, 14, bold=True), 14, bold=True)
        groups.append(ChartGroup(title, flagged, title_y, bars))
        y += GROUP_GAP
    return PerspectiveChart(groups=groups, height=y + 4)


# The peer chart: yours beside the middle half of participating agencies --------------------

PEER_TOP = 44
MARKER = 7  # half the diamond's width


@dataclass
class PeerBar:
    label: str  # in full; ``shown_label`` is fitted to the label column
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
    def shown_label(self) -> str:
        return fit(self.label, self.layout.label_room(), LABEL_SIZE)

    @property
    def text(self) -> str:
        yours = "not rated" if self.yours is None else str(whole(self.yours))
        if self.median is None:
            return fit(f"You {yours}; peers not shown", self.layout.text_room(), FIGURE_SIZE)
        return fit(
            f"You {yours}; median {whole(self.median)}", self.layout.text_room(), FIGURE_SIZE
        )

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
    x_labels: list[tuple[float, str, str]]  # (x, the name as drawn, its text-anchor)
    y_ticks: list[tuple[float, int]]
    width: int = TREND_LEFT + TREND_PLOT_WIDTH + TREND_LABELS_WIDTH
    height: int = TREND_TOP + TREND_PLOT_HEIGHT + TREND_BOTTOM
    plot_left: int = TREND_LEFT
    plot_right: int = TREND_LEFT + TREND_PLOT_WIDTH
    label_x: int = TREND_LEFT + TREND_PLOT_WIDTH + 8


def _trend_y(score: float) -> float:
    return TREND_TOP + TREND_PLOT_HEIGHT * (1 - score / 100)


TREND_FONT = 12


def _trend_names(xs: list[float], names: list[str], step: float) -> list[tuple[float, str, str]]:
    """Each assessment's name under its point, fitted between its neighbors: the first starts
    at the chart's left edge, the others are centered on their point."""
    width = TREND_LEFT + TREND_PLOT_WIDTH + TREND_LABELS_WIDTH
    shown = []
    for n, (x, name) in enumerate(zip(xs, names, strict=True)):
        if n == 0:
            shown.append((0.0, fit(name, TREND_LEFT + step / 2 - 6, 11), "start"))
        else:
            room = min(step - 8, 2 * (width - x) - 4)
            shown.append((x, fit(name, room, 11), "middle"))
    return shown


def trend_chart(names: list[str], series: list[tuple[str, list[float | None]]]) -> TrendChart:
    """``names``: one per assessment, oldest first; ``series``: (label, score at each)."""
    step = TREND_PLOT_WIDTH / max(len(names) - 1, 1)
    xs = [TREND_LEFT + n * step for n in range(len(names))]
    lines = []
    for n, (label, scores) in enumerate(series):
        color, dash = TREND_STYLES[n % len(TREND_STYLES)]
        points = [(x, _trend_y(s), s) for x, s in zip(xs, scores, strict=True) if s is not None]
        last_y = points[-1][1] if points else _trend_y(0)
        shown = fit(label, TREND_LABELS_WIDTH - 10, TREND_FONT, bold=n == 0)
        lines.append(TrendLine(shown, points, color, dash, last_y + 4, bold=n == 0))
    # Names at the right end, in the order of the lines' ends, at least 13 px apart.
    previous = None
    for line in sorted(lines, key=lambda line: line.label_y):
        if previous is not None and line.label_y < previous + 13:
            line.label_y = previous + 13
        previous = line.label_y
    return TrendChart(
        lines=lines,
        x_labels=_trend_names(xs, names, step),
        y_ticks=[(_trend_y(value), value) for value in TREND_TICKS],
    )


def svg_data_uri(template: str, context: dict) -> str:
    """A chart as an <img> source, so that the tagged PDF carries its text alternative."""
    svg = render_to_string(template, context)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
