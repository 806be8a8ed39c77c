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
