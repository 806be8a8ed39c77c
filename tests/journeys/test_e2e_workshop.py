"""A command-staff workshop in Chromium: the owner and two members rate alone, neither sees the
other's ratings, the owner reveals them, runs meeting mode with the keyboard only and submits;
the results show how far they agreed. axe and the 320 px reflow check on every new page."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from guidance.models import Item
from questionnaire.models import Response
from questionnaire.sections import questionnaire_sections
from tests.browser import assert_accessible, assert_reflows, browser_test, log_in
from tests.workshops.helpers import make_dana
from workshops.models import Rating

pytestmark = browser_test


def checked(page, label: str) -> None:
    assert_accessible(page, label)
    assert_reflows(page, label)


def content_accessible(page, label: str) -> None:
    """axe on our part of an admin page (Django's own admin header and breadcrumbs have
    contrast findings of their own, outside this project), and reflow on the whole page."""
    from axe_playwright_python.sync_playwright import Axe

    from tests.browser import AXE_OPTIONS

    results = Axe().run(page, context="#content-main", options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    assert_reflows(page, label)


def rate_first_section(page, values: list[str]) -> None:
    """Rate the first section's statements, one value each, and save."""
    page.get_by_role("link", name=re.compile("^Start rating")).click()
    for n, value in enumerate(values):
        page.locator(f"fieldset.rated-item >> nth={n}").locator(f"input[value={value}]").check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text("Your ratings are saved.")).to_be_visible()


def tab_to(page, name: str, limit: int = 80) -> None:
    """Press Tab until the link or button named ``name`` has focus (keyboard only); "a level"
    for the first choice of the agreed level."""
    focused = "document.activeElement.textContent.trim()"
    if name == "a level":
        focused = "document.activeElement.type === 'radio' ? 'a level' : ''"
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(focused) == name:
            return
    raise AssertionError(f"Tab never reached “{name}”")


