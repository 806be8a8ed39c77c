"""Differential privacy for invitees' answers: what one release adds up, the noise it gets, and
how the stored releases of a perspective combine into the figures shown. No database here;
docs/privacy.md states the guarantee and why these choices.

The unit protected is one invitee: whether they answered at all, and everything they answered.
A release covers the answers given through one invitation (an open link or a round of personal
invitations), once it has closed: each invitee is in exactly one release of each kind, so the
releases of a perspective compose in parallel and each person's privacy loss is the budget of
one domain release plus, if it happens, one statement release. A release is drawn once and
stored; figures are built from the stored releases only, so reloading a page or downloading an
export shows the same numbers and cannot average the noise away.

A release adds, over the people it covers, integer coordinates in which one person moves each
coordinate by a bounded amount:

- ``COUNT_WEIGHT`` for the person (how many answered), and, per domain (or statement), another
  ``COUNT_WEIGHT`` if they rated anything in it on the scale;
- per domain (or statement), their score there (0-100) minus 50, so between -50 and 50.

Every coordinate gets discrete Gaussian noise of one scale, chosen so that the release is
rho-zero-concentrated differentially private: drawn by the exact sampler of Canonne, Kamath and
Steinke, "The Discrete Gaussian for Differential Privacy" (NeurIPS 2020, Algorithms 1-3; the
mechanism of the 2020 US Census), in integer arithmetic from the operating system's random
source, so that no floating-point rounding can leak what the noise hides. Scores are then
read as 50 plus the noisy sum over the noisy count of raters; ``COUNT_WEIGHT`` makes the counts
50 times more precise than they would be at weight 1, for little more noise on the sums.
"""

import math
import secrets
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction

from questionnaire.scoring import MAX_POINTS, POINTS

COUNT_WEIGHT = 50  # how much one person moves a count coordinate (see above)
CENTER = 50  # scores are added as (score - 50): one person moves a sum by at most 50
# The budget of one person, per perspective and assessment, is split: most for the domain
# figures every release has; the rest for statement by statement figures, spent only when a
# group has enough answers for them to be read (docs/privacy.md).
DOMAIN_SHARE = 0.64  # of rho: mu 0.8 of mu 1, as Gaussian DP composes (0.8² + 0.6² = 1)
STATEMENT_SHARE = 0.36
Z90 = 1.645  # a 90% margin of error, for a normal error


@dataclass(frozen=True)
class InviteeAnswer:
    respondent: int
    item_id: int
    value: str


@dataclass(frozen=True)
class Cell:
    """What is measured in one coordinate group: a domain (with its items' weights) or a
    single statement."""

    key: int
    weights: dict[int, int]  # item id -> weight


def respondent_scores(
    answers: Iterable[InviteeAnswer], cells: list[Cell]
) -> dict[int, dict[int, int]]:
    """{respondent: {cell key: score 0-100}} for the cells each respondent rated on the scale
    (a domain's score is the weighted mean of its rated statements, in whole points)."""
    by_person: dict[int, dict[int, int]] = defaultdict(dict)
    for answer in answers:
        by_person[answer.respondent]  # a respondent who rated nothing still counts as one
        if answer.value in POINTS:
            by_person[answer.respondent][answer.item_id] = POINTS[answer.value]
    scores: dict[int, dict[int, int]] = {}
    for person, points in by_person.items():
        scores[person] = {}
        for cell in cells:
            rated = [(w, points[i]) for i, w in cell.weights.items() if i in points and w > 0]
            if rated:
                total = sum(w for w, _ in rated)
                mean = sum(w * p for w, p in rated) / total
                scores[person][cell.key] = round(100 * mean / MAX_POINTS)
    return scores


def release_vector(scores: dict[int, dict[int, int]], cells: list[Cell]) -> list[int]:
    """The exact sums a release adds noise to: [answers, (raters, centered sum) per cell]."""
    vector = [COUNT_WEIGHT * len(scores)]
    for cell in cells:
        rated = [person[cell.key] for person in scores.values() if cell.key in person]
        vector += [COUNT_WEIGHT * len(rated), sum(score - CENTER for score in rated)]
    return vector


