"""Guidance editors maintain the content in the Django admin."""

import pytest

from guidance.models import Item, Suggestion
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
