"""Guidance editors maintain the content in the Django admin."""

import pytest

from guidance.models import ANCHOR_FIELDS, ExamplePractice, Item, ReportDetails, Suggestion
from tests.conftest import client_for
from tests.html import page_text


def suggestion_form(suggestion: Suggestion, **changes) -> dict:
    data = {
        "domain": suggestion.domain_id,
        "title": suggestion.title,
        "slug": suggestion.slug,
        "explanation": suggestion.explanation,
        "page_start": suggestion.page_start or "",
        "page_end": suggestion.page_end or "",
        "order": suggestion.order,
        "is_active": "on",
    }
    data.update(changes)
    return data


def item_form(item: Item, **changes) -> dict:
    data = {
        "text": item.text,
        "slug": item.slug,
        "domain": item.domain_id,
        "suggestion": item.suggestion_id,
        **{name: getattr(item, name) for name in ANCHOR_FIELDS},
        "evidence_hint": item.evidence_hint,
        "perspectives": item.perspectives,
        "partner_text": item.partner_text,
        "weight": item.weight,
        "order": item.order,
        "is_active": "on",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


@pytest.fixture
def capacity():
    return Suggestion.objects.get(slug="conduct-a-capacity-assessment")


@pytest.mark.django_db
class TestGuidanceAdmin:
    def test_an_editor_can_change_a_page_reference(self, eve, capacity):
        url = f"/admin/guidance/suggestion/{capacity.pk}/change/"
        response = client_for(eve).post(url, suggestion_form(capacity, page_start=16))
        assert response.status_code == 302
        capacity.refresh_from_db()
        assert capacity.pages == "p. 16"

    def test_a_last_page_before_the_first_is_refused_on_the_field(self, eve, capacity):
        url = f"/admin/guidance/suggestion/{capacity.pk}/change/"
        response = client_for(eve).post(url, suggestion_form(capacity, page_end=12))
        assert response.status_code == 200
        assert response.context["adminform"].form.errors["page_end"] == [
            "The last page (12) cannot come before the first page (15)."
        ]
        capacity.refresh_from_db()
        assert capacity.pages == "p. 15"

    @pytest.mark.parametrize("page", [0, 61, 999])
    def test_a_page_outside_the_report_is_refused_on_the_field(self, eve, capacity, page):
        url = f"/admin/guidance/suggestion/{capacity.pk}/change/"
        response = client_for(eve).post(url, suggestion_form(capacity, page_start=page))
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors["page_start"]
        assert any("between 1 and 60" in e or "greater than or equal to 0" in e for e in errors)
        capacity.refresh_from_db()
        assert capacity.page_start == 15

    def test_a_suggestion_with_items_cannot_be_deleted_and_the_page_says_retire_it(
        self, eve, capacity
    ):
        url = f"/admin/guidance/suggestion/{capacity.pk}/delete/"
        page = client_for(eve).get(url)
        assert "Retire it instead" in page_text(page)
        response = client_for(eve).post(url, {"post": "yes"})
        assert response.status_code == 200
        assert Suggestion.objects.filter(pk=capacity.pk).exists()

    def test_history_records_each_edit_and_can_revert_to_the_text_first_loaded(self, eve, capacity):
        client = client_for(eve)
        base = f"/admin/guidance/suggestion/{capacity.pk}/"
        client.post(f"{base}change/", suggestion_form(capacity, title="A new title"))
        latest = capacity.history.latest("history_date")
        assert (latest.title, latest.history_user) == ("A new title", eve)
        assert eve.email in page_text(client.get(f"{base}history/"))

        first = capacity.history.earliest("history_date")
        assert first.history_change_reason == "Synced from the guidance content file"
        revert_url = f"{base}history/{first.history_id}/"
        form = client.get(revert_url).context["adminform"].form
        data = {name: value for name, value in form.initial.items() if value is not None}
        data["is_active"] = "on"
        client.post(revert_url, data)
        capacity.refresh_from_db()
        assert capacity.title == "Assess the agency's capacity before agreeing to the work"

    def test_an_editor_cannot_open_people_agencies_or_assessments(self, eve):
        client = client_for(eve)
        for url in [
            "/admin/accounts/user/",
            "/admin/accounts/agency/",
            "/admin/auth/group/",
        ]:
            assert client.get(url).status_code == 403, url
        index = page_text(client.get("/admin/"))
        assert "Suggestions" in index and "Agencies" not in index

    def test_an_editor_can_edit_every_kind_of_guidance(self, eve):
        client = client_for(eve)
        for model in ["domain", "suggestion", "examplepractice", "item", "resource", "benchmark"]:
            assert client.get(f"/admin/guidance/{model}/").status_code == 200, model
            assert client.get(f"/admin/guidance/{model}/add/").status_code == 200, model

    def test_an_agency_member_cannot_reach_the_admin(self, alice):
        response = client_for(alice).get("/admin/guidance/suggestion/")
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]

    def test_retiring_an_item_keeps_it(self, eve):
        item = Item.objects.first()
        client_for(eve).post(
            f"/admin/guidance/item/{item.pk}/change/",
            {
                "text": item.text,
                "slug": item.slug,
                "domain": item.domain_id,
                "suggestion": item.suggestion_id,
                "weight": 1,
                "order": item.order,
            },
        )
        item.refresh_from_db()
        assert item.is_active is False


