"""Reassessing in Chromium: submit, start again from a copy, raise two answers, submit, and
read what changed on the results page, in the trend chart and on the progress page."""

from django.urls import reverse
from playwright.sync_api import expect

from questionnaire.models import Assessment
from questionnaire.services import assessment_submit
from tests.browser import assert_accessible, assert_reflows, browser_test, log_in
from tests.factories import answer_by_suggestion, items_of

pytestmark = browser_test


def test_a_reassessment_from_a_copy_shows_what_changed(page, live_server, alice, draft):
    answer_by_suggestion(draft, "partly")
    Assessment.objects.filter(pk=draft.pk).update(name="2026 baseline")
    assert assessment_submit(assessment=draft, user=alice)
    log_in(page, live_server, alice)
    base = live_server.url

    page.goto(base + reverse("assessment_list"))
    page.get_by_label("Name of the assessment (optional)").fill("Spring 2027 review")
    page.get_by_label("A copy of “2026 baseline”", exact=False).check()
    page.get_by_role("button", name="Start a new assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Agency context")

    statements = items_of("establish-information-sharing-parameters")[:2]
    page.goto(
        base
        + reverse(
            "assessment_section",
            args=[Assessment.objects.get(name="Spring 2027 review").pk, "information-sharing"],
        )
    )
    for item in statements:
        page.locator(f"#item-{item.pk}").get_by_label("Fully in place and sustained").check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review and submit")
    page.get_by_role("button", name="Submit the assessment").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Results: Springfield Police Department"
    )
    progress = page.locator("#progress")
    expect(progress).to_contain_text("Change from “2026 baseline”")
    expect(progress.locator(".progress-table")).to_contain_text(
        "Information sharing Developing (50) Established (75) +25"
    )
    expect(progress).to_contain_text("2 statements improved, 0 slipped")
    progress.get_by_text("The trend across your 2 submitted assessments").click()
    expect(progress.locator("svg.trend-chart")).to_be_visible()
    expect(
        progress.get_by_role("table", name="Scores of each submitted assessment, oldest first")
    ).to_contain_text("Spring 2027 review")
    assert_accessible(page, "results with progress and the trend")
    assert_reflows(page, "results with progress and the trend")

    progress.get_by_role("link", name="Compare any two of your submitted assessments").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Progress over time: Springfield Police Department"
    )
    expect(page.get_by_role("heading", name="Improved (2)")).to_be_visible()
    assert_accessible(page, "progress page")
    assert_reflows(page, "progress page")

    page.goto(base + reverse("assessment_list"))
    expect(page.get_by_role("cell", name="Spring 2027 review started")).to_be_visible()
    assert_accessible(page, "assessments with the plan at a glance")
