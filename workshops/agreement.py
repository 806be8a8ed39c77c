"""How far raters agree: plain arithmetic over plain data (no database, no request).

A *unit* is one statement as several people rated it: a list of values, one per rater, with
None where a rater gave no value on the scale ("don't know" or no answer: missing data, as
Krippendorff treats it). Values are the scale's points, 0 (not in place) to 4 (fully in place
and sustained). The model is written down in docs/scoring.md ("Agreement between raters").

* A unit is *pairable* when at least two raters put it on the scale; only pairable units
  count, in the shares and in alpha.
* Exact agreement: every value of the unit is the same. Within one level: the highest and
  lowest values are at most one level apart.
* Krippendorff's alpha (Krippendorff, "Computing Krippendorff's Alpha-Reliability", 2011):
  1 - observed disagreement / disagreement expected by chance, computed from the coincidence
  matrix of the pairable values, with the ordinal, interval or nominal difference function.
  1 is perfect agreement, 0 no more than chance; below 0, less than chance. None when it is
  not defined: fewer than two pairable values, or every value the same (no variation at all).
"""

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

Unit = Sequence[int | None]
Metric = Callable[[int, int, dict[int, Fraction]], Fraction]


def pairable_values(unit: Unit) -> list[int]:
    """The unit's values on the scale, if at least two raters gave one; [] otherwise."""
    values = [value for value in unit if value is not None]
    return values if len(values) >= 2 else []


def nominal(c: int, k: int, totals: dict[int, Fraction]) -> Fraction:
    return Fraction(0 if c == k else 1)


def interval(c: int, k: int, totals: dict[int, Fraction]) -> Fraction:
    return Fraction((c - k) ** 2)


def ordinal(c: int, k: int, totals: dict[int, Fraction]) -> Fraction:
    """The ordinal difference: how many pairable values lie between c and k (by rank),
    counting each end by half, squared (Krippendorff 2011, the ordinal metric)."""
    low, high = min(c, k), max(c, k)
    between = sum((n for value, n in totals.items() if low <= value <= high), Fraction(0))
    return (between - (totals[low] + totals[high]) / 2) ** 2


def coincidences(units: Iterable[Unit]) -> Counter:
    """The coincidence matrix: {(c, k): how often c and k were paired within a unit}, each
    pair weighted 1 / (values in the unit - 1)."""
    matrix: Counter = Counter()
    for unit in units:
        values = pairable_values(unit)
        for i, c in enumerate(values):
            for j, k in enumerate(values):
                if i != j:
                    matrix[(c, k)] += Fraction(1, len(values) - 1)
    return matrix


def alpha(units: Iterable[Unit], metric: Metric = ordinal) -> Fraction | None:
    """Krippendorff's alpha over ``units``, exact (a fraction); None when not defined."""
    matrix = coincidences(units)
    totals: dict[int, Fraction] = Counter()
    for (c, _k), n in matrix.items():
        totals[c] += n
    n = sum(totals.values(), Fraction(0))
    if n < 2:
        return None
    observed = sum((count * metric(c, k, totals) for (c, k), count in matrix.items()), Fraction(0))
    expected = sum(
        (totals[c] * totals[k] * metric(c, k, totals) for c in totals for k in totals),
        Fraction(0),
    )
    if expected == 0:
        return None
    return 1 - (n - 1) * observed / expected


@dataclass(frozen=True)
class Agreement:
    """The agreement of a set of units: the counts behind the shares, and alpha (ordinal)."""

    pairable: int  # units at least two raters put on the scale
    exact: int  # of those, units where every value is the same
    within_one: int  # of those, units whose values are at most one level apart
    alpha: Fraction | None

    @property
    def exact_share(self) -> Fraction | None:
        return Fraction(self.exact, self.pairable) if self.pairable else None

    @property
    def within_one_share(self) -> Fraction | None:
        return Fraction(self.within_one, self.pairable) if self.pairable else None


def spread(unit: Unit) -> int | None:
    """How many levels apart the unit's values are (highest - lowest); None if not pairable."""
    values = pairable_values(unit)
    return max(values) - min(values) if values else None


def agreement(units: Iterable[Unit]) -> Agreement:
    units = list(units)
    spreads = [s for s in map(spread, units) if s is not None]
    return Agreement(
        pairable=len(spreads),
        exact=sum(1 for s in spreads if s == 0),
        within_one=sum(1 for s in spreads if s <= 1),
        alpha=alpha(units, ordinal),
    )
