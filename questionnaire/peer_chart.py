"""The peer comparison chart as plain numbers for an SVG template (no JavaScript, PDF-safe).

One row per score: a band over the middle half of participating agencies (25th to 75th
percentile), a line at their median, and a diamond at the agency's own score.
"""

from dataclasses import dataclass

from questionnaire.scoring import whole

LABEL_WIDTH = 200
TRACK_WIDTH = 360
TEXT_WIDTH = 210
ROW_HEIGHT = 36
TOP = 44
MARKER = 7  # half the diamond's width


def _x(score: float) -> float:
    return LABEL_WIDTH + TRACK_WIDTH * score / 100


def _number(value: float) -> str:
    return str(whole(value))


@dataclass
class PeerBar:
    label: str
    y: int
    yours: float | None
    low: float | None
    median: float | None
    high: float | None

    @property
    def band_x(self) -> float:
        return _x(self.low)

    @property
    def band_width(self) -> float:
        # A middle half of one score still shows as a sliver.
        return max(TRACK_WIDTH * (self.high - self.low) / 100, 2)

    @property
    def median_x(self) -> float:
        return _x(self.median)

    @property
    def yours_points(self) -> str:
        """The diamond's corners, as an SVG ``points`` attribute."""
        x, y = _x(self.yours), self.y + ROW_HEIGHT / 2
        corners = [(x, y - MARKER), (x + MARKER, y), (x, y + MARKER), (x - MARKER, y)]
        return " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in corners)

    @property
    def text(self) -> str:
        yours = "not rated" if self.yours is None else _number(self.yours)
        if self.median is None:
            return f"You {yours}; peers not shown"
        return f"You {yours}; median {_number(self.median)}"

    @property
    def description(self) -> str:
        yours = "not rated" if self.yours is None else _number(self.yours)
        if self.median is None:
            return f"{self.label}: your agency {yours}; not enough peers to show."
        return (
            f"{self.label}: your agency {yours}; participating agencies' median "
            f"{_number(self.median)}, middle half {_number(self.low)} to {_number(self.high)}."
        )


@dataclass
class PeerChart:
    bars: list[PeerBar]
    height: int
    width: int = LABEL_WIDTH + TRACK_WIDTH + TEXT_WIDTH
    track_x: int = LABEL_WIDTH
    track_width: int = TRACK_WIDTH
    text_x: int = LABEL_WIDTH + TRACK_WIDTH + 10
    row_height: int = ROW_HEIGHT

    @property
    def ticks(self) -> list[tuple[float, int]]:
        return [(_x(score), score) for score in (0, 25, 50, 75, 100)]


def peer_chart(rows) -> PeerChart:
    """Rows with ``label``, ``yours`` and ``spread`` (a Spread or None), top to bottom."""
    bars = []
    for n, row in enumerate(rows):
        spread = row.spread
        bars.append(
            PeerBar(
                label=row.label,
                y=TOP + n * ROW_HEIGHT,
                yours=row.yours,
                low=spread.low if spread else None,
                median=spread.median if spread else None,
                high=spread.high if spread else None,
            )
        )
    return PeerChart(bars=bars, height=TOP + len(rows) * ROW_HEIGHT + 8)