def test_a_command_staff_rates_alone_then_agrees_in_a_meeting(page, live_server, alice, bob, draft):
    dana = make_dana(draft.agency)
    first = questionnaire_sections()[1]
    k, total = len(first.items), Item.objects.filter(is_active=True).count()
    base = live_server.url

    # The owner starts the workshop from the assessment.
    log_in(page, live_server, alice)
    page.goto(base + reverse("assessment_section", args=[draft.pk, first.slug]))
    page.get_by_role("link", name="Command-staff workshop").click()
    checked(page, "workshop: starting it")
    page.get_by_label("Alice Chief").check()
    page.get_by_role("button", name="Start the workshop").click()
    expect(page.get_by_text("Choose at least 2 people to rate.").first).to_be_visible()
    assert_accessible(page, "workshop: too few raters")
    for name in ("Bob Deputy", "Dana Deputy"):
        page.get_by_label(name).check()
    page.get_by_role("button", name="Start the workshop").click()
    expect(page.get_by_text("The workshop has started.")).to_be_visible()
    checked(page, "workshop: rating under way")
    rate_first_section(page, ["partly"] * k)

    # Bob and Dana rate alone, each in a browser of their own.
    for person, values in [(bob, ["partly"] * k), (dana, ["not_in_place"] + ["partly"] * (k - 1))]:
        other = page.context.browser.new_context(viewport={"width": 1280, "height": 900})
        tab = other.new_page()
        log_in(tab, live_server, person)
        tab.goto(base + reverse("assessment_workshop", args=[draft.pk]))
        expect(tab.get_by_text("each rating with its rater's name")).to_be_visible()
        tab.get_by_role("link", name=re.compile("^Start rating")).click()
        # Nobody else's rating shows: every level of every statement is unchosen.
        assert tab.locator("input[type=radio]:checked").count() == 0
        checked(tab, "workshop: rating a section")
        tab.goto(base + reverse("assessment_workshop", args=[draft.pk]))
        rate_first_section(tab, values)
        tab.goto(base + reverse("workshop_differences", args=[draft.pk]))
        expect(tab.get_by_role("heading", level=1)).to_have_text(
            "The ratings are not revealed yet: nobody sees them until then"
        )
        tab.goto(base + reverse("workshop_finish", args=[draft.pk]))
        checked(tab, "workshop: finishing")
        tab.get_by_role("button", name="I have finished rating").click()
        expect(tab.get_by_text("you have finished")).to_be_visible()
        other.close()
    assert Rating.objects.count() == 3 * k

    # The owner reveals the ratings and sees where they differ.
    page.goto(base + reverse("assessment_workshop", args=[draft.pk]))
    page.get_by_role("button", name="Reveal the ratings now").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Where you differ")
    expect(page.get_by_text("Not in place: Dana Deputy")).to_be_visible()
    checked(page, "workshop: where you differ")

    # Meeting mode, with the keyboard only: the most disputed statement comes first.
    disputed = first.items[0]
    tab_to(page, "Start meeting mode")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(disputed.text)
    font = page.evaluate("parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)")
    assert font >= 32, "large type for a projector"
    checked(page, "workshop: meeting mode")
    page.keyboard.press("Enter")  # nothing chosen: refused, with a message
    expect(page.get_by_text("Choose the level you agreed on").first).to_be_visible()
    assert_accessible(page, "workshop: meeting mode with an error")
    assert not Response.objects.filter(assessment=draft).exists()
    tab_to(page, "a level")
    page.keyboard.press("Space")
    page.keyboard.press("2")  # "planned or under discussion"
    page.keyboard.press("Enter")
    expect(page.get_by_text("Statement 1 is recorded as agreed.")).to_be_visible()
    page.keyboard.press("ArrowDown")  # from "not in place" to "planned"
    page.keyboard.press("ArrowDown")  # to "partly in place"
    page.keyboard.press("Enter")
    expect(page.get_by_text("Statement 2 is recorded as agreed.")).to_be_visible()
    tab_to(page, "Previous statement")
    page.keyboard.press("Enter")
    expect(page.locator("input[value=partly]")).to_be_checked()
    answers = dict(Response.objects.filter(assessment=draft).values_list("item_id", "value"))
    assert answers[disputed.pk] == "planned" and len(answers) == 2
    assert Rating.objects.get(item=disputed, rater__user=dana).value == "not_in_place"

    # The owner submits; the results show how far the raters agreed before discussion.
    page.goto(base + reverse("assessment_review", args=[draft.pk]))
    page.get_by_label("Submit with unanswered statements").check()
    page.get_by_role("button", name="Submit the assessment").click()
    expect(page.get_by_text("Assessment submitted.")).to_be_visible()
    summary = page.locator("#workshop .agreement__summary")
    expect(summary).to_contain_text(
        f"Your command staff agreed exactly on {k - 1} of {total} statements before "
        f"discussion, and within one level on {k - 1}"
    )
    assert_accessible(page, "results with the workshop's agreement")
    page.goto(base + reverse("workshop_meeting", args=[draft.pk, 1]))
    expect(page.get_by_text("The assessment was submitted")).to_be_visible()
    checked(page, "workshop: meeting mode once submitted")


def test_meeting_mode_works_without_javascript(page_without_js, live_server, alice, bob, draft):
    from tests.workshops.helpers import rate_the_example, revealed, started

    dana = make_dana(draft.agency)
    workshop = started(draft, alice, alice, bob, dana)
    items = rate_the_example(workshop, [alice, bob, dana])
    revealed(workshop, alice)
    page = page_without_js
    log_in(page, live_server, alice)
    page.goto(live_server.url + reverse("workshop_meeting", args=[draft.pk, 1]))
    page.get_by_label("Partly in place").check()
    page.get_by_role("button", name="Record it and go to the next statement").click()
    expect(page.get_by_text("Statement 1 is recorded as agreed.")).to_be_visible()
    assert Response.objects.get(assessment=draft, item=items[2]).value == "partly"
    page.get_by_role("link", name="Previous statement").click()
    expect(page.get_by_label("Partly in place")).to_be_checked()


def test_the_editors_agreement_pages_are_accessible(page, live_server, alice, bob, draft, root):
    from django.test import override_settings

    from tests.workshops.helpers import rate_the_example, revealed, started

    dana = make_dana(draft.agency)
    workshop = started(draft, alice, alice, bob, dana)
    items = rate_the_example(workshop, [alice, bob, dana])
    revealed(workshop, alice)
    log_in(page, live_server, root)
    with override_settings(PEER_MIN_AGENCIES=1):
        page.goto(live_server.url + reverse("admin:workshops_statementagreement_changelist"))
        expect(page.get_by_role("link", name=items[2].text)).to_be_visible()
        content_accessible(page, "admin: agreement per statement")
        page.get_by_role("link", name=items[2].text).click()
        expect(page.get_by_text("in force now")).to_be_visible()
        content_accessible(page, "admin: agreement before and after a change of descriptions")
