"""The program view (/program/) and its CSV: figures across agencies for program staff."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from guidance.models import Suggestion
from perspectives.models import Invitation, PerspectiveResponse
from questionnaire.models import SubmittedScore
from tests.conftest import client_for
from tests.factories import items_of
from tests.html import page_text
from tests.peer_data import many_peers, peer_agency, submitted

pytestmark = pytest.mark.django_db
URL = reverse("program")
CSV_URL = reverse("program_csv")


@pytest.fixture
def priya(db) -> User:
    """Priya works for the organization that runs the tool: program staff, in no agency."""
    user = User.objects.create_user(
        "priya@program.example", "priya-password-123", full_name="Priya Program"
    )
    user.groups.add(Group.objects.get(name="Program staff"))
    return user


@pytest.fixture
def priya_client(priya):
    return client_for(priya)


@pytest.mark.django_db
def test_logging_in_takes_program_staff_to_the_program_view_and_others_to_their_agency(
    priya, alice
):
    from django.test import Client

    for user, password, landing in [
        (priya, "priya-password-123", "/program/"),
        (alice, "alice-password-123", "/assessments/"),
    ]:
        client = Client()
        response = client.post(
            "/accounts/login/", {"username": user.email, "password": password}, follow=True
        )
        assert response.redirect_chain[-1][0] == landing, user.email


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def invited(assessment, people: int) -> None:
    invitation = Invitation.objects.create(assessment=assessment, perspective="line_officers")
    PerspectiveResponse.objects.bulk_create(
        PerspectiveResponse(invitation=invitation, perspective="line_officers")
        for _ in range(people)
    )


class TestAccess:
    def test_program_staff_open_the_view_and_the_csv(self, priya_client):
        assert priya_client.get(URL).status_code == 200
        assert priya_client.get(CSV_URL).status_code == 200

    @pytest.mark.parametrize("person", ["alice", "bob", "charlie", "eve", "root"])
    def test_everyone_else_is_refused(self, request, person):
        client = client_for(request.getfixturevalue(person))
        for url in (URL, CSV_URL):
            response = client.get(url)
            assert response.status_code == 403
            assert "The program view is for program staff" in page_text(response)

    def test_program_staff_who_belong_to_an_agency_are_refused_and_told_why(self, alice):
        alice.groups.add(Group.objects.get(name="Program staff"))
        response = client_for(alice).get(URL)
        assert response.status_code == 403
        assert "also belongs to an agency" in page_text(response)
        assert client_for(alice).get(CSV_URL).status_code == 403


class TestFigures:
    def test_under_the_minimum_nothing_is_shown_anywhere(self, priya_client):
        many_peers(9)
        text = page_text(priya_client.get(URL))
        assert "Not enough agencies share their results yet" in text
        assert "Groups at a glance" not in text
        assert csv_rows(priya_client.get(CSV_URL)) == []

    def test_no_agency_name_or_person_appears_in_the_page_or_the_csv(
        self, priya_client, alice, springfield
    ):
        springfield.shares_in_peer_benchmarks = True
        springfield.save()
        many_peers(12)
        submitted(springfield, "partly")
        for response in (priya_client.get(URL), priya_client.get(CSV_URL)):
            content = response.content.decode()
            for secret in ("Peer Agency", "Springfield", "Alice", "alice@", "priya@", "Priya"):
                assert secret not in content, secret

    def test_the_groups_scores_levels_gaps_and_timeline_are_shown(self, priya_client):
        promises = {item.slug: "fully" for item in items_of("deliver-on-promises")}
        for n in range(12):
            submitted(peer_agency(n), "partly", **promises)
        text = page_text(priya_client.get(URL))
        scores = {
            s.domain.title if s.domain else "Overall": s.score
            for s in SubmittedScore.objects.filter(assessment__agency__slug="peer-agency-000")
        }  # every agency answered alike, so the median and the middle half are its scores
        overall, buy_in = scores["Overall"], scores["Buy-in"]
        assert f"All participating agencies 12 {overall} ({overall} to {overall})" in text
        assert f"Buy-in {buy_in} {buy_in} to {buy_in}" in text
        # Every agency is "developing" overall; the other levels (none) are hidden.
        assert "Overall hidden 12 (100%) hidden hidden hidden" in text
        gaps = text.split("Agencies with a gap, by report suggestion")[1]
        assert "Build trust and accountability in the community (Report, pp. 21-22) 12 (100%)" in (
            gaps
        )
        assert "Deliver on the promises made to the community" not in gaps  # nobody has it
        assert "Total 12 hidden" in text  # first assessments; reassessments under the minimum

    def test_a_count_under_the_minimum_is_hidden_in_the_page_and_the_csv(self, priya_client):
        agencies = many_peers(12)
        for agency in agencies[:3]:
            invited(agency.assessments.get(), 4)
        text = page_text(priya_client.get(URL))
        assert "answers from invited officers or community partners: hidden" in text
        assert "Participating agencies by group" in text
        rows = csv_rows(priya_client.get(CSV_URL))
        perspectives = [r for r in rows if r["table"] == "perspectives"]
        assert perspectives and all(r["value"] == "hidden" for r in perspectives)

    def test_a_count_with_enough_agencies_either_way_is_shown_with_its_share(self, priya_client):
        agencies = many_peers(20)
        for agency in agencies[:10]:
            invited(agency.assessments.get(), 3)
        text = page_text(priya_client.get(URL))
        assert "answers from invited officers or community partners: 10 (50%)." in text
        row = [r for r in csv_rows(priya_client.get(CSV_URL)) if r["table"] == "perspectives"]
        assert (row[0]["value"], row[0]["percent_of_group"]) == ("10", "50")
        invited(agencies[10].assessments.get(), 3)  # new answers show at once
        text = page_text(priya_client.get(URL))
        # 11 with perspectives, 9 without: the 9 would show by subtraction from 20.
        assert "answers from invited officers or community partners: hidden" in text

    def test_one_group_at_a_time_and_a_group_not_shown_cannot_be_asked_for(self, priya_client):
        many_peers(12, agency_type="municipal")
        many_peers(10, first=50, agency_type="sheriff", state="TX")
        text = page_text(priya_client.get(URL, {"group": "type:sheriff"}))
        assert "Type: Sheriff's office: 10 agencies" in text
        assert "Type: Campus police" not in text  # no campus agency
        for asked in ("type:campus", "nonsense"):
            text = page_text(priya_client.get(URL, {"group": asked}))
            assert "That group is not shown: it has too few agencies" in text
            assert "All participating agencies: 22 agencies" in text

    def test_the_csv_has_every_shown_group_and_is_safe_in_a_spreadsheet(self, priya_client):
        Suggestion.objects.filter(slug="build-trust-and-accountability").update(
            title="=HYPERLINK(1)"
        )
        many_peers(12, agency_type="municipal")
        many_peers(10, first=50, agency_type="sheriff", state="TX")
        for n in range(12):
            submitted(peer_agency(100 + n), "partly")
        response = priya_client.get(CSV_URL)
        assert response["Content-Type"].startswith("text/csv")
        assert "attachment; filename=" in response["Content-Disposition"]
        rows = csv_rows(response)
        groups = {r["group"] for r in rows}
        assert {"All participating agencies", "Type: Municipal police department"} <= groups
        assert any(r["row"].startswith("'=HYPERLINK(1)") for r in rows)
        assert not any(r["row"].startswith("=") for r in rows)

    def test_opting_out_removes_the_agency_from_the_program_view_at_once(
        self, priya_client, alice_client, springfield, django_capture_on_commit_callbacks
    ):
        many_peers(10)
        springfield.shares_in_peer_benchmarks = True
        springfield.save()
        submitted(springfield, "fully")
        assert "Participating agencies: 11." in page_text(priya_client.get(URL))
        with django_capture_on_commit_callbacks(execute=True):
            alice_client.post(reverse("peer_sharing"), {"shares": "no"})
        assert "Participating agencies: 10." in page_text(priya_client.get(URL))

    def test_demo_agencies_count_only_in_demo_mode_and_are_pointed_out(
        self, priya_client, settings
    ):
        from django.core.management import call_command

        call_command("seed_demo", agencies=15, seed=3, stdout=io.StringIO())
        text = page_text(priya_client.get(URL))
        assert "demo agencies" not in text and "Participating agencies" not in text
        settings.DEMO_MODE = True
        text = page_text(priya_client.get(URL))
        assert "Demo mode: these figures count" in text and "demo agencies" in text


def test_the_view_takes_the_same_queries_whatever_the_number_of_agencies(priya_client, settings):
    from django.core.management import call_command

    settings.DEMO_MODE = True
    def queries(agencies: int) -> int:
        call_command("seed_demo", agencies=agencies, seed=agencies, stdout=io.StringIO())
        priya_client.get(URL)  # the guidance's own cache, filled once per process
        with CaptureQueriesContext(connection) as cold:
            assert priya_client.get(URL).status_code == 200
        with CaptureQueriesContext(connection) as warm:
            priya_client.get(URL)
        return len(cold), len(warm)

    assert queries(30) == queries(90)
