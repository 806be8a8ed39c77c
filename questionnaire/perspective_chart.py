"""Your scores beside each perspective's, per domain: plain numbers for an SVG template (no
JavaScript; the same drawing in the browser and in the PDF)."""

from dataclasses import dataclass

LABEL_WIDTH = 270
BAR_WIDTH = 330
SCORE_WIDTH = 90
HEADING_HEIGHT = 28
BAR_HEIGHT = 20
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
    width: int = LABEL_WIDTH + BAR_WIDTH + SCORE_WIDTH
    bar_x: int = LABEL_WIDTH
    bar_width: int = BAR_WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def score_x(self) -> int:
        return LABEL_WIDTH + BAR_WIDTH + 8

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
    labels = [column.label for column in results.columns]
    groups, y = [], 0
    for domain, scores, flagged in results.domains:
        y += HEADING_HEIGHT
        title_y = y - 8
        bars = []
        for n, (label, score) in enumerate(zip(labels, scores, strict=True)):
            width = BAR_WIDTH * (score or 0) / 100
            bars.append(ChartBar(label, score, y, width, COLORS[n % len(COLORS)]))
            y += BAR_HEIGHT + BAR_GAP
        groups.append(ChartGroup(domain.title, flagged, title_y, bars))
        y += GROUP_GAP
    return PerspectiveChart(groups=groups, height=y + 4)
