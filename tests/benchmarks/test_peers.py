"""Peer benchmarks: figures computed by the database, what may be shown, the results page
and the PDF."""

import statistics
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from accounts.models import Agency
from benchmarks.peers import build_peer_figures, peer_comparison, peer_figures
from guidance.models import Domain, Item
from guidance.selectors import guidance_domains
from questionnaire.models import Assessment
from questionnaire.scored import assessment_scored
from tests.factories import answer_all
from tests.html import page_text
from tests.pdf import pdf_text, requires_pdf
from tests.peer_data import many_peers, peer_agency, scored, submitted

pytestmark = pytest.mark.django_db

# Hand-computed: in rising order 7 15 29 40 40 51 58 63 66 72 88 95 (12 scores). The 25th
# percentile lies 11 × 0.25 = 2.75 places above the lowest: 29 + 0.75 × (40 - 29) = 37.25;
# the median 5.5 places: 51 + 0.5 × (58 - 51) = 54.5; the 75th 8.25 places: 66 + 0.25 × 6 = 67.5.
SCORES = [72, 15, 40, 88, 40, 63, 29, 95, 51, 7, 66, 58]
QUARTILES = (37.25, 54.5, 67.5)


def spread(figures, key="all", measure=None):
    found = figures.groups[key].spreads[measure]
    return (found.low, found.median, found.high)


def results_url(assessment):
    return reverse("assessment_results", args=[assessment.pk])


class TestFigures:
    def test_quartiles_match_a_hand_computed_example(self):
        for n, score in enumerate(SCORES):
            scored(peer_agency(n), score, {"buy-in": score // 2})
        figures = build_peer_figures(10)
        assert spread(figures) == QUARTILES
        assert figures.groups["all"].agencies == 12
        buy_in = figures.groups["all"].spreads
        halves = sorted(s // 2 for s in SCORES)  # 3 7 14 20 20 25 29 31 33 36 44 47
        assert halves[2] + 0.75 * (halves[3] - halves[2]) == 18.5
        assert [v for k, v in buy_in.items() if k is not None][0].low == 18.5

    @pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own function")
    def test_quartiles_are_those_of_postgresqls_percentile_cont(self):
        for n, score in enumerate([*SCORES, 3, 99, 41, 41, 60]):
            scored(peer_agency(n), score)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY score) "
                "FROM questionnaire_submittedscore WHERE domain_id IS NULL"
            )
            expected = tuple(cursor.fetchone()[0])
        assert spread(build_peer_figures(10)) == expected

    def test_each_agency_counts_once_with_its_latest_submitted_assessment(self):
        agencies = many_peers(10, overall=50)
        scored(agencies[0], 100, submitted_at=timezone.now() - timedelta(days=400))  # older
        for agency in agencies[5:]:
            scored(agency, 10)  # newer: replaces its 50
        Assessment.objects.create(agency=agencies[1])  # a draft counts for nothing
        figures = build_peer_figures(10)
        assert figures.groups["all"].agencies == 10
        # Five 10s and five 50s, the 100 nowhere.
        assert spread(figures) == (10, 30, 50)

    def test_agencies_that_do_not_share_count_nowhere(self):
        many_peers(10, overall=50)
        for n in range(20, 25):
            scored(peer_agency(n, shares=False), 90)
        figures = build_peer_figures(10)
        assert figures.groups["all"].agencies == 10
        assert spread(figures) == (50, 50, 50)

    def test_an_assessment_that_rated_nothing_counts_nowhere(self):
        many_peers(10, overall=50)
        scored(peer_agency(99), None)
        assert build_peer_figures(10).groups["all"].agencies == 10

    def test_under_the_minimum_no_group_is_shown(self):
        many_peers(9)
        assert build_peer_figures(10).groups == {}

    def test_a_score_too_few_agencies_rated_is_not_shown(self):
        agencies = many_peers(10)
        for agency in agencies[:9]:
            scored(agency, 50, {"buy-in": 40, "partnerships": 30})
        scored(agencies[9], 50, {"buy-in": 40, "partnerships": None})
        spreads = build_peer_figures(10).groups["all"].spreads
        buy_in = Domain.objects.get(slug="buy-in").pk
        assert set(spreads) == {None, buy_in}  # overall and buy-in; not partnerships (9)

    def test_a_group_that_differs_from_another_by_one_agency_is_not_shown(self):
        many_peers(11, agency_type="municipal", size="25-99", state="OH")
        peer_agency(50, agency_type="sheriff", size="25-99", state="OH")
        scored(Agency.objects.get(slug="peer-agency-050"), 50)
        groups = build_peer_figures(10).groups
        # "All" (12) minus "municipal" (11) would be the sheriff's office alone.
        assert "all" in groups and "type:municipal" not in groups
        # Size and region hold the same 12 agencies as "all": nothing to subtract.
        assert {"size:25-99", "region:midwest"} <= set(groups)

    def test_statements_are_counted_only_when_enough_agencies_rated_them(self):
        for n in range(10):
            submitted(peer_agency(n), "largely", **{"buy-in-promises-kept": "dont_know"})
        figures = build_peer_figures(10)
        statements = figures.statements
        assert all(counts == [0, 0, 0, 10, 0] for counts in statements.values())
        active = Item.objects.filter(is_active=True).count()
        assert len(statements) == active - 1  # every statement but the one nobody rated


class TestQuartilesProperty(HypothesisTestCase):
    """Against Python's own quartiles (linear interpolation, as percentile_cont)."""

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(st.integers(min_value=0, max_value=100), min_size=3, max_size=30))
    def test_quartiles_are_the_inclusive_quartiles_of_the_scores(self, scores):
        for n, score in enumerate(scores):
            scored(peer_agency(n), score)
        expected = tuple(statistics.quantiles(scores, n=4, method="inclusive"))
        assert spread(build_peer_figures(3)) == pytest.approx(expected, abs=1e-9)


