"""The noise of invitees' releases: the exact discrete Gaussian sampler of Canonne, Kamath and
Steinke (2020) in perspectives/privacy.py, checked against the distribution it must draw from.

The draws come from a seeded generator, so each figure below is the same on every run; the
tolerances are those a correct sampler meets at this many draws (about four standard errors).
"""

import math
import random
from collections import Counter
from fractions import Fraction

import pytest

from perspectives.privacy import discrete_gaussian, noise_scale, noisy, sensitivity

DRAWS = 40_000


def pmf(sigma2: float, x: int) -> float:
    """The discrete Gaussian's probability of ``x``: exp(-x²/2σ²) over its sum on the integers."""
    total = sum(math.exp(-(k * k) / (2 * sigma2)) for k in range(-200, 201))
    return math.exp(-(x * x) / (2 * sigma2)) / total


@pytest.mark.parametrize("sigma2", [Fraction(1, 2), Fraction(2), Fraction(9)])
def test_small_scales_draw_each_integer_as_often_as_the_distribution_says(sigma2):
    rng = random.Random(2020)
    counts = Counter(discrete_gaussian(sigma2, rng) for _ in range(DRAWS))
    for x in range(-4, 5):
        expected = pmf(float(sigma2), x)
        error = 4 * math.sqrt(expected * (1 - expected) / DRAWS)
        assert abs(counts[x] / DRAWS - expected) <= error, (x, counts[x] / DRAWS, expected)


def test_a_release_scale_draws_centered_noise_of_that_variance():
    scale = noise_scale(5, 0.32)  # a domain release over five domains
    rng = random.Random(5)
    draws = [discrete_gaussian(Fraction(math.ceil(scale * scale)), rng) for _ in range(DRAWS)]
    mean = sum(draws) / DRAWS
    variance = sum((d - mean) ** 2 for d in draws) / DRAWS
    assert abs(mean) <= 4 * scale / math.sqrt(DRAWS)
    assert abs(variance / scale**2 - 1) <= 4 * math.sqrt(2 / DRAWS)
    assert all(isinstance(d, int) for d in draws)


def test_noise_is_added_to_every_coordinate_and_the_budget_is_checked():
    exact = [500, 450, 1200, 400, -300]
    released = noisy(exact, scale=noise_scale(2, 0.32), cells=2, rho=0.32, rng=random.Random(1))
    assert len(released) == len(exact) and released != exact
    # A scale too small for the budget is refused, whatever the caller asks.
    too_small = sensitivity(2) / math.sqrt(2 * 0.5)
    with pytest.raises(ValueError, match="more than its budget"):
        noisy(exact, scale=too_small, cells=2, rho=0.32)
