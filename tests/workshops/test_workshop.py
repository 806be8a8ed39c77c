"""The command-staff workshop over HTTP: starting it, rating alone, the reveal, where the
raters differ, meeting mode and the agreed answers; who may see what, and when."""

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guidance.models import Item
from questionnaire.models import Response
from questionnaire.services import assessment_submit
from tests.conftest import client_for
from tests.factories import section_items, section_post
from tests.workshops.helpers import (
    make_dana,
    rate,
    rate_the_example,
    revealed,
    started,
    url,
)
from workshops.models import Rater, Rating, Workshop

pytestmark = pytest.mark.django_db


def text(response) -> str:
    """The page as a person reads it (entities such as &#x27; decoded)."""
    return html.unescape(response.content.decode())


@pytest.fixture
def dana(springfield):
    return make_dana(springfield)


@pytest.fixture
def workshop(draft, alice, bob, dana):
    return started(draft, alice, alice, bob, dana)


class TestStarting:
    def test_an_owner_starts_a_workshop_with_the_raters_she_picks(self, alice_client, draft, bob):
        page = alice_client.get(url("assessment_workshop", draft))
        assert "Start the workshop" in text(page)
        response = alice_client.post(
            url("assessment_workshop", draft),
            {"action": "start", "raters": [draft.created_by.pk, bob.pk], "anonymous": ""},
            follow=True,
        )
        assert "The workshop has started" in text(response)
        workshop = Workshop.objects.get(assessment=draft)
        assert sorted(workshop.raters.values_list("name", flat=True)) == [
            "Alice Chief",
            "Bob Deputy",
        ]
        assert not workshop.anonymous and not workshop.is_revealed

    def test_it_needs_at_least_two_raters_and_says_so(self, alice_client, draft, alice):
        response = alice_client.post(
            url("assessment_workshop", draft), {"action": "start", "raters": [alice.pk]}
        )
        assert "Choose at least 2 people to rate." in text(response)
        assert not Workshop.objects.exists()

    def test_a_person_from_another_agency_cannot_be_made_a_rater(
        self, alice_client, draft, alice, charlie
    ):
        response = alice_client.post(
            url("assessment_workshop", draft),
            {"action": "start", "raters": [alice.pk, charlie.pk]},
        )
        assert "Choose people from your team's list." in text(response)
        assert not Workshop.objects.exists()

    def test_a_member_cannot_start_one(self, draft, alice, bob):
        response = client_for(bob).post(
            url("assessment_workshop", draft), {"action": "start", "raters": [alice.pk, bob.pk]}
        )
        assert response.status_code == 403
        assert not Workshop.objects.exists()

    def test_a_submitted_assessment_gets_no_workshop(self, alice_client, draft, alice, bob):
        assessment_submit(assessment=draft, user=alice)
        response = alice_client.post(
            url("assessment_workshop", draft), {"action": "start", "raters": [alice.pk, bob.pk]}
        )
        assert "This assessment was submitted without a workshop" in text(response)
        assert not Workshop.objects.exists()

    def test_a_second_start_is_refused(self, alice_client, workshop, draft, alice, bob):
        response = alice_client.post(
            url("assessment_workshop", draft),
            {"action": "start", "raters": [alice.pk, bob.pk]},
            follow=True,
        )
        assert "already has a workshop" in text(response)
        assert Rater.objects.count() == 3


