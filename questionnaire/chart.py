"""A bar chart of scores as plain numbers for an SVG template (no JavaScript, PDF-safe)."""

from dataclasses import dataclass

from questionnaire.scoring import THRESHOLDS, Score

# Each row: its label on a line of its own, then the bar with its score beside it. Labels
# above the bars keep the chart narrow, so it stays legible on a phone and in half a page.
BAR_WIDTH = 250
TEXT_WIDTH = 130
ROW_HEIGHT = 48
LABEL_HEIGHT = 18
BAR_HEIGHT = 20
TOP = 22


@dataclass
class Bar:
    label: str
    score: Score
    y: int  # top of the row: the label's line; the bar follows it
    width: float  # pixels
    text_x: float

    @property
    def label_y(self) -> int:
        return self.y + LABEL_HEIGHT - 4

    @property
    def bar_y(self) -> int:
        return self.y + LABEL_HEIGHT

    @property
    def text_y(self) -> int:
        return self.bar_y + BAR_HEIGHT - 5

    @property
    def text(self) -> str:
        if self.score.score is None:
            return "Not rated"
        return f"{self.score.score:.0f} ({self.score.level.label})"


@dataclass
class Chart:
    bars: list[Bar]
    height: int
    width: int = BAR_WIDTH + TEXT_WIDTH
    bar_width: int = BAR_WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def ticks(self) -> list[tuple[float, str]]:
        """The level thresholds as vertical lines: (x, label)."""
        return [
            (BAR_WIDTH * lowest / 100, label)
            for lowest, _, label in reversed(THRESHOLDS)
            if lowest > 0
        ]


def results_chart(results) -> Chart:
    """The overall score, then each domain's, of an AssessmentResults."""
    rows = [("Overall", results.overall)] + [(d.domain.title, d.score) for d in results.domains]
    return score_chart(rows)


def score_chart(rows: list[tuple[str, Score]]) -> Chart:
    bars = []
    for n, (label, score) in enumerate(rows):
        width = BAR_WIDTH * (score.score or 0) / 100
        bars.append(Bar(label, score, TOP + n * ROW_HEIGHT, width, BAR_WIDTH + 6))
    return Chart(bars=bars, height=TOP + len(rows) * ROW_HEIGHT)
