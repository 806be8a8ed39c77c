"""A bar chart of scores as plain numbers for an SVG template (no JavaScript, PDF-safe)."""

from dataclasses import dataclass

from questionnaire.scoring import THRESHOLDS, Score

LABEL_WIDTH = 210
BAR_WIDTH = 380
ROW_HEIGHT = 34
TOP = 28


@dataclass
class Bar:
    label: str
    score: Score
    y: int
    width: float  # pixels
    text_x: float

    @property
    def text(self) -> str:
        if self.score.score is None:
            return "Not rated"
        return f"{self.score.score:.0f} ({self.score.level.label})"


@dataclass
class Chart:
    bars: list[Bar]
    height: int
    width: int = LABEL_WIDTH + BAR_WIDTH + 150
    bar_x: int = LABEL_WIDTH
    bar_width: int = BAR_WIDTH
    row_height: int = ROW_HEIGHT

    @property
    def ticks(self) -> list[tuple[float, str]]:
        """The level thresholds as vertical lines: (x, label)."""
        return [
            (LABEL_WIDTH + BAR_WIDTH * lowest / 100, label)
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
        bars.append(Bar(label, score, TOP + n * ROW_HEIGHT, width, LABEL_WIDTH + width + 8))
    return Chart(bars=bars, height=TOP + len(rows) * ROW_HEIGHT + 8)