def sensitivity(cells: int) -> int:
    """How far one person can move the vector of a release over ``cells`` cells (L2), rounded
    up: their own count, and per cell a count and a score of at most 50 either way."""
    return math.ceil(math.sqrt(COUNT_WEIGHT**2 * (1 + cells) + CENTER**2 * cells))


def noise_scale(cells: int, rho: float) -> float:
    """The Gaussian scale that makes a release over ``cells`` cells rho-zCDP."""
    return sensitivity(cells) / math.sqrt(2 * rho)


def noisy(vector: list[int], *, scale: float, cells: int, rho: float, rng=None) -> list[int]:
    """``vector`` with discrete Gaussian noise of ``scale`` on each coordinate, after checking
    that the release spends no more than ``rho``. ``rng`` (a ``random.Random``) only for tests
    of the sampler; releases draw from the operating system (``secrets``)."""
    # sigma² a little above scale² (rounded up to a thousandth), so never less private.
    sigma2 = Fraction(math.ceil(scale * scale * 1000), 1000)
    spent = Fraction(sensitivity(cells) ** 2) / (2 * sigma2)
    if spent > rho * (1 + 1e-9):
        raise ValueError(f"A release would spend rho {float(spent)}, more than its budget {rho}.")
    rng = rng or secrets.SystemRandom()
    return [value + discrete_gaussian(sigma2, rng) for value in vector]


def _bernoulli(p: Fraction, rng) -> bool:
    return rng.randrange(p.denominator) < p.numerator


def _bernoulli_exp(gamma: Fraction, rng) -> bool:
    """True with probability exp(-gamma), for a rational gamma >= 0 (CKS20, Algorithm 1)."""
    while gamma > 1:
        if not _bernoulli_exp(Fraction(1), rng):
            return False
        gamma -= 1
    k = 1
    while _bernoulli(gamma / k, rng):
        k += 1
    return k % 2 == 1


def _discrete_laplace(t: int, rng) -> int:
    """An integer with probability proportional to exp(-|x| / t) (CKS20, Algorithm 2)."""
    while True:
        u = rng.randrange(t)
        if not _bernoulli_exp(Fraction(u, t), rng):
            continue
        v = 0
        while _bernoulli_exp(Fraction(1), rng):
            v += 1
        x = u + t * v
        negative = rng.randrange(2) == 1
        if negative and x == 0:
            continue
        return -x if negative else x


def discrete_gaussian(sigma2: Fraction, rng) -> int:
    """An integer with probability proportional to exp(-x² / (2 sigma²)) (CKS20, Algorithm 3)."""
    t = math.isqrt(math.floor(sigma2)) + 1  # floor(sigma) + 1
    while True:
        y = _discrete_laplace(t, rng)
        if _bernoulli_exp((abs(y) - sigma2 / t) ** 2 / (2 * sigma2), rng):
            return y


@dataclass
class StoredRelease:
    """One stored release, as the database keeps it: noisy coordinates, in the order of
    ``release_vector``, for the cells named in ``keys``."""

    keys: list[int]
    values: list[int]
    scale: float


@dataclass
class Estimate:
    """A figure read from releases: its value and its 90% margin of error."""

    value: float
    margin: float


@dataclass
class Combined:
    answers: float  # estimated people who answered
    cells: dict[int, Estimate] = field(default_factory=dict)  # only cells that may be shown


