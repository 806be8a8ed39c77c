"""Krippendorff's alpha and the shares of agreement (workshops/agreement.py), checked against
Krippendorff's published example, a workshop computed by hand, and the reference package."""

from fractions import Fraction

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshops.agreement import agreement, alpha, interval, nominal, ordinal, spread

N = None
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four observers,
# twelve units, with missing values. Rows are observers, columns units.
RELIABILITY_DATA = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
]
UNITS = list(zip(*RELIABILITY_DATA, strict=True))


@pytest.mark.parametrize(
    ("metric", "published"), [(nominal, "0.743"), (ordinal, "0.815"), (interval, "0.849")]
)
def test_it_gives_the_values_krippendorff_published_for_his_example(metric, published):
    assert f"{float(alpha(UNITS, metric)):.3f}" == published


def test_it_matches_a_workshop_computed_by_hand():
    """Three raters, four statements, on the scale's points (0 not in place ... 4 fully):

        statement 1: 2 2 2      statement 3: 0 2 3
        statement 2: 1 2 2      statement 4: 3 - 3   ("don't know" is missing)

    Exact agreement on statements 1 and 4 (2 of 4), within one level on 1, 2 and 4 (3 of 4).

    Alpha: each unit of m values adds 1/(m-1) per ordered pair of its values. Coincidences:
    o(2,2) = 3 + 1 = 4, o(1,2) = o(2,1) = 1, o(0,2) = o(0,3) = o(2,3) = 1/2 each way,
    o(3,3) = 2. Totals n0 = 1, n1 = 1, n2 = 6, n3 = 3; n = 11 values.
    Ordinal differences, (sum of n_g from c to k - (n_c + n_k)/2) squared:
    d(0,1) = 1, d(0,2) = 4.5² = 20.25, d(0,3) = 9² = 81, d(1,2) = 3.5² = 12.25,
    d(1,3) = 8² = 64, d(2,3) = 4.5² = 20.25.
    Observed: 2 x 1 x 12.25 + 2 x 1/2 x (20.25 + 81 + 20.25) = 24.5 + 121.5 = 146.
    Expected: 2 x (1x1x1 + 1x6x20.25 + 1x3x81 + 1x6x12.25 + 1x3x64 + 6x3x20.25) = 1991.
    Alpha = 1 - (n - 1) x 146 / 1991 = 1 - 1460/1991 = 531/1991, about 0.267.
    """
    units = [[2, 2, 2], [1, 2, 2], [0, 2, 3], [3, None, 3]]
    result = agreement(units)
    assert (result.pairable, result.exact, result.within_one) == (4, 2, 3)
    assert result.alpha == Fraction(531, 1991)
    assert result.exact_share == Fraction(1, 2) and result.within_one_share == Fraction(3, 4)


def test_a_statement_with_fewer_than_two_ratings_on_the_scale_counts_nowhere():
    result = agreement([[2, None, None], [None, None, None], [1, 1, None]])
    assert (result.pairable, result.exact, result.within_one) == (1, 1, 1)
    assert spread([2, None]) is None


def test_alpha_is_not_defined_when_every_rating_is_the_same_level_or_there_are_none():
    assert alpha([[3, 3], [3, 3, 3]]) is None
    assert alpha([[None, 2], [1]]) is None
    assert agreement([]).exact_share is None


def test_total_disagreement_is_worse_than_chance():
    assert alpha([[0, 4], [4, 0]]) < 0


ratings = st.lists(
    st.lists(st.one_of(st.none(), st.integers(0, 4)), min_size=2, max_size=6),
    min_size=1,
    max_size=25,
)


@settings(max_examples=200, deadline=None)
@given(ratings)
def test_it_agrees_with_the_reference_implementation(units):
    width = max(map(len, units))
    data = np.array(
        [
            [np.nan if v is None else v for v in unit] + [np.nan] * (width - len(unit))
            for unit in units
        ],
        dtype=float,
    ).T
    ours = alpha(units, ordinal)
    try:
        with np.errstate(invalid="ignore", divide="ignore"):  # it divides 0 by 0 to say "none"
            theirs = krippendorff.alpha(reliability_data=data, level_of_measurement="ordinal")
    except ValueError:  # the package refuses data with one value or none: ours says None
        theirs = None
    if ours is None:
        assert theirs is None or np.isnan(theirs)
    else:
        assert float(ours) == pytest.approx(theirs, abs=1e-9)