class TestRatingAlone:
    def test_a_rater_rates_a_section_and_the_assessments_answers_do_not_change(
        self, workshop, draft, bob
    ):
        client = client_for(bob)
        page = text(client.get(url("workshop_rate", draft, "buy-in")))
        assert "Who will see your ratings" in page
        assert "each rating with its rater's name" in page
        assert "Alice Chief, Bob Deputy, Dana Deputy" in page
        response = client.post(
            url("workshop_rate", draft, "buy-in"), section_post("buy-in", "largely")
        )
        assert response.status_code == 302
        assert response["Location"].endswith("/workshop/rate/partnerships/")
        rater = Rater.objects.get(user=bob)
        assert {r.value for r in rater.ratings.all()} == {"largely"}
        assert rater.ratings.count() == len(section_items("buy-in"))
        assert not Response.objects.filter(assessment=draft).exists()
        # Save and resume: the page shows the saved ratings.
        page = text(client.get(url("workshop_rate", draft, "buy-in")))
        assert page.count('value="largely" checked') == len(section_items("buy-in"))

    def test_neither_rater_sees_the_others_ratings_before_the_reveal(
        self, workshop, draft, alice, bob
    ):
        items = section_items("buy-in")
        rate(workshop, alice, dict.fromkeys(items, "fully"), note="Alice's private evidence")
        client = client_for(bob)
        for name, args in [
            ("assessment_workshop", []),
            ("workshop_rate", ["buy-in"]),
            ("workshop_finish", []),
            ("assessment_results", []),
        ]:
            response = client.get(url(name, draft, *args))
            page = text(response)
            assert response.status_code == 200, name
            assert "Alice's private evidence" not in page, name
            assert 'value="fully" checked' not in page, name
        assert client.get(url("workshop_differences", draft)).status_code == 403
        assert client.get(url("workshop_meeting", draft, 1)).status_code == 403

    def test_nor_does_the_owner_before_the_reveal(self, workshop, draft, alice, bob):
        rate(workshop, bob, dict.fromkeys(section_items("buy-in"), "fully"), note="Bob's note")
        alice = client_for(alice)
        assert alice.get(url("workshop_differences", draft)).status_code == 403
        assert "Bob's note" not in text(alice.get(url("workshop_rate", draft, "buy-in")))

    def test_a_member_who_was_not_asked_cannot_rate(self, draft, alice, bob, dana):
        started(draft, alice, alice, dana)
        bob = client_for(bob)
        assert bob.get(url("workshop_rate", draft, "buy-in")).status_code == 403
        assert (
            bob.post(url("workshop_rate", draft, "buy-in"), section_post("buy-in")).status_code
            == 403
        )
        assert not Rating.objects.exists()

    def test_a_tampered_rating_is_refused_and_nothing_is_saved(self, workshop, draft, bob):
        data = section_post("buy-in", "partly")
        data[next(k for k in data if k.startswith("item-"))] = "excellent"
        response = client_for(bob).post(url("workshop_rate", draft, "buy-in"), data)
        assert "Choose one of the listed answers." in text(response)
        assert not Rating.objects.exists()

    def test_the_last_rater_to_finish_reveals_the_ratings(self, workshop, draft, alice, bob, dana):
        for person in (alice, bob):
            response = client_for(person).post(url("workshop_finish", draft), follow=True)
            assert "you have finished" in text(response)
        assert not Workshop.objects.get().is_revealed
        response = client_for(dana).post(url("workshop_finish", draft), follow=True)
        assert "Everyone has finished: the ratings are revealed." in text(response)
        assert Workshop.objects.get().is_revealed


class TestTheReveal:
    def test_only_an_owner_reveals(self, workshop, draft, bob):
        assert (
            client_for(bob)
            .post(url("assessment_workshop", draft), {"action": "reveal"})
            .status_code
            == 403
        )
        assert not Workshop.objects.get().is_revealed

    def test_after_the_reveal_ratings_no_longer_change(self, workshop, draft, alice, bob):
        rate(workshop, bob, dict.fromkeys(section_items("buy-in"), "planned"))
        response = client_for(alice).post(
            url("assessment_workshop", draft), {"action": "reveal"}, follow=True
        )
        assert "The ratings are revealed" in text(response)
        response = client_for(bob).post(
            url("workshop_rate", draft, "buy-in"), section_post("buy-in", "fully"), follow=True
        )
        assert "they are kept as they were before the discussion" in text(response)
        assert set(Rating.objects.values_list("value", flat=True)) == {"planned"}

    def test_a_submitted_assessment_freezes_its_ratings(self, workshop, draft, alice, bob):
        rate(workshop, bob, dict.fromkeys(section_items("buy-in"), "planned"))
        assessment_submit(assessment=draft, user=alice)
        response = client_for(bob).post(
            url("workshop_rate", draft, "buy-in"), section_post("buy-in", "fully"), follow=True
        )
        assert "The assessment was submitted" in text(response)
        assert set(Rating.objects.values_list("value", flat=True)) == {"planned"}
        assert (
            client_for(alice)
            .post(url("assessment_workshop", draft), {"action": "reveal"})
            .status_code
            == 302
        )
        assert not Workshop.objects.get().is_revealed


