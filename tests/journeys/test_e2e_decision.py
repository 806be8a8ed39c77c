"""From results to a decision, in Chromium: the first screen, the plan as a table, moving
actions with the keyboard and a screen reader's announcement, phones."""

import random

from django.urls import reverse
from playwright.sync_api import expect

from guidance.models import Item
from questionnaire.models import Response
from questionnaire.services import assessment_submit
from tests.browser import assert_accessible, assert_reflows, browser_test, log_in

pytestmark = browser_test

VALUES = ["not_in_place", "planned", "partly", "largely", "fully", "dont_know"]


def realistic(assessment, seed: int = 7) -> None:
    """A realistic mix: every level of the scale, a few "don't know", some notes."""
    rng = random.Random(seed)
    for item in Item.objects.filter(is_active=True):
        Response.objects.create(
            assessment=assessment,
            item=item,
            value=rng.choice(VALUES),
            note=rng.choice(["", "", "Policy drafted in 2024."]),
        )


def test_a_chief_sees_where_to_start_without_scrolling_and_plans_by_owner(
    page, live_server, alice, draft
):
    realistic(draft)
    assert assessment_submit(assessment=draft, user=alice)
    log_in(page, live_server, alice)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + reverse("assessment_results", args=[draft.pk]))

    priorities = page.locator("ol.priorities > li")
    expect(priorities).to_have_count(3)
    for n in range(3):
        box = priorities.nth(n).bounding_box()
        assert box["y"] + box["height"] <= 800, f"priority {n + 1} is below the first screen"
    assert page.locator("svg.score-chart").bounding_box()["y"] < 800
    expect(page.get_by_text("Overall readiness:")).to_be_in_viewport()
    assert_accessible(page, "results leading with the decision")

    page.get_by_role("link", name="Assign owners in the action plan").click()
    expect(page.locator("#plan-table tbody tr").first).to_be_visible()  # the plan has loaded
    titles = page.locator("#plan-table tbody tr td:nth-child(3) > a").all_inner_texts()
    assert len(titles) == len(set(titles)) >= 3

    for n, owner in enumerate(["Deputy Chief Ortiz", "Lt. Diaz", "Deputy Chief Ortiz"]):
        page.locator("#plan-table tbody tr").nth(n).locator("td:nth-child(3) > a").click()
        page.get_by_label("Choose the owner").select_option("outside")
        page.get_by_label("Name of the owner outside your team").fill(owner)
        page.get_by_role("button", name="Save the action").click()
    page.get_by_label("Filter by owner").select_option("Deputy Chief Ortiz")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_text(f"Showing 2 of {len(titles)} actions.")).to_be_visible()
    expect(page.locator("#plan-table tbody tr")).to_have_count(2)
    expect(page.locator("#plan-table tbody")).not_to_contain_text("Lt. Diaz")
    assert_accessible(page, "plan filtered by owner")

    page.goto(live_server.url + reverse("assessment_results", args=[draft.pk]))
    first = page.locator("ol.priorities > li").first
    expect(first).to_contain_text("Owner: Deputy Chief Ortiz")


def test_actions_move_with_the_keyboard_without_a_reload_and_are_announced(
    page, live_server, alice, draft
):
    realistic(draft)
    log_in(page, live_server, alice)
    page.goto(live_server.url + reverse("assessment_plan", args=[draft.pk]))
    rows = page.locator("#plan-table tbody tr")
    first, second = rows.nth(0).get_attribute("id"), rows.nth(1).get_attribute("id")
    page.evaluate("window.notReloaded = true")

    rows.nth(0).get_by_role("button", name="Down").focus()
    page.keyboard.press("Enter")
    expect(rows.nth(0)).to_have_attribute("id", second)
    expect(rows.nth(1)).to_have_attribute("id", first)
    expect(page.locator("#plan-announcer")).to_contain_text("to position 2 of")
    assert page.evaluate("window.notReloaded") is True
    # The keyboard stays on the action just moved, and the numbers follow the order.
    assert page.evaluate("document.activeElement.closest('tr').id") == first
    expect(rows.nth(0).locator(".plan-table__number")).to_have_text("1")
    expect(rows.nth(0).get_by_role("button", name="Up")).to_be_disabled()

    page.reload()
    expect(page.locator("#plan-table tbody tr").nth(1)).to_have_attribute("id", first)
    assert page.console_errors == []


def test_moving_works_without_javascript(page_without_js, live_server, alice, draft):
    realistic(draft)
    log_in(page_without_js, live_server, alice)
    page = page_without_js
    page.goto(live_server.url + reverse("assessment_plan", args=[draft.pk]))
    rows = page.locator("#plan-table tbody tr")
    second = rows.nth(1).get_attribute("id")
    rows.nth(1).get_by_role("button", name="Up").click()
    expect(page.locator("#plan-table tbody tr").first).to_have_attribute("id", second)
    assert page.url.endswith(f"#{second}")


def test_on_a_phone_the_steps_fit_one_line_and_no_page_scrolls_sideways(
    phone_page, live_server, alice, draft
):
    realistic(draft)
    log_in(phone_page, live_server, alice)
    page = phone_page
    page.goto(live_server.url + reverse("assessment_section", args=[draft.pk, "implementation"]))
    expect(page.get_by_text("Step 3 of 7: Implementation")).to_be_visible()
    expect(page.locator(".steps__list")).to_be_hidden()
    assert_accessible(page, "section on a phone")
    pages = [
        ("assessments", reverse("assessment_list")),
        ("section", reverse("assessment_section", args=[draft.pk, "implementation"])),
        ("review", reverse("assessment_review", args=[draft.pk])),
        ("results", reverse("assessment_results", args=[draft.pk])),
        ("plan", reverse("assessment_plan", args=[draft.pk])),
        ("invitations", reverse("assessment_invitations", args=[draft.pk])),
        ("account", reverse("account")),
    ]
    for label, path in pages:
        page.goto(live_server.url + path)
        assert_reflows(page, label)
    chart = page.goto(live_server.url + reverse("assessment_results", args=[draft.pk]))
    assert chart.ok
    # The chart's labels stay legible on a 390 px phone: at least 11 px tall as drawn.
    label_height = page.locator("svg.score-chart text").nth(3).bounding_box()["height"]
    assert label_height >= 11