class TestFreshness:
    """Nothing is cached: every figure follows what the database holds, however it got there."""

    def test_a_submission_counts_from_the_next_request_on(self):
        many_peers(10, overall=50)
        assert peer_figures().groups["all"].agencies == 10
        submitted(peer_agency(99), "fully")
        assert peer_figures().groups["all"].agencies == 11

    def test_a_reassessment_replaces_the_agencys_scores_and_it_counts_once(self):
        many_peers(10, overall=50)
        agency = peer_agency(99)
        submitted(agency, "not_in_place")
        submitted(agency, "fully")
        figures = peer_figures()
        assert figures.groups["all"].agencies == 11
        assert figures.groups["all"].spreads[None].high == 50  # 100 is one agency's, above

    def test_an_admin_edit_of_another_agencys_type_moves_it_between_groups_at_once(self):
        many_peers(20, overall=50, agency_type="municipal")
        many_peers(10, first=40, overall=70, agency_type="sheriff")
        assert peer_figures().groups["type:sheriff"].agencies == 10
        moved = Agency.objects.filter(agency_type="municipal").first()
        moved.agency_type = "sheriff"
        moved.save()  # as the admin saves it
        groups = peer_figures().groups
        assert groups["type:sheriff"].agencies == 11
        assert groups["type:municipal"].agencies == 19

    def test_opting_out_removes_the_agency_from_every_figure_at_once(
        self, alice_client, alice, springfield, django_capture_on_commit_callbacks
    ):
        many_peers(10, overall=20, agency_type="municipal", state="IL")
        springfield.shares_in_peer_benchmarks = True
        springfield.save()
        own = submitted(springfield, "fully")
        assert peer_figures().groups["all"].agencies == 11
        page = page_text(alice_client.get(results_url(own)))
        assert "All participating agencies (11 agencies)" in page
        with django_capture_on_commit_callbacks(execute=True):
            alice_client.post(reverse("peer_sharing"), {"shares": "no"})
        assert peer_figures().groups["all"].agencies == 10
        assert spread(peer_figures()) == (20, 20, 20)
        page = page_text(alice_client.get(results_url(own)))
        assert "All participating agencies (10 agencies)" in page
        assert "Your agency does not count in these figures." in page


@pytest.fixture
def sharing_springfield(springfield):
    springfield.shares_in_peer_benchmarks = True
    springfield.save()
    return springfield


