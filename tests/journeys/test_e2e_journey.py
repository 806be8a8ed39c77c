"""The whole journey in a real Chromium: sign up, answer, stop, resume, submit, plan, PDF."""

import datetime
import re
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser import assert_accessible, assert_reflows, browser_test

pytestmark = browser_test

PASSWORD = "a long enough passphrase"
SECTIONS = [
    "Organizational culture",
    "Implementation",
    "Buy-in",
    "Partnerships",
    "Information sharing",
]


def sign_up(page, base: str, *, check) -> None:
    page.goto(f"{base}/accounts/signup/")
    check(page, "sign-up form")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name="Please correct the following")).to_be_visible()
    check(page, "sign-up form with errors")
    page.locator("#id_person-full_name").fill("Jordan Chief")
    page.locator("#id_person-email").fill("jordan.chief@riverton.example")
    page.locator("#id_agency-name").fill("Riverton Police Department")
    page.locator("#id_agency-agency_type").select_option("municipal")
    page.locator("#id_agency-sworn_officers").select_option("100-249")
    page.locator("#id_agency-state").select_option("OR")
    page.locator("#id_agency-population_served").select_option("100k-249k")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    check(page, "sign-up: check your email")

    # The link in the email finishes the sign-up.
    (message,) = mail.outbox
    assert message.to == ["jordan.chief@riverton.example"]
    page.goto(re.search(r"http://\S+/accounts/signup/confirm/\S+", message.body).group(0))
    expect(page.get_by_role("heading", level=1)).to_have_text("Finish signing up")
    expect(page.get_by_text("Riverton Police Department")).to_be_visible()
    page.get_by_label("Choose a password").fill(PASSWORD)
    page.get_by_label("Password again").fill("not the same passphrase")
    page.get_by_role("button", name="Create the account").click()
    expect(page.get_by_role("heading", name="Please correct the following")).to_be_visible()
    check(page, "sign-up: choosing a password, with errors")
    page.get_by_label("Choose a password").fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Create the account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Riverton Police Department: assessments"
    )


def answer_context(page) -> None:
    def choose(question: str, answer: str) -> None:
        page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()

    choose("Has your agency taken part in a CVI?", "Yes")
    page.get_by_label("If it has: in which year did its participation begin?").fill("2020")
    choose("If it has: would it take part in a CVI again?", "Yes")
    choose("Does the community share responsibility for addressing violence?", "Yes")
    choose(
        "Would your agency rather lead a CVI or support a community-led one?",
        "Support a community-led CVI",
    )
    page.get_by_label("Violence interruption or street outreach").check()


def answer_section_by_clicking(page, answer: str = "Partly in place", limit=None) -> None:
    items = page.locator("fieldset.rated-item")
    count = items.count() if limit is None else limit
    for n in range(count):
        items.nth(n).get_by_label(answer, exact=True).check()


def answer_section_with_keyboard(page) -> None:
    """Answer every item with Tab and the arrow keys only, and save with Enter."""
    items = page.locator("fieldset.rated-item").count()
    first_radio = page.locator("fieldset.rated-item input[type=radio]").first
    name = first_radio.get_attribute("name")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == name:
            break
    else:
        pytest.fail("Tab never reached the first rated item")
    focused = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth]; })()"
    )
    assert focused[0] != "none" and focused[1] != "0px", f"focus is not visible: {focused}"
    for n in range(items):
        page.keyboard.press("ArrowDown")  # first arrow: "Planned or under discussion"
        page.keyboard.press("ArrowDown")  # second: "Partly in place"
        page.keyboard.press("Tab")  # to the note
        if n == 0:
            page.keyboard.type("Typed without a mouse")
        page.keyboard.press("Tab")  # to the next item, or the first button
    assert page.evaluate("document.activeElement.textContent.trim()") == "Save and continue"
    page.keyboard.press("Enter")