def combine(releases: list[StoredRelease], *, min_raters: float) -> Combined:
    """Add up the releases of one perspective and kind (post-processing: free of privacy
    cost). A cell is shown when its estimated raters reach ``min_raters``; its score is 50
    plus the noisy sum over the noisy raters, kept between 0 and 100, with a 90% margin from
    the known noise."""
    answers = 0.0
    raters: dict[int, float] = defaultdict(float)
    sums: dict[int, float] = defaultdict(float)
    variance: dict[int, float] = defaultdict(float)  # of the noise of each cell's coordinates
    for release in releases:
        answers += release.values[0] / COUNT_WEIGHT
        for n, key in enumerate(release.keys):
            raters[key] += release.values[1 + 2 * n] / COUNT_WEIGHT
            sums[key] += release.values[2 + 2 * n]
            variance[key] += release.scale**2
    combined = Combined(answers=answers)
    for key, count in raters.items():
        if count < min_raters:
            continue
        centered = max(-CENTER, min(CENTER, sums[key] / count))
        # The error of a ratio: the sum's noise, and the count's scaled by the mean.
        spread = math.sqrt(variance[key] * (1 + (centered / COUNT_WEIGHT) ** 2)) / count
        combined.cells[key] = Estimate(CENTER + centered, min(100.0, Z90 * spread))
    return combined


def rounded(score: float) -> int:
    """A released score as shown: to the nearest 5, since its noise is larger than that."""
    return int(5 * round(score / 5))


def answers_label(estimate: float, shown_from: int) -> str:
    """How many answered, as the agency reads it: never exact."""
    if estimate < shown_from:
        return f"fewer than {shown_from}"
    return f"about {rounded(estimate)}"


# The guarantee, in the terms docs/privacy.md states it. A release of noise scale s over
# coordinates one person moves by a vector of length d is (d/s)-Gaussian DP (Dong, Roth and Su,
# "Gaussian differential privacy", 2019); rho-zCDP of the Gaussian is mu = sqrt(2 rho), and
# Gaussian DP composes as the root of the sum of squares.


def _normal_cdf(x: float) -> float:
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


def best_accuracy(mu: float) -> float:
    """The highest accuracy any test can reach, on even odds, telling apart two situations
    that a mu-Gaussian-DP release separates (whatever else the tester knows): Phi(mu/2)."""
    return _normal_cdf(mu / 2)


def epsilon_at(mu: float, delta: float = 1e-6) -> float:
    """The (epsilon, delta)-DP that mu-Gaussian DP implies (Dong, Roth and Su, Corollary
    2.13): the epsilon at which delta(epsilon) falls to ``delta``."""

    def delta_of(epsilon: float) -> float:
        return _normal_cdf(-epsilon / mu + mu / 2) - math.exp(epsilon) * _normal_cdf(
            -epsilon / mu - mu / 2
        )

    low, high = 0.0, 100.0
    for _ in range(200):
        middle = (low + high) / 2
        low, high = (middle, high) if delta_of(middle) > delta else (low, middle)
    return high


@dataclass(frozen=True)
class Guarantee:
    """What one person's answers are protected by, per perspective and assessment."""

    presence_mu: float  # whether they answered at all (and everything they answered)
    content_mu: float  # all lowest against all highest, given that they answered
    epsilon: float  # (epsilon, 1e-6)-DP, for those who read guarantees in epsilon

    @property
    def presence_accuracy(self) -> float:
        return best_accuracy(self.presence_mu)

    @property
    def content_accuracy(self) -> float:
        return best_accuracy(self.content_mu)


def guarantee(rho: float, *, domains: int, statements: int) -> Guarantee:
    """The guarantee of a perspective asked ``statements`` statements in ``domains`` domains,
    with both its releases made (the most a person's answers are ever used)."""
    domain_mu = 2 * CENTER * math.sqrt(domains) / noise_scale(domains, rho * DOMAIN_SHARE)
    statement_mu = (
        2 * CENTER * math.sqrt(statements) / noise_scale(statements, rho * STATEMENT_SHARE)
    )
    presence = math.sqrt(2 * rho)
    return Guarantee(
        presence_mu=presence,
        content_mu=math.hypot(domain_mu, statement_mu),
        epsilon=epsilon_at(presence),
    )