class TestWhereYouDiffer:
    def test_it_shows_who_chose_what_with_far_apart_statements_first(
        self, workshop, draft, alice, bob, dana
    ):
        items = rate_the_example(workshop, [alice, bob, dana])
        revealed(workshop, alice)
        page = text(client_for(bob).get(url("workshop_differences", draft)))
        assert "agreed exactly on <strong>2 of " in page
        assert "within one level on <strong>3</strong>" in page
        assert "<strong>0.27</strong>" in page
        # Statement 3 is three levels apart: it comes first, flagged, with who chose what.
        first = page.index(items[2].text)
        assert first < page.index(items[1].text) < page.index(items[0].text)
        assert "Two or more levels apart" in page[:first]
        assert "<strong>Not in place</strong>: Alice Chief" in page
        assert "<strong>Largely in place</strong>: Dana Deputy" in page

    def test_counts_only_when_the_owner_chose_it(self, draft, alice, bob, dana):
        workshop = started(draft, alice, alice, bob, dana, anonymous=True)
        rate_the_example(workshop, [alice, bob, dana])
        revealed(workshop, alice)
        page = text(client_for(bob).get(url("workshop_differences", draft)))
        assert "<strong>Not in place</strong>: 1" in page
        assert "Dana Deputy" not in page and "Alice Chief:" not in page

    def test_members_who_did_not_rate_do_not_see_the_ratings(self, draft, alice, bob, dana):
        workshop = started(draft, alice, alice, dana)
        rate_the_example(workshop, [alice, dana, alice])
        revealed(workshop, alice)
        assert client_for(bob).get(url("workshop_differences", draft)).status_code == 403
        assert client_for(bob).get(url("workshop_meeting", draft, 1)).status_code == 403

    def test_unanimous_ratings_are_recorded_as_agreed_in_one_go(
        self, workshop, draft, alice, bob, dana
    ):
        items = rate_the_example(workshop, [alice, bob, dana])
        revealed(workshop, alice)
        client_for(alice).post(url("workshop_differences", draft))
        assert dict(Response.objects.values_list("item_id", "value")) == {items[0].pk: "partly"}

    def test_its_pages_take_the_same_queries_however_many_raters_and_ratings(
        self, draft, alice, bob, dana
    ):
        workshop = started(draft, alice, alice, bob)
        revealed(workshop, alice)
        client = client_for(alice)
        pages = [url("workshop_differences", draft), url("workshop_meeting", draft, 1)]

        def queries() -> list[int]:
            counts = []
            for page in pages:
                with CaptureQueriesContext(connection) as captured:
                    assert client.get(page).status_code == 200
                counts.append(len(captured))
            return counts

        few = queries()
        Rater.objects.create(workshop=workshop, user=dana, name="Dana Deputy")
        rate_the_example(workshop, [alice, bob, dana])
        assert queries() == few
        assert max(few) <= 12


class TestMeetingMode:
    @pytest.fixture
    def example(self, workshop, alice, bob, dana):
        items = rate_the_example(workshop, [alice, bob, dana])
        revealed(workshop, alice)
        return items

    def test_it_shows_one_statement_with_the_ratings_levels_and_notes(self, example, draft, alice):
        Rating.objects.filter(item=example[2], rater__user=alice).update(note="No policy yet.")
        page = text(client_for(alice).get(url("workshop_meeting", draft, 1)))
        assert "Statement 1 of" in page and example[2].text in page
        assert "<strong>Alice Chief:</strong> No policy yet." in page
        assert example[2].anchor_partly in page  # the level descriptions are on screen

    def test_the_agreed_level_becomes_the_answer_and_the_ratings_are_kept(
        self, example, draft, alice
    ):
        item = example[2]
        response = client_for(alice).post(
            url("workshop_meeting", draft, 1),
            {f"item-{item.pk}": "partly", f"note-{item.pk}": "Agreed after discussion."},
        )
        assert response["Location"] == url("workshop_meeting", draft, 2)
        answer = Response.objects.get(assessment=draft, item=item)
        assert (answer.value, answer.note) == ("partly", "Agreed after discussion.")
        assert sorted(Rating.objects.filter(item=item).values_list("value", flat=True)) == [
            "largely",
            "not_in_place",
            "partly",
        ]

    def test_no_choice_or_a_tampered_one_is_refused_and_changes_nothing(
        self, example, draft, alice
    ):
        item = example[2]
        client = client_for(alice)
        for value in ["", "excellent"]:
            response = client.post(url("workshop_meeting", draft, 1), {f"item-{item.pk}": value})
            assert response.status_code == 200
            assert "Please correct the following" in text(response)
        assert not Response.objects.exists()

    def test_the_last_statement_leads_to_the_review(self, example, draft, alice):
        count = Item.objects.filter(is_active=True).count()
        client = client_for(alice)
        assert client.get(url("workshop_meeting", draft, count + 1)).status_code == 404
        last = text(client.get(url("workshop_meeting", draft, count)))
        assert "Record it and review the assessment" in last

    def test_a_submitted_assessment_refuses_an_agreed_level(self, example, draft, alice):
        assessment_submit(assessment=draft, user=alice)
        item = example[2]
        response = client_for(alice).post(
            url("workshop_meeting", draft, 1), {f"item-{item.pk}": "partly"}, follow=True
        )
        assert "Nothing was saved." in text(response)
        assert not Response.objects.filter(item=item).exists()


def test_another_agency_sees_nothing_of_the_workshop(workshop, draft, alice, charlie):
    revealed(workshop, alice)
    client = client_for(charlie)
    for name, args in [
        ("assessment_workshop", []),
        ("workshop_rate", ["buy-in"]),
        ("workshop_finish", []),
        ("workshop_differences", []),
        ("workshop_meeting", [1]),
    ]:
        assert client.get(url(name, draft, *args)).status_code == 404, name
        assert client.post(url(name, draft, *args), {"action": "reveal"}).status_code == 404, name
