"""The perception-gap arithmetic (plain functions)."""

from types import SimpleNamespace

from perspectives.scoring import (
    Column,
    ItemWeight,
    RatedAnswer,
    build_column,
    domain_scores,
    item_scores,
    perception_gaps,
)
from reports.charts import perspective_chart


def test_an_item_score_is_the_mean_of_the_respondents_points_out_of_100():
    answers = [
        RatedAnswer(1, 10, "fully"),  # 4
        RatedAnswer(2, 10, "partly"),  # 2
        RatedAnswer(3, 10, "dont_know"),  # left out
        RatedAnswer(4, 10, ""),  # left out
        RatedAnswer(1, 11, "not_in_place"),
    ]
    assert item_scores(answers) == {10: 75, 11: 0}


def test_an_item_nobody_rated_has_no_score():
    assert item_scores([RatedAnswer(1, 10, "dont_know")]) == {}


def test_a_domain_score_is_the_weighted_mean_of_its_item_scores():
    weights = [ItemWeight(10, 1, 3), ItemWeight(11, 1, 1), ItemWeight(12, 2, 1)]
    assert domain_scores({10: 100.0, 11: 0.0}, weights) == {1: 75.0}


def test_a_column_counts_distinct_respondents():
    column = build_column(
        "line_officers",
        "Line officers",
        [RatedAnswer(1, 10, "fully"), RatedAnswer(1, 11, "fully"), RatedAnswer(2, 10, "planned")],
        [ItemWeight(10, 1, 1), ItemWeight(11, 1, 1)],
    )
    assert column.respondents == 2
    assert column.items == {10: 63, 11: 100}


def test_items_that_differ_by_the_threshold_or_more_are_gaps_widest_first():
    columns = [
        Column("self", "Your own assessment", 1, items={1: 100.0, 2: 50.0, 3: 50.0, 4: 75.0}),
        Column("line_officers", "Line officers", 3, items={1: 25.0, 2: 25.0, 3: 40.0}),
        Column("residents", "Residents", 4, items={1: 50.0, 2: 50.0}),
    ]
    gaps = perception_gaps(columns, threshold=25)
    assert [(g.item_id, g.spread) for g in gaps] == [(1, 75.0), (2, 25.0)]
    assert gaps[0].high == ("Your own assessment", 100.0)
    assert gaps[0].low == ("Line officers", 25.0)
    assert gaps[0].keys == ("self", "line_officers")


def test_an_item_scored_by_one_column_only_is_never_a_gap():
    columns = [Column("self", "Yours", 1, items={1: 100.0}), Column("x", "X", 3, items={})]
    assert perception_gaps(columns, threshold=25) == []


def test_an_item_fewer_than_the_minimum_rated_has_no_score():
    answers = [
        RatedAnswer(1, 10, "fully"),
        RatedAnswer(2, 10, "dont_know"),
        RatedAnswer(3, 10, "dont_know"),
        RatedAnswer(1, 11, "partly"),
        RatedAnswer(2, 11, "partly"),
        RatedAnswer(3, 11, "fully"),
    ]
    assert item_scores(answers, minimum=3) == {11: 67}


def test_scores_are_whole_numbers():
    answers = [
        RatedAnswer(1, 10, "fully"),
        RatedAnswer(2, 10, "partly"),
        RatedAnswer(3, 10, "partly"),
    ]
    assert item_scores(answers) == {10: 67}


def test_the_chart_draws_each_domain_with_your_bar_then_each_perspective():
    results = SimpleNamespace(
        columns=[SimpleNamespace(label="Your own assessment"), SimpleNamespace(label="Residents")],
        domains=[
            (SimpleNamespace(title="Buy-in"), [100.0, 0.0], True),
            (SimpleNamespace(title="Partnerships"), [50.0, None], False),
        ],
    )
    chart = perspective_chart(results)
    assert [g.title for g in chart.groups] == ["Buy-in", "Partnerships"]
    buy_in = chart.groups[0].bars
    assert [(b.label, b.text, b.width) for b in buy_in] == [
        ("Your own assessment", "100", 330.0), ("Residents", "0", 0.0),
    ]  # fmt: skip
    assert buy_in[0].color != buy_in[1].color
    assert chart.groups[1].bars[1].text == "Not rated"
    assert chart.description == (
        "Buy-in (perception gap): Your own assessment 100; Residents 0. "
        "Partnerships: Your own assessment 50; Residents Not rated."
    )
    assert chart.height > chart.groups[-1].bars[-1].y
