"""The public guidance library at /guidance/."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from guidance.models import ExamplePractice, Suggestion
from tests.guidance.test_guidance_content import BRIEF_PAGE_REFERENCES
from tests.html import page_text


@pytest.mark.django_db
class TestGuidanceLibrary:
    def test_it_needs_no_account(self):
        assert Client().get("/guidance/").status_code == 200

    def test_it_shows_every_suggestion_with_the_brief_page_reference(self):
        text = page_text(Client().get("/guidance/"))
        for slug, pages in BRIEF_PAGE_REFERENCES.items():
            title = Suggestion.objects.get(slug=slug).title
            assert f"{title} (Report, {pages})" in text, slug

    def test_it_shows_the_ask_yourself_questions_examples_and_findings(self):
        text = page_text(Client().get("/guidance/"))
        assert text.count("Ask yourself") == 4
        assert "Does our agency have the capacity to make a meaningful contribution" in text
        assert "(Report, p. 14)" in text  # the culture example
        assert "National Network for Safe Communities" in text
        assert "85% of the agencies that answered PERF's 2023 survey" in text
        assert "Nearly half of the surveyed agencies have taken part in a CVI" in text
        assert "most contentious, challenging and sensitive part" in text

    def test_it_credits_the_report(self):
        text = page_text(Client().get("/guidance/"))
        assert "Enhancing Law Enforcement's Role in Community Violence Interventions" in text
        assert "pages 10-23" in text

    def test_a_retired_suggestion_is_not_shown(self):
        Suggestion.objects.filter(slug="support-the-service-arm").update(is_active=False)
        text = page_text(Client().get("/guidance/"))
        assert "Support the service arm of the CVI" not in text

    def test_an_example_without_a_page_shows_no_page(self):
        ExamplePractice.objects.filter(page__isnull=True).update(text="Unpaged example.")
        text = page_text(Client().get("/guidance/"))
        assert "Unpaged example. (Report" not in text

    def test_the_number_of_queries_does_not_grow_with_the_content(self):
        client = Client()
        with CaptureQueriesContext(connection) as before:
            client.get("/guidance/")
        domain = Suggestion.objects.first().domain
        for n in range(10):
            Suggestion.objects.create(
                domain=domain, slug=f"extra-{n}", title=f"Extra {n}", page_start=14
            )
        with CaptureQueriesContext(connection) as after:
            text = page_text(client.get("/guidance/"))
        assert "Extra 9 (Report, p. 14)" in text  # the new version was built, not served stale
        assert len(after) == len(before) <= 12

    def test_an_edit_shows_on_the_next_request(self):
        client = Client()
        client.get("/guidance/")
        suggestion = Suggestion.objects.get(slug="support-the-service-arm")
        suggestion.title = "Back the service providers"
        suggestion.save()
        assert "Back the service providers (Report, p. 23)" in page_text(client.get("/guidance/"))


@pytest.mark.django_db
def test_visitors_without_a_session_share_one_page_and_members_get_their_own(alice):
    anonymous = Client().get("/guidance/").content.decode()
    assert "Log in" in anonymous and "Your account" not in anonymous
    member = Client()
    member.force_login(alice)
    page = member.get("/guidance/").content.decode()
    assert "Your account" in page and "Log out" in page
    assert "Log in" in Client().get("/guidance/").content.decode()


@pytest.mark.django_db
class TestTheVisitorsPage:
    """Kept under the guidance's revision and the release: nothing to invalidate, nothing
    stale."""

    def test_once_built_it_costs_one_query_until_the_content_changes(self):
        Client().get("/guidance/")
        with CaptureQueriesContext(connection) as warm:
            Client().get("/guidance/")
        assert len(warm) == 1  # the revision of the guidance

    def test_an_edit_through_the_admin_shows_to_the_next_visitor(self, client, root):
        client.get("/guidance/")
        editor = Client()
        editor.force_login(root)
        suggestion = Suggestion.objects.get(slug="support-the-service-arm")
        change = f"/admin/guidance/suggestion/{suggestion.pk}/change/"
        form = editor.get(change).context["adminform"].form
        data = {**{k: v for k, v in form.initial.items() if v is not None}}
        data.update(title="Back the service providers", _save="Save")
        editor.post(change, data)
        suggestion.refresh_from_db()
        assert suggestion.title == "Back the service providers"
        assert "Back the service providers" in page_text(Client().get("/guidance/"))

    def test_a_changed_tie_between_an_example_and_a_suggestion_shows(self):
        Client().get("/guidance/")
        example = ExamplePractice.objects.filter(suggestions__isnull=False).first()
        example.suggestions.clear()  # recorded in the many-to-many history
        example.text = "An example now tied to nothing."
        example.save()
        assert "An example now tied to nothing." in page_text(Client().get("/guidance/"))

    def test_a_new_release_builds_its_own_page(self, monkeypatch):
        from guidance import views

        Client().get("/guidance/")
        monkeypatch.setattr(views, "release", lambda: "a-new-release")
        with CaptureQueriesContext(connection) as built:
            Client().get("/guidance/")
        assert len(built) > 1  # rendered again, not served from the previous release
