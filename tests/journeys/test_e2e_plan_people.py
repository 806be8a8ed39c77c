"""The plan worked by people, in the browser: the chief gives a deputy three actions in one
form (without JavaScript, by keyboard), the deputy is reminded by email, subscribes to the
calendar feed, marks one done with a PDF attached, and the chief's weekly digest reports it.
axe and reflow on every new page."""

import re

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from icalendar import Calendar
from playwright.sync_api import expect

from plans.models import Evidence
from tests.browser import assert_accessible, assert_reflows, browser_test, log_in
from tests.factories import answer_by_suggestion

pytestmark = browser_test

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
SITE = "https://cvi.example.gov"


def test_a_deputy_works_three_actions_the_chief_assigned(
    page_without_js, page, live_server, alice, bob, draft
):
    from django.conf import settings

    answer_by_suggestion(draft, "fully", **{
        "conduct-a-capacity-assessment": "partly",
        "hire-and-promote-for-community": "not_in_place",
        "deliver-on-promises": "dont_know",
    })  # fmt: skip
    chief = page_without_js
    log_in(chief, live_server, alice)
    chief.goto(live_server.url + reverse("assessment_plan", args=[draft.pk]))
    titles = [
        "Assess the agency's capacity before agreeing to the work",
        "Hire and promote people who are committed to the community",
        "Deliver on the promises made to the community",
    ]
    # axe needs JavaScript: the plan page is checked in the next test, in a tab that has it.
    for title in titles:  # by keyboard: focus each tick, press Space
        chief.get_by_label(f"Select “{title}” to assign it").focus()
        chief.keyboard.press("Space")
    assign = chief.get_by_role("group", name="Assign the selected actions")
    assign.get_by_label("Choose the owner").select_option(label="Bob Deputy")
    assign.get_by_label("Timeframe").select_option(label="Next 30 days")
    assign.get_by_role("button", name="Assign the selected actions").click()
    expect(chief.get_by_text("Updated 3 actions.")).to_be_visible()
    for title in titles:
        expect(chief.get_by_role("row", name=re.compile(re.escape(title)))).to_contain_text(
            "Bob Deputy"
        )

    settings.PLAN_DIGEST_WEEKDAY = 7  # no digest yet: the week has not moved
    call_command("send_plan_reminders", base_url=SITE, verbosity=0)
    [reminder] = [m for m in mail.outbox if m.to == [bob.email]]
    assert "Due within 30 days:" in reminder.body
    assert all(title in reminder.body for title in titles)

    log_in(page, live_server, bob)
    page.goto(live_server.url + reverse("assessment_list"))
    expect(page.get_by_role("heading", name="My actions")).to_be_visible()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My actions").click()
    expect(page.get_by_role("heading", name="Due in the next 30 days (3)")).to_be_visible()
    assert_accessible(page, "my actions")
    assert_reflows(page, "my actions")
    page.get_by_role("button", name="Make my calendar address").click()
    address = page.get_by_label("Your calendar address").input_value()
    assert_accessible(page, "my actions with a new calendar address")
    feed = page.request.get(address.replace("http://testserver", live_server.url))
    calendar = Calendar.from_ical(feed.body())
    assert sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT")) == sorted(
        f"Due: {title}" for title in titles
    )

    page.get_by_label(f"Status of “{titles[1]}”").select_option("In progress")
    page.get_by_role("button", name=f"Save the status of “{titles[1]}”").click()
    expect(page.locator("#my-actions-announcer")).to_have_text(
        f"Saved: “{titles[1]}” is now in progress."
    )

    page.get_by_role("link", name=titles[0], exact=True).click()
    page.get_by_label("Attach a file").set_input_files(
        {"name": "Capacity review signed.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Attach the file").click()
    expect(page.get_by_text("Attached “Capacity review signed.pdf”.")).to_be_visible()
    assert_accessible(page, "an action with evidence")
    page.locator("#id_status").select_option("done")
    page.get_by_role("button", name="Save the action").click()
    expect(page.get_by_text(f"Saved “{titles[0]}”.")).to_be_visible()
    assert Evidence.objects.get().action.status == "done"

    settings.PLAN_DIGEST_WEEKDAY = 0
    call_command("send_plan_reminders", base_url=SITE, verbosity=0)
    [digest] = [m for m in mail.outbox if m.to == [alice.email] and "week of" in m.subject]
    assert f'Bob Deputy marked "{titles[0]}" done on' in digest.body
    assert f'Bob Deputy marked "{titles[1]}" in progress on' in digest.body
    assert "Who has nothing assigned:\n- Alice Chief" in digest.body


def test_the_team_plan_and_evidence_pages_are_accessible(page, live_server, alice, bob, draft):
    from guidance.models import Item

    answer_by_suggestion(draft, "fully", **{"deliver-on-promises": "dont_know"})
    log_in(page, live_server, alice)
    page.goto(live_server.url + reverse("assessment_plan", args=[draft.pk]))
    assert_accessible(page, "plan page with the assign form")
    assert_reflows(page, "plan page with the assign form")
    page.get_by_role("button", name="Assign the selected actions").click()
    expect(page.get_by_text("Select at least one action in the table above.").first).to_be_visible()
    assert_accessible(page, "plan page with an error in the assign form")
    action = draft.actions.get()
    page.goto(live_server.url + reverse("assessment_action_edit", args=[draft.pk, action.pk]))
    page.get_by_label("Choose the owner").select_option("outside")
    page.get_by_role("button", name="Save the action").click()
    expect(page.get_by_text("Type the name of the owner outside your team").first).to_be_visible()
    assert_accessible(page, "an action with an error in its owner")
    page.goto(live_server.url + reverse("agency_team"))
    page.get_by_role("link", name="Make an owner (Bob Deputy)").click()
    page.get_by_role("button", name="Make Bob Deputy an owner").click()
    expect(page.get_by_text("Bob Deputy is now an owner")).to_be_visible()
    page.get_by_role("link", name="Step down as owner").click()
    assert_accessible(page, "step down as owner")
    assert_reflows(page, "step down as owner")
    item = Item.objects.filter(is_active=True).first()
    page.goto(live_server.url + reverse("statement_evidence", args=[draft.pk, item.pk]))
    page.get_by_label("Attach a file").set_input_files(
        {"name": "notes.txt", "mimeType": "text/plain", "buffer": b"just text"}
    )
    page.get_by_role("button", name="Attach the file").click()
    expect(page.get_by_text("is not a PDF").first).to_be_visible()
    assert_accessible(page, "statement evidence with an error")
    assert_reflows(page, "statement evidence with an error")
