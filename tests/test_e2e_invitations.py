"""An invited community partner answers on a phone; the owner manages links. axe throughout."""

import datetime

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from questionnaire.models import Invitation, PerspectiveAnswer, PerspectiveResponse
from tests.browser import assert_accessible, browser_test, log_in

pytestmark = browser_test


def test_an_invitee_answers_on_a_phone(phone_page, live_server, draft):
    page = phone_page
    invitation = Invitation.objects.create(assessment=draft, perspective="cvi_organisations")
    page.goto(live_server.url + reverse("respond", args=[invitation.token]))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Springfield Police Department")
    expect(page.get_by_text("Your answers are confidential")).to_be_visible()
    assert_accessible(page, "invitee questionnaire on a phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "no sideways scrolling"

    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Answer at least one statement before sending.")).to_be_visible()
    assert_accessible(page, "invitee questionnaire with an error")

    statements = page.locator("fieldset.rated-item")
    asked = statements.count()
    for n in range(asked):
        statements.nth(n).get_by_label("Largely in place", exact=True).check()
    statements.first.get_by_label("Note (optional)").fill("Monthly meetings have started.")
    page.get_by_label("Share my notes with the agency, without my name").check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    assert_accessible(page, "invitee thanks")

    response = PerspectiveResponse.objects.get()
    assert response.share_notes and response.answers.count() == asked == 16
    assert PerspectiveAnswer.objects.exclude(note="").count() == 1

    Invitation.objects.filter(pk=invitation.pk).update(revoked_at=timezone.now())
    page.goto(live_server.url + reverse("respond", args=[invitation.token]))
    expect(page.get_by_role("heading", level=1)).to_have_text("This link no longer accepts answers")
    assert_accessible(page, "withdrawn invitation")


def test_the_owner_creates_and_withdraws_a_link(page, live_server, alice, draft):
    log_in(page, live_server, alice)
    page.goto(live_server.url + reverse("assessment_invitations", args=[draft.pk]))
    assert_accessible(page, "invitations without links")
    page.get_by_label("Perspective").select_option("supervisors")
    page.get_by_label("Name for your own use").fill("Day shift sergeants")
    page.get_by_label("Open until").fill(
        (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    )
    page.get_by_role("button", name="Create the link").click()
    expect(page.get_by_text("The link for supervisors is ready")).to_be_visible()
    link = page.get_by_label("Link for supervisors (Day shift sergeants)")
    assert link.input_value().endswith(Invitation.objects.get().token + "/")
    assert_accessible(page, "invitations with a link")
    page.get_by_role("link", name="Withdraw the link for supervisors").click()
    assert_accessible(page, "withdraw confirmation")
    page.get_by_role("button", name="Withdraw the link").click()
    expect(page.get_by_role("cell", name="Withdrawn")).to_be_visible()


def test_results_with_perspectives_and_perception_gaps_are_accessible(
    page, live_server, alice, draft
):
    from django.test import Client

    from tests.factories import answer_all

    answer_all(draft, value="fully")
    invitation = Invitation.objects.create(assessment=draft, perspective="line_officers")
    url = reverse("respond", args=[invitation.token])
    data = {f"item-{r.item_id}": "not_in_place" for r in draft.responses.all()}
    for _ in range(3):
        Client().post(url, data)
    log_in(page, live_server, alice)
    page.goto(live_server.url + reverse("assessment_results", args=[draft.pk]))
    expect(page.get_by_role("heading", name="Perception gaps")).to_be_visible()
    assert_accessible(page, "results with perspectives")