class TestResultsPage:
    def test_the_agency_sees_its_scores_beside_its_groups(self, alice_client, sharing_springfield):
        many_peers(10, overall=40, agency_type="municipal", size="100-249", state="IL")
        many_peers(10, first=20, overall=80, agency_type="sheriff", size="1-24", state="TX")
        own = submitted(sharing_springfield, "partly")
        text = page_text(alice_client.get(results_url(own)))
        assert "Your agency beside its peers" in text
        assert "All participating agencies (21 agencies)" in text
        assert "Agencies of your type: Municipal police department (11 agencies)" in text
        assert "Agencies of your size: 100 to 499 sworn officers (11 agencies)" in text
        assert "Agencies in your region: Midwest (11 agencies)" in text
        assert "Overall 50 40 (40 to 40)" in text  # yours, the median (middle half)
        assert (
            "Overall: your agency 50; participating agencies' median 50, middle half 40 to 80."
            in text
        )
        assert "Your agency counts in these figures, without its name." in text

    def test_under_the_minimum_the_page_says_so_and_shows_no_figure(self, alice_client, draft):
        many_peers(9, overall=40)
        answer_all(draft, "partly")
        text = page_text(alice_client.get(results_url(draft)))
        assert "Not enough agencies share their results yet for a comparison." in text
        assert "9 agencies" not in text and "Middle half" not in text

    def test_a_draft_is_compared_too_marked_provisional(self, alice_client, draft):
        many_peers(10, overall=40)
        answer_all(draft, "partly")
        text = page_text(alice_client.get(results_url(draft)))
        assert "Your scores here are provisional" in text
        assert "All participating agencies (10 agencies)" in text

    def test_statements_where_most_peers_are_further_along_are_marked(self, alice_client, draft):
        for n in range(10):
            submitted(peer_agency(n), "largely")
        answer_all(draft, "largely", **{"buy-in-promises-kept": "planned"})
        text = page_text(alice_client.get(results_url(draft)))
        assert "Statements where most peers are further along" in text
        marked = text.split("Statements where most peers are further along")[1]
        assert "You answered planned or under discussion." in marked
        assert "Deliver on the promises made to the community (Report, pp. 19-20)" in marked
        assert marked.count("You answered") == 1

    def test_a_member_is_told_the_owner_chooses_whether_the_agency_shares(self, bob, draft):
        from tests.conftest import client_for

        many_peers(10)
        text = page_text(client_for(bob).get(results_url(draft)))
        assert "Your agency does not count in these figures." in text
        assert "Your agency's owner chooses whether it shares" in text

    def test_the_peer_block_takes_the_same_queries_whatever_the_number_of_agencies(
        self, sharing_springfield
    ):
        def queries(count: int, first: int) -> int:
            for n in range(first, first + count):
                submitted(peer_agency(n, state="IL" if n % 2 else "TX"), "partly")
            own = submitted(sharing_springfield, "largely")
            own = Assessment.objects.select_related("agency").get(pk=own.pk)
            own_scores, domains = assessment_scored(own, notes=False), guidance_domains()
            with CaptureQueriesContext(connection) as counted:
                comparison = peer_comparison(own_scores, domains=domains)
            assert comparison.tables
            return len(counted)

        small, large = queries(12, 100), queries(30, 200)
        assert small == large
        assert small <= 5  # the figures (three queries) and the statements behind


@requires_pdf
class TestPdf:
    def test_the_pdf_sets_the_agency_beside_its_peers(self, alice_client, sharing_springfield):
        many_peers(10, overall=40, agency_type="municipal", state="IL")
        own = submitted(sharing_springfield, "partly")
        response = alice_client.get(reverse("assessment_plan_pdf", args=[own.pk]))
        text = pdf_text(response.content)
        assert "The agency beside its peers" in text
        assert "All participating agencies (11 agencies)" in text
        assert "The agency counts in these figures" in text

    def test_under_the_minimum_the_pdf_shows_no_peer_figure(self, alice_client, draft):
        many_peers(9, overall=40)
        answer_all(draft, "partly")
        text = pdf_text(alice_client.get(reverse("assessment_plan_pdf", args=[draft.pk])).content)
        assert "Not enough agencies share their results yet" in text
        assert "All participating agencies" not in text
