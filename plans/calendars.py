"""The plan in calendars (iCalendar, RFC 5545, through the `icalendar` library): a private feed
per person of the due dates of the actions they own, and an .ics file per action.

A due date is an all-day event (DTSTART as a DATE, DTEND the day after). Its UID comes from
the action's ``uid``, which a reassessment's copy keeps, so a calendar shows one event per
action however often the plan is carried forward or the feed is read. A person's feed address
holds a secret of which only a fingerprint is stored (``CalendarFeed``); making a new one
replaces the old, and turning it off deletes it.
"""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from icalendar import Calendar, Event

from accounts.models import User
from plans.models import ActionItem, CalendarFeed

PRODID = "-//CVI Readiness Self-Assessment//Action plan//EN"
UID_DOMAIN = "cvi-readiness-self-assessment"
# Calendars fetch a feed every 15 minutes to a day; more than this in an hour is not a
# calendar, and each fetch builds up to 500 events.
FEED_FETCHES_PER_HOUR = 60


def feed_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def calendar_feed_create(*, user: User) -> str:
    """A new private feed address for ``user`` (the old one, if any, stops working); returns
    its secret, which is shown once and never stored."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(
        user=user, defaults={"token_hash": feed_digest(token), "created_at": timezone.now()}
    )
    return token


def calendar_feed_delete(*, user: User) -> bool:
    """Turn the person's feed off; False if they had none."""
    return CalendarFeed.objects.filter(user=user).delete()[0] > 0


def calendar_feed_owner(token: str) -> User | None:
    """The person whose feed this secret opens, or None."""
    feed = CalendarFeed.objects.select_related("user").filter(token_hash=feed_digest(token))
    found = feed.first()
    return found.user if found and found.user.is_active else None


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def _event(action: ActionItem, link: str, stamp) -> Event:
    due = action.due_date
    event = Event()
    event.add("uid", f"{action.uid}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", due)  # a date: an all-day event
    event.add("dtend", due + timedelta(days=1))
    event.add("summary", f"Due: {action.title}")
    owner = action.owner_label or "no owner yet"
    event.add(
        "description",
        f"{action.assessment.agency.name} CVI action plan. Status: "
        f"{action.get_status_display().lower()}. Owner: {owner}.\n{link}",
    )
    event.add("url", link)
    event.add("last-modified", action.updated_at)
    event.add("transp", "TRANSPARENT")
    event.add("categories", ["CVI action plan"])
    return event


def calendar_of_actions(*, name: str, actions: list[ActionItem], link_for) -> bytes:
    """An iCalendar document with the due date of each action that has one."""
    calendar = _calendar(name)
    stamp = timezone.now().replace(microsecond=0)
    for action in actions:
        if action.due_date is not None:
            calendar.add_component(_event(action, link_for(action), stamp))
    return calendar.to_ical()


def feed_actions(user: User) -> list[ActionItem]:
    """What a person's feed shows: the open actions they own in their agency, not carried
    forward (at most the 500 most recently saved, the soonest first)."""
    if user.agency_id is None:
        return []
    actions = (
        ActionItem.objects.live()
        .filter(owner_member=user, assessment__agency_id=user.agency_id)
        .exclude(status__in=ActionItem.CLOSED)
        .select_related("assessment__agency", "owner_member")
    )
    # The due date is the target date, or the day a timeframe ends (ActionItem.due_date):
    # both are read in Python, so the 500 kept are the most recently saved.
    return sorted(
        (a for a in actions.order_by("-updated_at", "-pk")[:500] if a.due_date),
        key=lambda a: (a.due_date, a.pk),
    )
