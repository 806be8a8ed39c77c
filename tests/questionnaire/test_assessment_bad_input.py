"""Bad input gets a clear outcome, never a 500, and never partial or duplicated rows."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from guidance.models import Domain, Item
from questionnaire.models import Assessment, Response
from tests.conftest import client_for
from tests.factories import answer_all, section_items, section_post, section_url
from tests.html import page_text


@pytest.mark.django_db
class TestTamperedInput:
    def test_a_tampered_answer_is_refused_on_its_item_and_nothing_on_the_page_is_saved(
        self, alice_client, draft
    ):
        items = section_items("buy-in")
        data = section_post("buy-in", value="fully")
        data[f"item-{items[1].pk}"] = "excellent"
        response = alice_client.post(section_url(draft, "buy-in"), data)
        assert response.status_code == 200
        text = page_text(response)
        assert "Please correct the following. Nothing has been saved yet." in text
        assert f"{items[1].text}: Choose one of the listed answers." in text
        assert Response.objects.filter(assessment=draft).count() == 0

    def test_the_error_summary_links_to_the_item_and_the_item_points_to_its_error(
        self, alice_client, draft
    ):
        item = section_items("buy-in")[0]
        response = alice_client.post(
            section_url(draft, "buy-in"), {f"item-{item.pk}": "9", "action": "continue"}
        )
        html = response.content.decode()
        assert f'href="#item-{item.pk}"' in html
        assert f'aria-describedby="id_item-{item.pk}_error"' in html
        assert f'id="id_item-{item.pk}_error"' in html

    def test_an_overlong_note_is_refused_with_its_limit(self, alice_client, draft):
        item = section_items("buy-in")[0]
        data = section_post("buy-in", **{f"note-{item.pk}": "x" * 2001})
        response = alice_client.post(section_url(draft, "buy-in"), data)
        assert "at most 2000 characters" in page_text(response)
        assert Response.objects.filter(assessment=draft).count() == 0

    def test_an_item_of_another_section_or_a_retired_item_is_ignored_with_a_message(
        self, alice_client, draft
    ):
        retired = section_items("buy-in")[3]
        Item.objects.filter(pk=retired.pk).update(is_active=False)
        other_section = section_items("partnerships")[0]
        data = section_post("buy-in")
        data[f"item-{retired.pk}"] = "fully"
        data[f"item-{other_section.pk}"] = "fully"
        response = alice_client.post(section_url(draft, "buy-in"), data, follow=True)
        assert "withdrawn by the guidance editors" in page_text(response)
        saved = set(Response.objects.filter(assessment=draft).values_list("item_id", flat=True))
        assert saved == {item.pk for item in section_items("buy-in")}

    def test_an_unknown_section_is_404(self, alice_client, draft):
        assert alice_client.get(section_url(draft, "no-such-domain")).status_code == 404

    def test_a_form_without_its_csrf_token_is_refused_with_an_explanation(self, alice, draft):
        client = Client(enforce_csrf_checks=True)
        client.force_login(alice)
        response = client.post(section_url(draft, "buy-in"), section_post("buy-in"))
        assert response.status_code == 403
        assert "This form has expired" in page_text(response)
        assert "Nothing from this form was saved" in page_text(response)
        assert Response.objects.count() == 0


@pytest.mark.django_db
class TestConcurrentSaves:
    def test_posting_the_same_page_twice_keeps_one_row_per_item_without_a_warning(
        self, alice_client, draft
    ):
        loaded_at = timezone.now().isoformat()
        data = section_post("buy-in", loaded_at=loaded_at)
        alice_client.post(section_url(draft, "buy-in"), data)
        response = alice_client.post(section_url(draft, "buy-in"), data, follow=True)
        assert Response.objects.filter(assessment=draft).count() == 6
        assert "another window" not in page_text(response)

    def test_two_tabs_saving_the_same_page_keep_the_last_save_and_say_so(self, alice, bob, draft):
        tab_a_loaded = timezone.now().isoformat()
        client_for(bob).post(section_url(draft, "buy-in"), section_post("buy-in", value="fully"))
        response = client_for(alice).post(
            section_url(draft, "buy-in"),
            section_post("buy-in", value="planned", loaded_at=tab_a_loaded),
            follow=True,
        )
        assert "6 answers on this page had been changed in another window" in page_text(response)
        values = list(Response.objects.filter(assessment=draft).values_list("value", flat=True))
        assert values == ["planned"] * 6

    def test_the_database_refuses_a_second_answer_to_the_same_item(self, draft):
        item = Item.objects.first()
        Response.objects.create(assessment=draft, item=item, value="fully")
        with pytest.raises(IntegrityError), transaction.atomic():
            Response.objects.create(assessment=draft, item=item, value="planned")

    def test_the_database_refuses_an_answer_off_the_scale(self, draft):
        with pytest.raises(IntegrityError), transaction.atomic():
            Response.objects.create(assessment=draft, item=Item.objects.first(), value="great")

    def test_the_database_refuses_a_submitted_assessment_without_a_snapshot(self, draft):
        with pytest.raises(IntegrityError), transaction.atomic():
            Assessment.objects.filter(pk=draft.pk).update(status="submitted")

    def test_clearing_a_note_of_an_unanswered_item_removes_its_row(self, alice_client, draft):
        item = section_items("buy-in")[0]
        Response.objects.create(assessment=draft, item=item, note="temporary")
        alice_client.post(section_url(draft, "buy-in"), {"action": "continue"})
        assert not Response.objects.filter(assessment=draft, item=item).exists()


@pytest.mark.django_db
class TestGuidanceEditedMidway:
    def test_a_retired_item_leaves_the_page_and_its_answer_is_kept(self, alice_client, draft):
        alice_client.post(section_url(draft, "buy-in"), section_post("buy-in"))
        item = section_items("buy-in")[0]
        item.is_active = False
        item.save()  # as the admin does
        page = alice_client.get(section_url(draft, "buy-in"))
        assert page.status_code == 200 and item.text not in page_text(page)
        assert "Buy-in Complete: 5 of 5 answered" in page_text(page)
        assert Response.objects.filter(assessment=draft, item=item).exists()

    def test_an_added_item_makes_the_section_incomplete_again(self, alice_client, draft):
        alice_client.post(section_url(draft, "buy-in"), section_post("buy-in"))
        domain = Domain.objects.get(slug="buy-in")
        Item.objects.create(
            domain=domain,
            suggestion=domain.suggestions.first(),
            slug="added",
            text="Added while answering.",
        )
        resume = alice_client.get(reverse("assessment", args=[draft.pk]))
        assert resume.status_code == 302
        page = page_text(alice_client.get(section_url(draft, "buy-in")))
        assert "Buy-in In progress: 6 of 7 answered" in page


@pytest.mark.django_db
class TestQueryCounts:
    def count(self, client, url) -> int:
        client.get(url)  # consume any pending message, which costs a session write
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    def test_a_section_page_runs_the_same_few_queries_however_many_items(self, alice_client, draft):
        url = section_url(draft, "buy-in")
        alice_client.post(url, section_post("buy-in"))
        before = self.count(alice_client, url)
        domain = Domain.objects.get(slug="buy-in")
        for n in range(8):
            item = Item.objects.create(
                domain=domain,
                suggestion=domain.suggestions.last(),
                slug=f"more-{n}",
                text=f"Statement {n}.",
            )
            Response.objects.create(assessment=draft, item=item, value="partly", note="n")
        assert self.count(alice_client, url) == before <= 8

    def test_saving_a_section_runs_a_bounded_number_of_queries(self, alice_client, draft):
        url = section_url(draft, "buy-in")
        with CaptureQueriesContext(connection) as first:
            alice_client.post(url, section_post("buy-in"))
        domain = Domain.objects.get(slug="buy-in")
        for n in range(8):
            Item.objects.create(
                domain=domain,
                suggestion=domain.suggestions.last(),
                slug=f"more-{n}",
                text=f"Statement {n}.",
            )
        with CaptureQueriesContext(connection) as second:
            alice_client.post(url, section_post("buy-in"))
        assert len(second) == len(first) <= 20

    def test_the_dashboard_runs_the_same_queries_however_many_assessments(self, alice, draft):
        client = client_for(alice)
        before = self.count(client, "/assessments/")
        for _ in range(5):
            Assessment.objects.create(agency=alice.agency, created_by=alice)
        assert self.count(client, "/assessments/") == before <= 8

    def test_context_review_and_results_pages_run_a_fixed_number_of_queries(
        self, alice_client, draft
    ):
        # Every page: the session, the user and the assessment (3). The results page then
        # reads the guidance once (domains with suggestions, examples and their suggestions,
        # resources; the active statements: 6), the answers, the invitations, the plan's
        # actions, the survey findings, the agency's submitted assessments, the peer figures'
        # cells and the report's address (7), whether a command-staff workshop rated it (1),
        # and scores the assessment once.
        expected = {
            reverse("assessment_context", args=[draft.pk]): 6,
            reverse("assessment_review", args=[draft.pk]): 6,
            reverse("assessment_results", args=[draft.pk]): 17,
        }
        answer_all(draft, "partly")
        assert {url: self.count(alice_client, url) for url in expected} == expected


@pytest.mark.django_db
def test_an_altered_loaded_at_field_is_ignored_not_an_error(alice_client, draft):
    for value in ["2020-01-01", "yesterday", "2020-01-01T00:00:00+99:00"]:
        response = alice_client.post(
            section_url(draft, "buy-in"), section_post("buy-in", loaded_at=value)
        )
        assert response.status_code == 302, value
    assert Response.objects.filter(assessment=draft).count() == 6


@pytest.mark.django_db
def test_a_page_with_errors_says_so_in_its_title(alice_client, draft):
    item = section_items("buy-in")[0]
    response = alice_client.post(section_url(draft, "buy-in"), {f"item-{item.pk}": "x"})
    assert "<title>Error: Buy-in · Assessment" in response.content.decode()