def journey(page, base: str, *, check, keyboard: bool) -> None:
    sign_up(page, base, check=check)
    check(page, "empty dashboard")
    page.get_by_role("button", name="Start a new assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Agency context")
    check(page, "agency context")
    answer_context(page)
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Organizational culture")
    expect(page.get_by_text("Ask yourself")).to_be_visible()
    check(page, "culture section")
    answer_section_by_clicking(page)
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Implementation")
    answer_section_by_clicking(page, limit=2)
    page.get_by_role("button", name="Save and finish later").click()
    expect(page.get_by_text("Your answers are saved.")).to_be_visible()
    expect(page.get_by_text("6 of 23 statements answered")).to_be_visible()
    check(page, "dashboard with a draft")

    page.get_by_role("button", name="Log out").click()
    page.goto(f"{base}/accounts/login/")
    check(page, "log-in form")
    page.get_by_label("Email address").fill("jordan.chief@riverton.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name=re.compile(r"^Continue")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Implementation")
    expect(page.get_by_text("In progress: 2 of 5 answered")).to_be_visible()
    answer_section_by_clicking(page, answer="Not in place")
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Buy-in")
    check(page, "buy-in section")
    if keyboard:
        answer_section_with_keyboard(page)
    else:
        answer_section_by_clicking(page)
        page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partnerships")
    answer_section_by_clicking(page, answer="Don't know")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Information sharing")
    check(page, "information-sharing section")
    answer_section_by_clicking(page, answer="Planned or under discussion")
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Review and submit")
    expect(page.get_by_text("Every statement is answered.")).to_be_visible()
    check(page, "review page")
    page.get_by_role("button", name="Submit the assessment").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Results: Riverton Police Department")
    check(page, "submitted results")
    expect(page.get_by_text("Report, pp. 14-15").first).to_be_visible()
    expect(page.get_by_role("table", name="Scores by domain")).to_be_visible()

    page.get_by_role("link", name="Assign owners in the action plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Action plan: Riverton Police Department"
    )
    check(page, "action plan")
    first_title = page.locator("#plan-table tbody tr").first.locator("a").inner_text()
    page.locator("#plan-table tbody tr").first.locator("a").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit the action")
    check(page, "action editor")
    page.get_by_label("Choose the owner").select_option("outside")
    page.get_by_label("Name of the owner outside your team").fill("Deputy Chief Alvarez")
    page.get_by_label("Next 90 days").check()
    page.get_by_label("Status").select_option("in_progress")
    page.get_by_role("button", name="Save the action").click()
    expect(page.get_by_text(f"Saved “{first_title}”.")).to_be_visible()
    row = page.locator("#plan-table tbody tr").first
    expect(row).to_contain_text("Deputy Chief Alvarez")
    # "Next 90 days", chosen today, is a date.
    due = timezone.localdate() + datetime.timedelta(days=90)
    expect(row).to_contain_text(f"{due:%B} {due.day}, {due.year}")
    expect(row).to_contain_text("In progress")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Full plan (PDF)").click()
    download = download_info.value
    assert re.fullmatch(
        r"cvi-action-plan-riverton-police-department-\d{4}-\d{2}-\d{2}\.pdf",
        download.suggested_filename,
    )
    from tests.pdf import pdf_text

    text = pdf_text(Path(download.path()).read_bytes())
    assert "Riverton Police Department" in text and "Deputy Chief Alvarez" in text


def accessible_and_reflows(page, label: str) -> None:
    assert_accessible(page, label)
    assert_reflows(page, label)


def test_the_whole_journey_with_javascript_and_the_keyboard(page, live_server):
    journey(page, live_server.url, check=accessible_and_reflows, keyboard=True)
    assert page.console_errors == []


def test_the_whole_journey_without_javascript(page_without_js, live_server):
    # Reading where the focus is needs script, so here the buy-in section is clicked too; axe
    # needs script as well, and runs in the journey above.
    journey(page_without_js, live_server.url, check=lambda page, label: None, keyboard=False)
