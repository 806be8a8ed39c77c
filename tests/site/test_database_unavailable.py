"""While the database cannot be reached, pages say so (503, Retry-After) and keep what was sent.

The outage is simulated: every query fails as it does when PostgreSQL is stopped.
"""

from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client

from questionnaire.models import Response
from tests.conftest import client_for
from tests.factories import section_items, section_post, section_url
from tests.html import outline, page_text


@contextmanager
def database_down(error=OperationalError):
    failure = error("connection to server at 127.0.0.1, port 5432 failed: Connection refused")
    with (
        mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=failure),
        mock.patch("django.db.backends.utils.CursorWrapper.executemany", side_effect=failure),
    ):
        yield


def resent(response) -> dict[str, list[str]]:
    """The fields the 503 page's "Send again" form would post."""
    page = outline(response)
    data: dict[str, list[str]] = {}
    for field in page.find_all("input", type="hidden"):
        data.setdefault(field["name"], []).append(field.get("value", ""))
    return data


@pytest.mark.django_db
class TestPagesWhileTheDatabaseIsDown:
    @pytest.mark.parametrize("error", [OperationalError, InterfaceError])
    def test_a_page_answers_503_temporarily_unavailable_with_retry_after(self, alice, error):
        client = client_for(alice)
        with database_down(error):
            response = client.get("/assessments/")
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        text = page_text(response)
        assert "temporarily unavailable" in text
        assert "Something went wrong" not in text
        assert outline(response).title.startswith("Temporarily unavailable")

    def test_answers_sent_while_it_is_down_stay_on_the_page_and_can_be_sent_again(
        self, alice_client, draft
    ):
        items = section_items("buy-in")
        posted = section_post("buy-in", **{f"note-{items[0].pk}": "Roll-call briefing <b>x</b>"})
        with database_down():
            response = alice_client.post(section_url(draft, "buy-in"), posted)
        assert response.status_code == 503
        assert "Nothing you sent on the last page is lost" in page_text(response)
        form = outline(response).find_all("form")[0]
        assert form["method"] == "post" and form["action"] == section_url(draft, "buy-in")
        again = resent(response)
        assert again[f"note-{items[0].pk}"] == ["Roll-call briefing <b>x</b>"]
        assert {again[f"item-{item.pk}"][0] for item in items} == {"partly"}
        assert not Response.objects.filter(assessment=draft).exists()

        # The database is back: sending the kept answers again saves them.
        response = alice_client.post(section_url(draft, "buy-in"), again)
        assert response.status_code == 302
        saved = Response.objects.filter(assessment=draft)
        assert saved.count() == len(items)
        assert saved.get(item=items[0]).note == "Roll-call briefing <b>x</b>"

    def test_a_password_is_never_written_back_into_the_page(self, alice):
        with database_down():
            response = Client().post(
                "/accounts/login/", {"username": alice.email, "password": "alice-password-123"}
            )
        assert response.status_code == 503
        assert "alice-password-123" not in response.content.decode()
        assert resent(response)["username"] == [alice.email]

    def test_a_failure_after_the_page_was_made_also_answers_503(self, alice_client, draft):
        # Saving the session (a message for the next page) is the last write of a request.
        with mock.patch(
            "django.contrib.sessions.backends.db.SessionStore.save",
            side_effect=OperationalError("server closed the connection unexpectedly"),
        ):
            alice_client.raise_request_exception = False
            response = alice_client.post(section_url(draft, "buy-in"), section_post("buy-in"))
        assert response.status_code == 503
        assert response["Retry-After"] == "30"

    def test_other_errors_still_answer_the_500_page(self, alice_client):
        alice_client.raise_request_exception = False
        with mock.patch("cvi_assess.views.render", side_effect=ValueError("a bug")):
            response = alice_client.get("/")
        assert response.status_code == 500
        assert "Something went wrong" in page_text(response)

    def test_the_health_check_still_answers_in_json(self):
        with database_down():
            response = Client().get("/healthz")
        assert response.status_code == 503
        assert response.json() == {"status": "error", "database": "unavailable", "cache": "ok"}
