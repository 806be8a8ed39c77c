"""Peer groups and the rules that decide what may be shown (plain arithmetic, no database)."""

from hypothesis import given
from hypothesis import strategies as st

from accounts.models import Agency
from accounts.states import US_STATES
from benchmarks.groups import (
    ALL_AGENCIES,
    CENSUS_REGIONS,
    SIZE_BANDS,
    PeerGroup,
    agency_groups,
    candidate_groups,
    census_region,
    complete_breakdowns,
    group_count,
    overlap_count,
    shown_groups,
    size_band,
    suppress_partition,
)

MUNICIPAL = PeerGroup("type", "municipal", "Municipal police department")
SHERIFF = PeerGroup("type", "sheriff", "Sheriff's office")
SMALL = PeerGroup("size", "1-24", "1 to 24 sworn officers")
MIDWEST = PeerGroup("region", "midwest", "Midwest")


def test_every_sign_up_size_falls_in_exactly_one_band():
    for size in Agency.Size.values:
        assert sum(size in sizes for _, _, sizes in SIZE_BANDS) == 1, size
    assert size_band("250-499") == "100-499"
    assert size_band("1000+") == "500+"


def test_every_state_dc_and_territory_falls_in_exactly_one_region():
    for code, _ in US_STATES:
        assert sum(code in states for _, _, states in CENSUS_REGIONS) == 1, code
    assert census_region("DC") == "south"
    assert census_region("IL") == "midwest"
    assert census_region("PR") == "territories"


def test_an_agency_belongs_to_all_its_type_its_size_and_its_region():
    agency = Agency(agency_type="sheriff", sworn_officers="25-99", state="WA")
    assert [g.key for g in agency_groups(agency)] == [
        "all", "type:sheriff", "size:25-99", "region:west"
    ]  # fmt: skip


def test_a_group_under_the_minimum_is_not_shown():
    cells = {("municipal", "1-24", "midwest"): 9}
    assert shown_groups(cells, 10) == []
    cells = {("municipal", "1-24", "midwest"): 10}
    assert ALL_AGENCIES in shown_groups(cells, 10)


def test_two_groups_that_differ_by_one_agency_are_never_both_shown():
    # 20 municipal agencies and one sheriff's office: "all" minus "municipal" would be the
    # sheriff's office alone.
    cells = {("municipal", "1-24", "midwest"): 20, ("sheriff", "1-24", "south"): 1}
    shown = shown_groups(cells, 10)
    assert ALL_AGENCIES in shown
    assert MUNICIPAL not in shown and MIDWEST not in shown
    # The same 21 agencies as "all": subtracting one from the other leaves nobody.
    assert SMALL in shown


def test_groups_that_differ_by_at_least_the_minimum_are_both_shown():
    cells = {("municipal", "1-24", "midwest"): 20, ("sheriff", "25-99", "south"): 10}
    shown = shown_groups(cells, 10)
    assert {ALL_AGENCIES, MUNICIPAL, SHERIFF} <= set(shown)


def test_a_small_group_gives_way_to_the_larger_group_it_overlaps():
    # 30 small agencies, 12 of them sheriff's offices; 3 more sheriff's offices are not small.
    cells = {
        ("municipal", "1-24", "midwest"): 18,
        ("sheriff", "1-24", "midwest"): 12,
        ("sheriff", "25-99", "midwest"): 3,
        ("municipal", "25-99", "midwest"): 40,
    }
    shown = shown_groups(cells, 10)
    assert SMALL in shown  # 30 agencies, considered before the 15 sheriff's offices
    assert SHERIFF not in shown  # only 3 sheriff's offices are not small


@given(
    st.dictionaries(
        st.tuples(
            st.sampled_from(["municipal", "sheriff", "campus"]),
            st.sampled_from(["1-24", "25-99", "500+"]),
            st.sampled_from(["midwest", "south", "territories"]),
        ),
        st.integers(min_value=0, max_value=40),
        max_size=12,
    ),
    st.integers(min_value=2, max_value=12),
)
def test_no_two_shown_groups_can_be_subtracted_to_describe_fewer_than_the_minimum(cells, minimum):
    shown = complete_breakdowns(shown_groups(cells, minimum), cells, minimum)
    for a in shown:
        assert group_count(a, cells) >= minimum
        for b in shown:
            only_a = group_count(a, cells) - overlap_count(a, b, cells)
            assert only_a == 0 or only_a >= minimum, (a, b)
    everyone = group_count(ALL_AGENCIES, cells)
    for kind in ("type", "size", "region"):
        if any(g.kind == kind for g in shown):
            rest = everyone - sum(group_count(g, cells) for g in shown if g.kind == kind)
            assert rest == 0 or rest >= minimum, kind


def test_a_breakdown_hides_one_more_group_when_the_hidden_ones_are_too_few():
    cells = {
        ("municipal", "1-24", "midwest"): 30,
        ("municipal", "1-24", "south"): 20,
        ("municipal", "1-24", "territories"): 3,
    }
    shown = complete_breakdowns(shown_groups(cells, 10), cells, 10)
    regions = [g.value for g in shown if g.kind == "region"]
    # The territories (3) hidden alone would be "all" minus the others: the South goes too.
    assert regions == ["midwest"]


def test_candidate_groups_cover_every_type_band_and_region_once():
    keys = [g.key for g in candidate_groups()]
    assert (
        len(keys) == len(set(keys)) == 1 + len(Agency.Type) + len(SIZE_BANDS) + len(CENSUS_REGIONS)
    )


class TestSuppressPartition:
    def test_counts_at_or_above_the_minimum_are_shown(self):
        assert suppress_partition([10, 25, 40], 10) == [10, 25, 40]

    def test_a_count_under_the_minimum_hides_the_next_smallest_too(self):
        # Alone, the hidden 3 would be the total minus the others.
        assert suppress_partition([3, 25, 40], 10) == [None, None, 40]

    def test_hidden_counts_must_hold_at_least_the_minimum_together(self):
        assert suppress_partition([2, 3, 12, 40], 10) == [None, None, None, 40]

    def test_zero_counts_are_hidden_but_need_no_company(self):
        assert suppress_partition([0, 25, 40, 0], 10) == [None, 25, 40, None]

    def test_a_count_whose_rest_is_under_the_minimum_is_hidden(self):
        # 45 of 48 agencies have a gap: the 3 without one would show by subtraction.
        assert suppress_partition([45, 3], 10) == [None, None]
        assert suppress_partition([48, 0], 10) == [48, None]

    @given(st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=8))
    def test_no_hidden_count_can_be_worked_out_from_the_shown_ones(self, counts):
        shown = suppress_partition(counts, 10)
        hidden = [c for c, s in zip(counts, shown, strict=True) if s is None]
        assert all(s is None or s >= 10 for s in shown)
        assert (
            sum(hidden) == 0
            or (len(hidden) >= 2 and sum(hidden) >= 10)
            or (len(hidden) == len(counts))
        )