@pytest.mark.django_db
class TestLevelsEvidenceAndExamples:
    def test_an_editor_describes_the_levels_and_the_evidence_of_a_statement(self, eve):
        item = Item.objects.get(slug="implementation-capacity-assessed")
        url = f"/admin/guidance/item/{item.pk}/change/"
        page = page_text(client_for(eve).get(url))
        assert "What each level looks like" in page and "not the report's words" in page
        response = client_for(eve).post(
            url,
            item_form(
                item,
                anchor_partly="Staff were counted, money was not.",
                evidence_hint="For example: the staffing plan.",
            ),
        )
        assert response.status_code == 302
        item.refresh_from_db()
        assert item.anchor("partly") == "Staff were counted, money was not."
        assert item.evidence_hint == "For example: the staffing plan."

    def test_an_active_statement_needs_all_five_descriptions_on_the_field(self, eve):
        item = Item.objects.get(slug="implementation-capacity-assessed")
        response = client_for(eve).post(
            f"/admin/guidance/item/{item.pk}/change/", item_form(item, anchor_largely="")
        )
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors
        assert list(errors) == ["anchor_largely"]
        assert "every active statement needs all five descriptions" in errors["anchor_largely"][0]
        item.refresh_from_db()
        assert item.anchor_largely

    def test_an_editor_ties_an_example_to_the_suggestions_it_illustrates(self, eve):
        example = ExamplePractice.objects.get(slug="partnerships-acknowledge-past-harm")
        partners = Suggestion.objects.get(slug="develop-and-maintain-partnerships")
        trust = Suggestion.objects.get(slug="build-trust-and-accountability")
        url = f"/admin/guidance/examplepractice/{example.pk}/change/"
        response = client_for(eve).post(
            url,
            {
                "domain": example.domain_id,
                "slug": example.slug,
                "text": example.text,
                "suggestions": [partners.pk, trust.pk],
                "order": example.order,
            },
        )
        assert response.status_code == 302
        assert set(example.suggestions.all()) == {partners, trust}
        listing = page_text(client_for(eve).get("/admin/guidance/examplepractice/"))
        assert "Build trust and accountability in the community" in listing


@pytest.mark.django_db
class TestReportDetails:
    url = "/admin/guidance/reportdetails/"

    def test_the_one_row_opens_directly_and_an_editor_sets_the_address(self, eve):
        client = client_for(eve)
        response = client.get(self.url)
        assert response["Location"] == f"{self.url}1/change/"
        assert "Leave it empty until you have checked" in page_text(
            client.get(f"{self.url}1/change/")
        )
        client.post(f"{self.url}1/change/", {"address": "https://reports.example.org/cvi.pdf"})
        assert ReportDetails.load().address == "https://reports.example.org/cvi.pdf"

    def test_nothing_is_shipped_the_address_is_empty_until_an_editor_sets_it(self):
        assert ReportDetails.objects.get().address == ""

    def test_it_cannot_be_added_twice_or_deleted(self, root):
        client = client_for(root)
        assert client.get(f"{self.url}add/").status_code == 403
        assert client.post(f"{self.url}1/delete/", {"post": "yes"}).status_code == 403
        assert ReportDetails.objects.count() == 1

    @pytest.mark.parametrize("address", ["javascript:alert(1)", "ftp://files.example.org/r.pdf"])
    def test_only_a_web_address_is_accepted(self, eve, address):
        response = client_for(eve).post(f"{self.url}1/change/", {"address": address})
        assert response.status_code == 200
        assert "address" in response.context["adminform"].form.errors
        assert ReportDetails.load().address == ""
