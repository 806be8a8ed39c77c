"""Invitees answer on a phone, in English and in Spanish; the owner sends invitations and uses
the kit; perception gaps go into the plan. axe on every page and state, in both languages."""

import datetime
import re

from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from perspectives.models import (
    Invitation,
    PersonalInvitation,
    PerspectiveAnswer,
    PerspectiveResponse,
)
from plans.models import ActionItem
from tests.browser import assert_accessible, browser_test, log_in
from tests.factories import answer_all, invitees_answer, personal_links

pytestmark = browser_test


def no_sideways_scrolling(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "sideways scrolling"


def answer_every_step(page, level: str, next_label: str, *, note: tuple[str, str] = ()) -> int:
    """Answer every statement of every step with ``level``, a note on the first statement
    (``note``: its label and text), continuing to the last step; how many were answered."""
    asked = 0
    while True:
        statements = page.locator("fieldset.rated-item")
        for n in range(statements.count()):
            statements.nth(n).get_by_label(level, exact=True).check()
        asked += statements.count()
        if note and asked == statements.count():
            statements.first.get_by_label(note[0]).fill(note[1])
        following = page.get_by_role("button", name=next_label)
        if not following.count():
            return asked
        following.click()
        page.wait_for_load_state("load")


def test_an_invitee_answers_on_a_phone(phone_page, live_server, draft):
    page = phone_page
    invitation = Invitation.objects.create(assessment=draft, perspective="cvi_organisations")
    url = live_server.url + reverse("respond", args=[invitation.token])
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Springfield Police Department")
    expect(page.get_by_text("Your answers are confidential")).to_be_visible()
    expect(page.get_by_text("Step 1 of 5").first).to_be_visible()
    expect(page.get_by_role("link", name="Log in")).to_have_count(0)
    expect(page.get_by_role("link", name="Sign up")).to_have_count(0)
    assert_accessible(page, "invitee questionnaire on a phone")
    no_sideways_scrolling(page, 390)

    while page.get_by_role("button", name="Save and continue").count():
        page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Answer at least one statement before sending.")).to_be_visible()
    assert_accessible(page, "invitee questionnaire with an error")

    # The first step answered, then the tab closed: a new tab finds the answers again.
    page.goto(url)
    first = page.locator("fieldset.rated-item").first
    first.get_by_label("Largely in place", exact=True).check()
    page.get_by_role("button", name="Save and continue").click()
    # Closed once the next step has loaded: Chromium can leave a close that races a navigation's
    # commit unanswered, and page.close() then waits forever (microsoft/playwright#42366).
    expect(page.get_by_text("Step 2 of 5").first).to_be_visible()
    page.wait_for_load_state("load")
    page.close()
    page = phone_page.context.new_page()
    page.goto(url)
    expect(
        page.locator("fieldset.rated-item").first.get_by_label("Largely in place", exact=True)
    ).to_be_checked()

    asked = answer_every_step(
        page, "Largely in place", "Save and continue",
        note=("Note (optional)", "Monthly meetings have started."),
    )  # fmt: skip
    page.get_by_label("Quote my notes to the agency word for word, without my name").check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    assert_accessible(page, "invitee thanks")

    response = PerspectiveResponse.objects.get()
    assert response.share_notes and response.answers.count() == asked == 16
    assert PerspectiveAnswer.objects.exclude(note="").count() == 1

    Invitation.objects.filter(pk=invitation.pk).update(revoked_at=timezone.now())
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_have_text("This link no longer accepts answers")
    assert_accessible(page, "withdrawn invitation")


def test_an_invitee_answers_in_spanish_on_a_phone(phone_page, live_server, draft):
    page = phone_page
    [token] = personal_links(draft, "residents", 1, language="es")
    url = live_server.url + reverse("respond", args=[token])
    page.goto(url)
    assert page.evaluate("document.documentElement.lang") == "es"
    expect(page.get_by_role("heading", level=1)).to_contain_text("Su opinión sobre la preparación")
    expect(page.get_by_text("Sus respuestas son confidenciales")).to_be_visible()
    expect(page.get_by_text("no las palabras del informe")).to_be_visible()
    expect(page.get_by_text("Paso 1 de").first).to_be_visible()
    assert_accessible(page, "invitee questionnaire in Spanish on a phone")
    no_sideways_scrolling(page, 390)

    while page.get_by_role("button", name="Guardar y continuar").count():
        page.get_by_role("button", name="Guardar y continuar").click()
    page.get_by_role("button", name="Enviar mis respuestas").click()
    expect(page.get_by_text("Responda al menos una afirmación antes de enviar.")).to_be_visible()
    assert_accessible(page, "invitee questionnaire in Spanish with an error")

    page.goto(url)
    asked = answer_every_step(
        page, "En marcha en gran parte", "Guardar y continuar",
        note=("Nota (opcional)", "Las reuniones mensuales ya empezaron."),
    )  # fmt: skip
    page.get_by_role("button", name="Enviar mis respuestas").click()
    expect(page.get_by_text("Escribió notas: marque esta casilla").first).to_be_visible()
    assert_accessible(page, "invitee questionnaire in Spanish with an error on the notes")
    page.get_by_label("Citar mis notas a la agencia palabra por palabra, sin mi nombre").check()
    page.get_by_role("button", name="Enviar mis respuestas").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gracias")
    assert_accessible(page, "invitee thanks in Spanish")
    stored = PerspectiveResponse.objects.get()
    assert stored.answers.filter(value="largely").count() == asked
    assert PerspectiveAnswer.objects.get(note__startswith="Las reuniones").note

    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Este enlace ya se usó")
    assert_accessible(page, "used personal link in Spanish")
    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("This link has already been used")
    assert_accessible(page, "used personal link in English")


def test_the_language_switch_and_the_member_page_in_both_languages(page, live_server, bob, draft):
    invitation = Invitation.objects.create(assessment=draft, perspective="supervisors")
    page.goto(live_server.url + reverse("respond", args=[invitation.token]))
    page.get_by_role("link", name="Español").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Su opinión")
    assert page.evaluate("document.documentElement.lang") == "es"
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Este enlace ya no acepta respuestas")
    assert_accessible(page, "expired link in Spanish")

    log_in(page, live_server, bob)
    Invitation.objects.filter(pk=invitation.pk).update(expires_on=timezone.localdate())
    for language, heading in [
        ("en", "This invitation is not for members of the agency"),
        ("es", "Esta invitación no es para miembros de la agencia"),
    ]:
        page.goto(
            live_server.url + reverse("respond", args=[invitation.token]) + f"?lang={language}"
        )
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(page, f"member refused, {language}")


def test_the_owner_sends_personal_invitations_and_reminds(page, live_server, alice, draft):
    log_in(page, live_server, alice)
    page.goto(live_server.url + reverse("assessment_section", args=[draft.pk, "buy-in"]))
    page.get_by_role("link", name="Invite officers and partners").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Invite other perspectives")
    assert_accessible(page, "invitations without any")

    personal = page.locator("form").filter(
        has=page.get_by_role("button", name="Send the invitations")
    )
    personal.get_by_label("Perspective").select_option("residents")
    personal.get_by_label("Email addresses").fill("a@partners.example, not-an-address")
    page.get_by_role("button", name="Send the invitations").click()
    expect(page.get_by_text("These are not email addresses: not-an-address").first).to_be_visible()
    assert_accessible(page, "personal invitations with an error")

    personal.get_by_label("Email addresses").fill("a@partners.example\nb@partners.example")
    personal.get_by_label("Spanish (español)").check()
    page.get_by_role("button", name="Send the invitations").click()
    expect(
        page.get_by_text("2 personal invitations for Community partners: residents")
    ).to_be_visible()
    assert len(mail.outbox) == 2
    assert_accessible(page, "invitations with a round of personal invitations")
    page.get_by_role("button", name="Send a reminder").click()
    expect(page.get_by_text("A reminder is being emailed to everyone")).to_be_visible()
    assert len(mail.outbox) == 4
    page.get_by_role(
        "link", name="Withdraw the invitations of Community partners: residents"
    ).click()
    assert_accessible(page, "withdraw personal invitations")
    page.get_by_role("button", name="Withdraw the invitations").click()
    expect(page.get_by_text("withdrawn;")).to_be_visible()
    assert PersonalInvitation.objects.count() == 2


def test_the_owner_creates_an_open_link_and_uses_its_kit(page, live_server, alice, draft):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    log_in(page, live_server, alice)
    page.goto(live_server.url + reverse("assessment_invitations", args=[draft.pk]))
    opened = page.locator("form").filter(has=page.get_by_role("button", name="Create the link"))
    opened.get_by_label("Perspective").select_option("supervisors")
    opened.get_by_label("Name for your own use").fill("Day shift sergeants")
    opened.get_by_label("Most answers accepted").fill("2")
    page.get_by_role("button", name="Create the link").click()
    expect(page.get_by_text("Allow at least 10 answers").first).to_be_visible()
    assert_accessible(page, "open link with an error")
    opened.get_by_label("Most answers accepted").fill("30")
    opened.get_by_label("Open until").fill(
        (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    )
    page.get_by_role("button", name="Create the link").click()
    expect(page.get_by_text("The link for Supervisors is ready")).to_be_visible()
    token = Invitation.objects.get().token
    expect(page.locator("code", has_text=token)).to_be_visible()
    expect(page.get_by_role("img", name="QR code of the link for Supervisors")).to_be_visible()
    assert_accessible(page, "invitations with an open link and its kit")
    no_sideways_scrolling(page, 1280)

    page.get_by_role("button", name="Copy the link for Supervisors").click()
    expect(page.get_by_text("Copied.").first).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()").endswith(f"/respond/{token}/")
    email = page.get_by_label("Ready-to-edit email")
    email.fill("Please answer: " + email.input_value())
    page.get_by_role("button", name="Copy the email for Supervisors").click()
    assert page.evaluate("navigator.clipboard.readText()").startswith("Please answer: ")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Download the QR code")).click()
    assert download.value.suggested_filename.endswith(".svg")

    page.get_by_role("link", name="Withdraw the link for Supervisors").click()
    assert_accessible(page, "withdraw confirmation")
    page.get_by_role("button", name="Withdraw the link").click()
    expect(page.get_by_text("withdrawn.", exact=False).first).to_be_visible()


def test_without_javascript_the_link_is_plain_selectable_text(
    page_without_js, live_server, alice, draft
):
    page = page_without_js
    invitation = Invitation.objects.create(assessment=draft, perspective="line_officers")
    log_in(page, live_server, alice)
    page.goto(live_server.url + reverse("assessment_invitations", args=[draft.pk]))
    expect(page.locator("code", has_text=invitation.token)).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Copy"))).to_have_count(0)


def test_the_invitations_page_fits_a_small_phone(chromium, request, live_server, alice, draft):
    from tests.browser import _new_page

    page = _new_page(chromium, request, viewport={"width": 320, "height": 640})
    Invitation.objects.create(assessment=draft, perspective="line_officers", label="North")
    personal_links(draft, "residents", 2)
    log_in(page, live_server, alice)
    page.goto(live_server.url + reverse("assessment_invitations", args=[draft.pk]))
    no_sideways_scrolling(page, 320)
    assert_accessible(page, "invitations at 320 px")


def test_results_with_perspectives_chart_them_and_gaps_go_into_the_plan(
    page, live_server, alice, draft, no_noise
):
    answer_all(draft, value="fully")
    invitees_answer(draft, "residents", ["not_in_place"] * 50)
    log_in(page, live_server, alice)
    page.goto(live_server.url + reverse("assessment_results", args=[draft.pk]))
    expect(page.get_by_role("heading", name="Largest perception gaps")).to_be_visible()
    page.get_by_text("The same scores as a chart").click()
    expect(
        page.get_by_role("img", name=re.compile("Your scores beside each perspective"))
    ).to_be_visible()
    assert_accessible(page, "results with perspectives")

    page.get_by_role("link", name=re.compile("^Add a meeting with")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Add this perception gap to the plan?"
    )
    assert_accessible(page, "add a perception gap to the plan")
    page.get_by_role("button", name="Add it to the plan").click()
    action = ActionItem.objects.get(item=None)
    expect(page.locator(f"#action-{action.pk}")).to_be_visible()
    assert action.partner == "Community partners: residents"
