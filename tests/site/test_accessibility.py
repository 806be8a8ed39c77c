"""axe-core (WCAG 2.0/2.1 A and AA) on every page and state, in Chromium.

Also the skip link, page titles, and an admin edit that users see. A new page should be
added to the lists here.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from guidance.models import Item, ReportDetails, Suggestion
from plans.models import ActionItem
from questionnaire.models import Response
from questionnaire.services import assessment_submit
from tests.browser import assert_accessible, assert_reflows, browser_test, log_in
from tests.factories import answer_all

pytestmark = browser_test

PUBLIC = [
    ("landing page", "/"),
    ("guidance library", "/guidance/"),
    ("scoring explained", "/scoring/"),
    ("log-in form", "/accounts/login/"),
    ("sign-up form", "/accounts/signup/"),
    ("sign-up: check your email", "/accounts/signup/sent/"),
    ("sign-up link not valid", "/accounts/signup/confirm/?token=not-a-token"),
    ("password reset form", "/accounts/password_reset/"),
    ("password reset sent", "/accounts/password_reset/done/"),
    ("password reset link expired", "/accounts/reset/MQ/expired-token/"),
    ("page not found", "/no-such-page/"),
    ("admin log-in", "/admin/login/"),
]


@pytest.mark.parametrize(("label", "path"), PUBLIC)
def test_public_pages_have_no_violations(page, live_server, label, path):
    page.goto(live_server.url + path)
    assert_accessible(page, label)


def test_form_errors_have_no_violations(page, live_server, alice):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email address").fill(alice.email)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Please enter a correct email address")).to_be_visible()
    assert_accessible(page, "log-in with a wrong password")


def test_every_page_of_an_assessment_has_no_violations(page, live_server, alice, draft):
    log_in(page, live_server, alice)
    base = live_server.url
    item = Item.objects.filter(domain__slug="buy-in").first()
    answer_all(draft, value="planned", **{item.slug: ""})
    Response.objects.filter(assessment=draft, item=item).delete()
    Response.objects.filter(assessment=draft).exclude(item=item).update(note="A note")
    pages = [
        ("dashboard", reverse("assessment_list")),
        ("account", reverse("account")),
        ("team", reverse("agency_team")),
        ("invitations", reverse("assessment_invitations", args=[draft.pk])),
        ("password change", reverse("password_change")),
        ("review with unanswered items", reverse("assessment_review", args=[draft.pk])),
        ("provisional results", reverse("assessment_results", args=[draft.pk])),
        ("action plan", reverse("assessment_plan", args=[draft.pk])),
    ]
    for label, path in pages:
        page.goto(base + path)
        assert_accessible(page, label)

    page.goto(base + reverse("assessment_review", args=[draft.pk]))
    page.get_by_role("button", name="Submit the assessment").click()
    expect(page.get_by_text("statement is unanswered").first).to_be_visible()
    assert_accessible(page, "review asking for confirmation")

    page.goto(base + reverse("assessment_section", args=[draft.pk, "buy-in"]))
    page.evaluate(
        "document.querySelector('input[type=radio]').value = 'tampered';"
        "document.querySelector('input[type=radio]').checked = true;"
    )
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text("Choose one of the listed answers.").first).to_be_visible()
    assert_accessible(page, "section with an error")

    page.goto(base + reverse("assessment_context", args=[draft.pk]))
    page.get_by_label("If it has: in which year did its participation begin?").fill("1800")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text("Enter a year between 1950").first).to_be_visible()
    assert_accessible(page, "agency context with errors")

    page.goto(base + reverse("assessment_plan", args=[draft.pk]))
    page.locator("#plan-table tbody a").first.click()
    assert_accessible(page, "action editor")
    page.get_by_label("Choose the owner").select_option("outside")
    page.get_by_label("Name of the owner outside your team").fill("Deputy Chief Ortiz")
    page.get_by_label("Target date").fill("2001-01-01")
    page.get_by_role("button", name="Save the action").click()
    expect(page.get_by_text("and is not done").first).to_be_visible()
    assert_accessible(page, "action plan with a warning and an overdue list")
    page.get_by_label("Filter by owner").select_option("Deputy Chief Ortiz")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_text("Showing 1 of")).to_be_visible()
    assert_accessible(page, "action plan filtered by owner")
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_text("Action: This field is required.")).to_be_visible()
    assert_accessible(page, "action plan with an error in the new action")
    action = ActionItem.objects.filter(assessment=draft).first()
    page.goto(base + reverse("assessment_action_edit", args=[draft.pk, action.pk]))
    page.get_by_label("Target date").fill("1850-01-01")
    page.get_by_role("button", name="Save the action").click()
    expect(page.get_by_text("Enter a date between").first).to_be_visible()
    assert_accessible(page, "action editor with an error")
    action = ActionItem.objects.filter(assessment=draft).first()
    page.goto(base + reverse("assessment_action_delete", args=[draft.pk, action.pk]))
    assert_accessible(page, "remove-action confirmation")

    assessment_submit(assessment=draft, user=alice)
    for label, path in [
        ("submitted results", reverse("assessment_results", args=[draft.pk])),
        ("read-only section", reverse("assessment_section", args=[draft.pk, "partnerships"])),
        ("read-only context", reverse("assessment_context", args=[draft.pk])),
    ]:
        page.goto(base + path)
        assert_accessible(page, label)


def test_pages_of_limits_and_outages_have_no_violations(page, live_server, alice, draft):
    from unittest import mock

    from django.db import OperationalError

    from accounts.signup import SignupDetails, signup_link_token
    from reports.pdf import render_slot

    details = SignupDetails(
        person={"full_name": "Alice", "email": alice.email},
        agency={"name": "Springfield", "agency_type": "municipal", "sworn_officers": "1-24",
                "state": "IL", "population_served": "<25k"},
    )  # fmt: skip
    page.goto(live_server.url + "/accounts/signup/confirm/?token=" + signup_link_token(details))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account is already set up")
    assert_accessible(page, "sign-up link already used")

    log_in(page, live_server, alice)
    answer_all(draft, value="planned")
    with render_slot(), render_slot():  # PDF_RENDERS_MAX is 2 by default
        page.goto(live_server.url + reverse("assessment_plan_pdf", args=[draft.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("The PDF could not be made just now")
    assert_accessible(page, "PDF busy")

    page.goto(live_server.url + reverse("assessment_plan", args=[draft.pk]))
    page.locator("#plan-table tbody a").first.click()
    page.evaluate(
        "const form = document.querySelector('form[method=post]:not([action])');"
        "for (let n = 0; n < 1200; n++) form.insertAdjacentHTML('beforeend',"
        " `<input type=hidden name=extra-${n} value=x>`);"
        "form.submit();"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("The form was too large to save")
    assert_accessible(page, "form too large")

    page.goto(live_server.url + reverse("assessment_section", args=[draft.pk, "buy-in"]))
    failure = OperationalError("connection refused")
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=failure):
        page.get_by_role("button", name="Save and continue").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "The service is temporarily unavailable"
        )
        assert_accessible(page, "database unavailable, answers kept")


def test_the_content_pages_of_issue_16_have_no_violations(page, live_server, alice, draft):
    """Page references as links to the report, the context questions with a message about
    answers that did not apply, examples from the same part of the report, at phone width."""
    details = ReportDetails.load()
    details.address = "https://reports.example.org/cvi-report.pdf"
    details.save()
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(live_server.url + "/guidance/")
    assert_accessible(page, "guidance library with links to the report")
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    log_in(page, live_server, alice)
    base = live_server.url
    page.goto(base + reverse("assessment_context", args=[draft.pk]))
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    # Answered before the first question; choosing "No" then hides it (it does not apply).
    page.get_by_role("group", name="If it has: how is its participation funded?").get_by_label(
        "Federal grants"
    ).check()
    page.get_by_role("group", name="Has your agency taken part in a CVI?").get_by_label(
        "No", exact=True
    ).check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text("were not kept: they do not apply")).to_be_visible()
    assert_accessible(page, "section saying which context answers were not kept")
    page.goto(base + reverse("assessment_section", args=[draft.pk, "implementation"]))
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    assert_accessible(page, "section with level descriptions at 320 px")
    answer_all(draft, value="partly")
    page.set_viewport_size({"width": 1280, "height": 800})  # results on phones: issue #12
    page.goto(base + reverse("assessment_results", args=[draft.pk]))
    page.locator("details.gap__more").first.locator("summary").click()
    assert_accessible(page, "results with examples opened")


def test_a_person_without_an_agency_sees_an_accessible_explanation(page, live_server, eve):
    log_in(page, live_server, eve)
    page.goto(live_server.url + "/assessments/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Your account is not linked to an agency"
    )
    assert_accessible(page, "no agency")


def test_the_skip_link_is_the_first_stop_and_moves_to_the_content(page, live_server):
    page.goto(live_server.url + "/guidance/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_page_titles_say_where_you_are(page, live_server, alice, draft):
    log_in(page, live_server, alice)
    page.goto(live_server.url + reverse("assessment_section", args=[draft.pk, "buy-in"]))
    expect(page).to_have_title("Buy-in · Assessment · CVI Readiness Self-Assessment")
    page.goto(live_server.url + "/guidance/")
    expect(page).to_have_title("Guidance library · CVI Readiness Self-Assessment")


def test_an_admin_edits_a_page_reference_and_users_see_it(page, live_server, root):
    suggestion = Suggestion.objects.get(slug="support-the-service-arm")
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Email address").fill(root.email)
    page.get_by_label("Password").fill("root-password-123")
    page.get_by_role("button", name="Log in").click()
    page.goto(live_server.url + f"/admin/guidance/suggestion/{suggestion.pk}/change/")
    page.get_by_label("First page").fill("24")
    page.get_by_label("Last page").fill("25")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()

    visitor = page.context.browser.new_page()
    visitor.goto(live_server.url + "/guidance/")
    expect(
        visitor.get_by_text("Support the service arm of the CVI (Report, pp. 24-25)")
    ).to_be_visible()
    visitor.close()


def test_the_axe_check_itself_catches_a_violation(page, live_server):
    page.goto(live_server.url + "/")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend',"
        " '<input type=text id=unlabelled>')"
    )
    with pytest.raises(pytest.fail.Exception, match="label"):
        assert_accessible(page, "deliberately broken landing page")


def test_the_axe_check_fails_on_text_it_cannot_see(page, live_server):
    # White text on a transparent badge: axe files it as "incomplete", the check as a failure.
    page.goto(live_server.url + "/")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend',"
        " '<span class=\"badge\">Invisible</span>')"
    )
    with pytest.raises(pytest.fail.Exception, match="color-contrast"):
        assert_accessible(page, "deliberately invisible badge")


def test_the_partner_and_promise_pages_not_walked_in_their_journey_have_no_violations(
    page, live_server, alice, bob, draft, safe_streets, settings
):
    """tests/journeys/test_e2e_partners.py walks the main ones; here the confirmations, the
    partner's page in English with an error, and the pages a partner link answers when it
    cannot be used."""
    from django.utils import timezone

    from partners.guidelines import guidelines_position_save
    from plans.models import Promise
    from tests.factories import partner_link

    base = live_server.url
    draft.plan_created_at = timezone.now()
    draft.save()
    ActionItem.objects.create(
        assessment=draft, title="Joint walk", partner_organization=safe_streets, order=1
    )
    guidelines_position_save(
        partner=safe_streets, side="agency", answers={"flow": "one_way", "kinds": "Names"}, by="A"
    )
    promise = Promise.objects.create(
        agency=alice.agency, promise="Monthly meetings", made_to="Eastside", made_on="2027-01-05"
    )
    token = partner_link(safe_streets)

    page.goto(base + reverse("partner_page", args=[token]))
    assert_accessible(page, "the partner's page in English")
    page.evaluate(
        "const flow = document.querySelector('input[name=flow]');"
        "flow.value = 'sideways'; flow.checked = true;"
    )
    page.get_by_role("button", name="Save our answers").click()
    expect(page.get_by_text("Choose one of the listed answers.").first).to_be_visible()
    assert_accessible(page, "the partner's page with an error")

    log_in(page, live_server, alice)
    for label, path in [
        ("change a partner", reverse("partner_edit", args=[safe_streets.pk])),
        ("remove a partner", reverse("partner_remove", args=[safe_streets.pk])),
        ("remove a promise", reverse("promise_remove", args=[promise.pk])),
    ]:
        page.goto(base + path)
        assert_accessible(page, label)
        assert_reflows(page, label)
    page.goto(base + reverse("partner_guidelines", args=[safe_streets.pk]))
    page.get_by_label("When will the guidelines be reviewed?").fill("1850-01-01")
    page.get_by_role("button", name="Save our answers").click()
    expect(page.get_by_text("Enter a date between the years 2000 and 2100.").first).to_be_visible()
    assert_accessible(page, "guidelines with an error")

    log_in(page, live_server, bob)
    page.goto(base + reverse("partner_page", args=[token]))
    expect(page.get_by_role("heading", level=1)).to_have_text("This page is the partner's")
    assert_accessible(page, "a partner's link opened by a member of the agency")
    page.context.clear_cookies()
    settings.PARTNER_LINK_RATE_LIMIT = 0
    page.goto(base + reverse("partner_page", args=[token]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Please try again in a few minutes.")
    assert_accessible(page, "a partner's link pausing")
    expired = partner_link(safe_streets, days=-1)
    page.goto(base + reverse("partner_page", args=[expired]))
    expect(page.get_by_role("heading", level=1)).to_have_text("This link no longer works")
    assert_accessible(page, "an expired partner link")
