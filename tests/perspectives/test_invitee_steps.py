"""The invitee questionnaire in steps, one section a page, with the answers kept between steps
(no account) until they are sent, even across a closed tab, for as long as the link is open."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from guidance.models import Perspective
from perspectives.models import Invitation, PerspectiveAnswer, PerspectiveResponse
from perspectives.results import items_for_perspective
from perspectives.steps import minutes_to_answer
from tests.html import form_values, page_text
from tests.perspectives.test_invitations import respond_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def officers(draft):
    return Invitation.objects.create(
        assessment=draft,
        perspective="line_officers",
        expires_on=timezone.localdate() + datetime.timedelta(days=20),
    )


def sections():
    return items_for_perspective("line_officers")


def drafts(client) -> list[str]:
    return [key for key, _ in client.session.items() if key.startswith("invitee-draft:")]


def step_post(client, invitation, number: int, value: str = "partly", action="next", **extra):
    _, items = sections()[number - 1]
    data = {f"item-{item.pk}": value for item in items}
    data.update(step=str(number), action=action, **extra)
    return client.post(respond_url(invitation) + "?lang=en", data)


def test_the_form_shows_one_section_at_a_time_with_where_you_are(officers):
    text = page_text(Client().get(respond_url(officers)))
    total = len(sections())
    first, items = sections()[0]
    assert f"Step 1 of {total}" in text
    assert all(item.text in text for item in items)
    later = [item for _, its in sections()[1:] for item in its]
    assert not any(item.text in text for item in later)
    assert "Send my answers" not in text and "Save and continue" in text


def test_answers_are_kept_between_steps_and_nothing_is_sent_before_the_end(officers):
    client = Client()
    response = step_post(client, officers, 1, "largely")
    assert response.status_code == 302 and response["Location"].endswith("step=2")
    assert "0 of" not in page_text(client.get(response["Location"])).split("Step 2")[1][:200]
    again = client.get(respond_url(officers) + "?step=1")
    _, items = sections()[0]
    assert form_values(again, f"item-{items[0].pk}")[f"item-{items[0].pk}"] == ["largely"]
    assert not PerspectiveResponse.objects.exists()


def test_a_closed_tab_finds_its_answers_again_for_as_long_as_the_link_is_open(officers):
    client = Client()
    step_post(client, officers, 1, "fully")
    cookie = client.cookies["sessionid"]
    # A session cookie of its own, kept by the browser after the tab (or browser) closes.
    assert cookie["expires"] or cookie["max-age"]
    end = datetime.datetime.combine(officers.expires_on, datetime.time(23, 59))
    assert client.session.get_expiry_date() >= timezone.make_aware(end)
    reopened = Client()
    reopened.cookies["sessionid"] = cookie.value
    _, items = sections()[0]
    page = reopened.get(respond_url(officers))
    assert form_values(page, f"item-{items[0].pk}")[f"item-{items[0].pk}"] == ["fully"]


def test_the_last_step_sends_every_steps_answers_once_and_forgets_the_draft(officers):
    client = Client()
    total = len(sections())
    for number in range(1, total):
        step_post(client, officers, number, "planned")
    response = step_post(client, officers, total, "partly", action="send")
    assert response.status_code == 302 and "/thanks/" in response["Location"]
    [stored] = PerspectiveResponse.objects.all()
    asked = sum(len(items) for _, items in sections())
    assert PerspectiveAnswer.objects.filter(response=stored).count() == asked
    assert PerspectiveAnswer.objects.filter(response=stored, value="planned").exists()
    assert not drafts(client)


def test_back_keeps_the_answers_of_the_step_it_leaves(officers):
    client = Client()
    step_post(client, officers, 1)
    response = step_post(client, officers, 2, "fully", action="back")
    assert response["Location"].endswith("step=1")
    _, items = sections()[1]
    page = client.get(respond_url(officers) + "?step=2")
    assert form_values(page, f"item-{items[0].pk}")[f"item-{items[0].pk}"] == ["fully"]


def test_a_tampered_answer_is_refused_on_its_step_and_nothing_is_kept(officers):
    client = Client()
    response = step_post(client, officers, 1, "tampered")
    assert response.status_code == 200
    assert "Choose one of the listed answers." in page_text(response)
    assert not drafts(client)


def test_notes_without_consent_are_refused_at_the_end_with_the_answers_kept(officers):
    client = Client()
    _, items = sections()[0]
    step_post(client, officers, 1, **{f"note-{items[0].pk}": "My own words"})
    total = len(sections())
    response = step_post(client, officers, total, action="send")
    assert response.status_code == 200
    assert "You wrote notes: check this box" in page_text(response)
    assert not PerspectiveResponse.objects.exists()
    response = step_post(client, officers, total, action="send", share_notes="on")
    assert response.status_code == 302
    assert PerspectiveAnswer.objects.filter(note="My own words").exists()


def test_two_links_keep_two_drafts(draft, officers):
    residents = Invitation.objects.create(assessment=draft, perspective="residents")
    client = Client()
    step_post(client, officers, 1, "fully")
    page = page_text(client.get(respond_url(residents)))
    assert "(0 of" in page


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("perspective", Perspective.values)
def test_the_promise_of_about_five_minutes_holds_for_every_perspective(perspective, language):
    statements = [
        item.text_for(perspective, language)
        for _, items in items_for_perspective(perspective)
        for item in items
    ]
    assert round(minutes_to_answer(statements)) <= 5, perspective  # "about five"
    assert re.search(r"about five minutes", page_text_of_promise())


def page_text_of_promise() -> str:
    from pathlib import Path

    return (Path(__file__).resolve().parents[2] / "templates/perspectives/respond.html").read_text()
