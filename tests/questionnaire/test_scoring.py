"""The scoring model (docs/scoring.md): plain functions, no database."""

from hypothesis import given
from hypothesis import strategies as st

from questionnaire.scoring import (
    POINTS,
    THRESHOLDS,
    ItemInput,
    inputs_from_snapshot,
    level_for,
    score_assessment,
    score_section,
    snapshot_from_inputs,
)

SCALE = list(POINTS)  # not_in_place ... fully
VALUES = [*SCALE, "dont_know", ""]


def item(item_id=1, domain=1, value="", weight=1, foundational=False, suggestion=None):
    return ItemInput(item_id, domain, suggestion or item_id, weight, foundational, value)


class TestSectionScore:
    def test_nothing_answered_has_no_score_and_no_coverage(self):
        score = score_section([item(1), item(2)])
        assert (score.score, score.level, score.rated, score.total) == (None, None, 0, 2)
        assert score.coverage == 0

    def test_everything_dont_know_has_no_score_and_counts_as_answered(self):
        score = score_section([item(1, value="dont_know"), item(2, value="dont_know")])
        assert score.score is None
        assert (score.dont_know, score.answered, score.coverage) == (2, 2, 0)

    def test_a_section_with_no_items_has_no_score(self):
        score = score_section([])
        assert (score.score, score.total, score.coverage) == (None, 0, 0)

    def test_all_maximum_scores_100_and_is_sustaining(self):
        score = score_section([item(n, value="fully") for n in range(4)])
        assert (score.score, score.level.key, score.coverage) == (100, "sustaining", 100)

    def test_all_partly_scores_50_and_all_largely_75(self):
        assert score_section([item(n, value="partly") for n in range(3)]).score == 50
        assert score_section([item(n, value="largely") for n in range(3)]).score == 75

    def test_dont_know_lowers_coverage_not_the_score(self):
        score = score_section([item(1, value="fully"), item(2, value="dont_know")])
        assert (score.score, score.coverage) == (100, 50)

    def test_weights_count(self):
        score = score_section([item(1, value="fully", weight=3), item(2, value="not_in_place")])
        assert score.score == 75  # (3*4 + 1*0) / (4*4)


class TestLevels:
    def test_thresholds_are_the_only_bands(self):
        assert [level_for(s).key for s in (0, 34.9, 35, 59.9, 60, 84.9, 85, 100)] == [
            "getting_started", "getting_started", "developing", "developing",
            "established", "established", "sustaining", "sustaining",
        ]  # fmt: skip
        assert THRESHOLDS[-1][0] == 0

    def test_no_score_has_no_level(self):
        assert level_for(None) is None


class TestAssessment:
    def test_overall_is_the_mean_of_the_scored_sections(self):
        results = score_assessment(
            [item(1, 1, "fully"), item(2, 2, "partly"), item(3, 3, "dont_know")], [1, 2, 3]
        )
        assert results.overall.score == 75
        assert results.domains[3].score is None
        assert list(results.domains) == [1, 2, 3]

    def test_a_domain_without_active_items_is_listed_without_a_score(self):
        results = score_assessment([item(1, 1, "fully")], [1, 2])
        assert results.domains[2].score is None and results.domains[2].total == 0
        assert results.overall.score == 100

    def test_nothing_answered_anywhere(self):
        results = score_assessment([item(1, 1), item(2, 2)], [1, 2])
        assert results.overall.score is None and results.gaps == [] and results.strengths == []

    def test_gaps_are_items_below_largely_and_dont_knows_strengths_the_rest(self):
        items = [item(n, 1, value) for n, value in enumerate(VALUES)]
        results = score_assessment(items, [1])
        assert {g.value: g.kind for g in results.gaps} == {
            "not_in_place": "act", "planned": "act", "partly": "act", "dont_know": "find_out"
        }  # fmt: skip
        assert results.strengths == [3, 4]

    def test_foundational_gaps_come_first_then_the_largest_shortfall_then_the_weaker_domain(
        self,
    ):
        items = [
            item(1, 1, "partly"),
            item(2, 1, "fully"),
            item(3, 2, "not_in_place"),
            item(4, 2, "planned", foundational=True),
            item(5, 3, "not_in_place"),
            item(6, 3, "not_in_place"),
            item(7, 1, "dont_know"),
        ]
        results = score_assessment(items, [1, 2, 3])
        # Domain scores: 1 -> 75, 2 -> 12.5, 3 -> 0.
        assert [g.item_id for g in results.gaps] == [4, 5, 6, 3, 7, 1]

    def test_a_snapshot_round_trips_to_the_same_results(self):
        items = [item(n, n % 3, VALUES[n % len(VALUES)], weight=1 + n % 4) for n in range(12)]
        again, domains = inputs_from_snapshot(snapshot_from_inputs(items, [0, 1, 2]))
        assert score_assessment(again, domains) == score_assessment(items, [0, 1, 2])


items_strategy = st.lists(
    st.builds(
        ItemInput,
        item_id=st.integers(1, 10_000),
        domain_id=st.integers(1, 5),
        suggestion_id=st.integers(1, 12),
        weight=st.integers(1, 5),
        foundational=st.booleans(),
        value=st.sampled_from(VALUES),
    ),
    max_size=30,
    unique_by=lambda i: i.item_id,
)


@given(items_strategy)
def test_every_score_stays_between_0_and_100(items):
    results = score_assessment(items, [1, 2, 3, 4, 5])
    for score in [results.overall, *results.domains.values()]:
        assert score.score is None or 0 <= score.score <= 100
        assert 0 <= score.coverage <= 100


@given(items_strategy, st.data())
def test_raising_one_answer_never_lowers_its_domains_score(items, data):
    rated = [i for i in items if i.value in POINTS and i.value != "fully"]
    if not rated:
        return
    target = data.draw(st.sampled_from(rated))
    higher = data.draw(st.sampled_from(SCALE[SCALE.index(target.value) + 1 :]))
    raised = [ItemInput(**{**i.__dict__, "value": higher}) if i is target else i for i in items]
    before = score_assessment(items, [1, 2, 3, 4, 5])
    after = score_assessment(raised, [1, 2, 3, 4, 5])
    assert after.domains[target.domain_id].score >= before.domains[target.domain_id].score
    assert after.overall.score >= before.overall.score


@given(items_strategy)
def test_every_gap_is_a_low_or_unknown_answer_linked_to_its_suggestion(items):
    by_id = {i.item_id: i for i in items}
    for gap in score_assessment(items, [1, 2, 3, 4, 5]).gaps:
        source = by_id[gap.item_id]
        assert gap.suggestion_id == source.suggestion_id
        assert source.value == "dont_know" or POINTS[source.value] < POINTS["largely"]
