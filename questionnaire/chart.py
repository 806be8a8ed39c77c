"""A bar chart of scores as plain numbers for an SVG template (no JavaScript, PDF-safe).

Two layouts of the same chart: *stacked* (each label on a line of its own above its bar), narrow
enough to stay legible on a phone and in half a screen; and *beside* (labels left of the bars),
short enough for a one-page printed brief.
"""

from dataclasses import dataclass

from questionnaire.scoring import THRESHOLDS, Score

BAR_HEIGHT = 20
TOP = 22  # room for the names of the level thresholds


@dataclass(frozen=True)
class Layout:
    label_width: int  # 0: labels sit above the bars
    bar_width: int
    text_width: int
    row_height: int

    @property
    def stacked(self) -> bool:
        return self.label_width == 0


STACKED = Layout(label_width=0, bar_width=250, text_width=130, row_height=48)
BESIDE = Layout(label_width=170, bar_width=300, text_width=140, row_height=28)


@dataclass
class Bar:
    label: str
    score: Score
    label_x: int
    label_y: int
    bar_x: int
    bar_y: int
    width: float  # pixels
    text_x: int  # right of the bar area, clear of the threshold ticks
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
        return self.layout.label_width + self.layout.bar_width + self.layout.text_width

    @property
    def bar_width(self) -> int:
        return self.layout.bar_width

    @property
    def ticks(self) -> list[tuple[float, str]]:
        """The level thresholds as vertical lines: (x, label)."""
        return [
            (self.layout.label_width + self.layout.bar_width * lowest / 100, label)
            for lowest, _, label in reversed(THRESHOLDS)
            if lowest > 0
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
                bar_x=layout.label_width,
                bar_y=bar_y,
                width=layout.bar_width * (score.score or 0) / 100,
                text_x=layout.label_width + layout.bar_width + 6,
                text_y=bar_y + BAR_HEIGHT - 5,
            )
        )
    return Chart(bars=bars, layout=layout, height=TOP + len(rows) * layout.row_height)


# The trend: one line per domain and one for the overall score, across submitted assessments.
TREND_LEFT, TREND_TOP, TREND_PLOT_WIDTH, TREND_PLOT_HEIGHT = 34, 12, 330, 180
TREND_LABELS_WIDTH, TREND_BOTTOM = 170, 44
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


def _y(score: float) -> float:
    return TREND_TOP + TREND_PLOT_HEIGHT * (1 - score / 100)


def trend_chart(names: list[str], series: list[tuple[str, list[float | None]]]) -> TrendChart:
    """``names``: one per assessment, oldest first; ``series``: (label, score at each)."""
    step = TREND_PLOT_WIDTH / max(len(names) - 1, 1)
    xs = [TREND_LEFT + n * step for n in range(len(names))]
    lines = []
    for n, (label, scores) in enumerate(series):
        color, dash = TREND_STYLES[n % len(TREND_STYLES)]
        points = [(x, _y(s), s) for x, s in zip(xs, scores, strict=True) if s is not None]
        last_y = points[-1][1] if points else _y(0)
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
        y_ticks=[(_y(value), value) for value in (0, 35, 60, 85, 100)],
    )
