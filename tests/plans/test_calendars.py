"""Calendars: a private, revocable feed of a person's due dates and an .ics file per action,
checked against RFC 5545 by parsing them back with the icalendar library."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from plans.models import ActionItem, CalendarFeed
from plans.services import reassessment_start
from tests.conftest import client_for
from tests.html import page_text

DUE = datetime.date(2027, 5, 14)


@pytest.fixture
def plan(draft, bob):
    draft.plan_created_at = timezone.now()
    draft.save()
    ActionItem.objects.create(
        assessment=draft, title="Sign the MOU", target_date=DUE, owner_member=bob, order=1
    )
    ActionItem.objects.create(assessment=draft, title="No date", owner_member=bob, order=2)
    ActionItem.objects.create(
        assessment=draft, title="Finished", target_date=DUE, owner_member=bob, order=3,
        status="done",
    )  # fmt: skip
    return draft


def subscribe(client) -> str:
    """Make a calendar address on "My actions": the path shown once."""
    response = client.post(reverse("calendar_feed_manage"), {"feed": "new"})
    assert response.status_code == 200
    html = response.content.decode()
    url = html.split('id="feed-url" type="text" readonly value="')[1].split('"')[0]
    return url.removeprefix("http://testserver")


def events(body: bytes) -> list:
    calendar = Calendar.from_ical(body)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    return list(calendar.walk("VEVENT"))


@pytest.mark.django_db
class TestTheFeed:
    def test_the_feed_holds_each_open_dated_action_as_an_all_day_event(self, bob, plan):
        path = subscribe(client_for(bob))
        response = client_for(None).get(path)  # a calendar app has no session
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        [event] = events(response.content)
        assert str(event["SUMMARY"]) == "Due: Sign the MOU"
        assert event.decoded("DTSTART") == DUE  # a date, not a date-time
        assert event.decoded("DTEND") == DUE + datetime.timedelta(days=1)
        assert b"DTSTART;VALUE=DATE:20270514" in response.content
        stamp = event.decoded("DTSTAMP")
        assert stamp.tzinfo is not None and stamp.utcoffset() == datetime.timedelta(0)
        action = plan.actions.get(title="Sign the MOU")
        assert str(event["UID"]) == f"{action.uid}@cvi-readiness-self-assessment"
        assert f"/assessments/{plan.pk}/plan/actions/{action.pk}/" in str(event["URL"])

    def test_the_uid_stays_when_the_plan_is_carried_forward(self, alice, bob, plan):
        path = subscribe(client_for(bob))
        [before] = events(client_for(None).get(path).content)
        copy = reassessment_start(agency=alice.agency, user=alice, copy_from=plan)
        [after] = events(client_for(None).get(path).content)
        assert str(after["UID"]) == str(before["UID"])
        assert f"/assessments/{copy.pk}/" in str(after["URL"])

    def test_only_a_fingerprint_of_the_address_is_stored(self, bob, plan):
        path = subscribe(client_for(bob))
        token = path.removeprefix("/calendar/").removesuffix(".ics")
        assert len(token) >= 40
        stored = CalendarFeed.objects.get(user=bob)
        assert token not in stored.token_hash and len(stored.token_hash) == 64

    def test_a_new_address_replaces_the_old_and_turning_it_off_ends_it(self, bob, plan):
        client = client_for(bob)
        old = subscribe(client)
        new = subscribe(client)
        assert client_for(None).get(old).status_code == 404
        assert client_for(None).get(new).status_code == 200
        response = client.post(reverse("calendar_feed_manage"), {"feed": "off"}, follow=True)
        assert "Your calendar address is turned off" in page_text(response)
        assert client_for(None).get(new).status_code == 404

    def test_the_page_offers_a_new_address_or_turning_it_off_once_there_is_one(self, bob, plan):
        client = client_for(bob)
        assert "Make my calendar address" in page_text(client.get(reverse("my_actions")))
        subscribe(client)
        text = page_text(client.get(reverse("my_actions")))
        assert "Turn the calendar address off" in text
        assert 'id="feed-url"' not in client.get(reverse("my_actions")).content.decode()

    def test_a_feed_fetched_more_than_a_calendar_would_pauses(self, bob, plan, monkeypatch):
        monkeypatch.setattr("plans.my_actions_views.FEED_FETCHES_PER_HOUR", 3)
        path = subscribe(client_for(bob))
        assert [client_for(None).get(path).status_code for _ in range(4)] == [200] * 3 + [429]
        busy = client_for(None).get(path)
        assert busy["Retry-After"] == "3600" and b"try again later" in busy.content

    def test_an_unknown_address_is_404_and_is_not_logged(self, caplog, plan):
        response = client_for(None).get("/calendar/SeCrEt-not-a-feed.ics")
        assert response.status_code == 404
        assert "SeCrEt" not in caplog.text

    def test_someone_who_left_the_agency_sees_an_empty_calendar(self, bob, plan):
        path = subscribe(client_for(bob))
        bob.agency = None
        bob.save()
        assert events(client_for(None).get(path).content) == []


@pytest.mark.django_db
class TestFeedIsolation:
    def test_a_feed_never_holds_another_agencys_actions(self, alice, charlie, plan):
        ActionItem.objects.filter(assessment=plan).update(owner_member=None)
        ActionItem.objects.filter(title="Sign the MOU").update(owner_member=charlie)
        path = subscribe(client_for(charlie))
        assert events(client_for(None).get(path).content) == []


@pytest.mark.django_db
class TestAnActionsFile:
    def test_any_action_can_be_added_to_a_calendar_as_an_ics_file(self, alice_client, plan):
        action = plan.actions.get(title="Sign the MOU")
        url = reverse("action_calendar", args=[plan.pk, action.pk])
        response = alice_client.get(url)
        disposition = f'attachment; filename="cvi-action-{action.pk}.ics"'
        assert response["Content-Disposition"] == disposition
        calendar = Calendar.from_ical(response.content)
        assert str(calendar["METHOD"]) == "PUBLISH"
        [event] = calendar.walk("VEVENT")
        assert event.decoded("DTSTART") == DUE and event["DTSTAMP"]

    def test_an_action_without_a_date_says_to_give_it_one(self, alice_client, plan):
        action = plan.actions.get(title="No date")
        response = alice_client.get(
            reverse("action_calendar", args=[plan.pk, action.pk]), follow=True
        )
        assert "Give the action a target date or a timeframe first." in page_text(response)

    def test_another_agency_gets_404(self, charlie_client, plan):
        action = plan.actions.get(title="Sign the MOU")
        url = reverse("action_calendar", args=[plan.pk, action.pk])
        assert charlie_client.get(url).status_code == 404
