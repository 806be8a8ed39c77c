"""Partners at the table, in the browser: the chief adds a partner and sends its link; the
partner opens it on a phone in Spanish, fills its side of the information-sharing guidelines
with one disagreement and updates an action it co-owns; the chief sees the agreement and the
open point, downloads the Word and PDF drafts, and both sides agree the version. Then the
promises page and its public page. axe on every new page and state; reflow at 320 px."""

import io
import re

from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from plans.models import ActionItem, PartnerOrganization
from tests.browser import assert_accessible, assert_reflows, browser_test, log_in
from tests.pdf import requires_pdf

pytestmark = [*browser_test, requires_pdf]

AGENCY_ANSWERS = {
    "What kinds of information will be shared?": "General information about ongoing "
    "conflicts, without names.",
    "Who may receive it, and how is it passed on?": "The outreach supervisor, by phone.",
    "What protects the people named in it, and the partner's standing in the community?": (
        "Nothing is written down; nothing is used to make an arrest."
    ),
    "How are a disagreement or a breach of the guidelines handled?": "The chief and the "
    "executive director meet within a week.",
}
PARTNER_KINDS = "Solo los lugares donde se teme una represalia, nunca nombres."


def downloaded(page, link_name: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    return open(info.value.path(), "rb").read()  # noqa: SIM115


def test_a_partner_drafts_the_guidelines_with_the_chief(
    page, phone_page, live_server, alice, draft
):
    base = live_server.url
    draft.plan_created_at = timezone.now()
    draft.save()

    # The chief adds the partner.
    log_in(page, live_server, alice)
    page.goto(base + reverse("assessment_list"))
    page.get_by_role("link", name="partners at the table").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partners at the table")
    assert_accessible(page, "partner list, empty")
    page.get_by_role("link", name="Add a partner organization").click()
    page.get_by_role("button", name="Add the partner").click()
    expect(page.get_by_text("This field is required.").first).to_be_visible()
    assert_accessible(page, "add a partner, with an error")
    assert_reflows(page, "add a partner, with an error")
    page.get_by_label("Name").fill("Safe Streets Springfield")
    page.get_by_label("CVI organization").check()
    page.get_by_label("Contact person").fill("Dana Reyes")
    page.get_by_label("Contact's email address").fill("dana@safestreets.example")
    page.get_by_role("button", name="Add the partner").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Safe Streets Springfield")
    partner = PartnerOrganization.objects.get()
    page.get_by_label("Spanish (español)").check()
    page.get_by_role("button", name="Email the link to dana@safestreets.example").click()
    expect(
        page.get_by_text("A personal link is on its way to dana@safestreets.example")
    ).to_be_visible()
    assert_accessible(page, "a partner with its link sent")
    assert_reflows(page, "a partner with its link sent")
    link = re.search(r"https?://[^/\s]+(/partner/\S+/)", mail.outbox[0].body).group(1)

    # An action of the plan is co-owned with the partner (the plan's own form chooses it).
    ActionItem.objects.create(
        assessment=draft,
        title="Joint walk of the Eastside",
        owner="Deputy Chief Ortiz",
        partner_organization=partner,
        order=1,
    )

    # The chief writes the agency's side.
    page.get_by_role("link", name="Information-sharing guidelines").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Information-sharing guidelines with Safe Streets Springfield"
    )
    assert_accessible(page, "guidelines, nobody wrote yet")
    page.get_by_label("One-way: from the police to the partner").check()
    for question, answer in AGENCY_ANSWERS.items():
        page.get_by_label(question).fill(answer)
    page.get_by_label("When will the guidelines be reviewed?").fill("2027-12-01")
    page.get_by_role("button", name="Save our answers").click()
    expect(page.get_by_text("Saved your agency's answers")).to_be_visible()

    # The partner, on a phone, in Spanish.
    partner_page = phone_page
    partner_page.goto(base + link)
    assert partner_page.evaluate("document.documentElement.lang") == "es"
    expect(partner_page.get_by_role("heading", level=1)).to_have_text(
        "Safe Streets Springfield y Springfield Police Department"
    )
    expect(partner_page.get_by_role("link", name="Log in")).to_have_count(0)
    assert_accessible(partner_page, "the partner's page in Spanish on a phone")
    assert_reflows(partner_page, "the partner's page in Spanish")
    take = "Tomar la respuesta de Springfield Police Department en lugar de la nuestra"
    boxes = partner_page.get_by_label(take)
    expect(boxes).to_have_count(6)
    for n in [0, 2, 3, 4, 5]:  # everything but the kinds of information
        boxes.nth(n).check()
    partner_page.get_by_label("¿Qué tipo de información se compartirá?").fill(PARTNER_KINDS)
    partner_page.get_by_role("button", name="Guardar nuestras respuestas").click()
    expect(partner_page.get_by_text("Se guardaron sus respuestas")).to_be_visible()
    expect(partner_page.get_by_text("Queda 1 punto por acordar.")).to_be_visible()
    assert_accessible(partner_page, "the partner's page with one open point")

    action = partner_page.locator("article.partner-action")
    action.get_by_label("Estado").select_option(label="En curso")
    action.get_by_label("Notas").fill("Recorrido fijado para junio.")
    action.get_by_role("button", name="Guardar").click()
    expect(partner_page.get_by_text("Se guardó “Joint walk of the Eastside”.")).to_be_visible()
    saved = ActionItem.objects.get()
    assert (saved.status, saved.notes) == ("in_progress", "Recorrido fijado para junio.")

    # The chief sees the agreement and the open point, and downloads both drafts.
    page.reload()
    expect(page.get_by_text("1 point still to agree.")).to_be_visible()
    question = page.locator("#question-kinds")
    expect(question).to_contain_text("Still to agree: the answers differ")
    expect(question).to_contain_text(PARTNER_KINDS)
    expect(page.locator("#question-recipients")).to_contain_text("Agreed")
    assert_accessible(page, "guidelines with one open point")
    assert_reflows(page, "guidelines with one open point")

    from docx import Document

    word = Document(io.BytesIO(downloaded(page, "Word draft (editable)")))
    text = "\n".join(p.text for p in word.paragraphs)
    assert AGENCY_ANSWERS["What kinds of information will be shared?"] in text
    assert PARTNER_KINDS in text
    assert "Still to agree." in text and "Not yet agreed: 1 point still to agree." in text

    from pypdf import PdfReader

    pdf = PdfReader(io.BytesIO(downloaded(page, "PDF draft")))
    root = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    pdf_text = " ".join(" ".join((p.extract_text() or "").split()) for p in pdf.pages)
    assert "Still to agree" in pdf_text and "Safe Streets Springfield" in pdf_text

    # The chief takes the partner's wording; both then agree the version.
    page.locator("#div_id_take_kinds").get_by_role("checkbox").check()
    page.get_by_role("button", name="Save our answers").click()
    expect(page.get_by_text("Both sides give the same answer to every question")).to_be_visible()
    page.get_by_label("Their role (optional)").fill("Chief of police")
    page.get_by_role("button", name=re.compile("^Mark version 3 agreed")).click()
    expect(page.get_by_text("Your agency agreed version 3.")).to_be_visible()
    assert_accessible(page, "guidelines agreed by the agency")

    partner_page.reload()
    expect(partner_page.get_by_label("Acordado por (nombre)")).to_have_value("Dana Reyes")
    partner_page.get_by_role("button", name="Marcar la versión 3 como acordada").click()
    expect(partner_page.get_by_text("Usted dio su acuerdo a la versión 3.")).to_be_visible()
    assert_accessible(partner_page, "the partner's page, agreed by both")
    page.reload()
    expect(page.get_by_text("Agreed by both organizations.")).to_be_visible()
    expect(page.get_by_text("Safe Streets Springfield: agreed by Dana Reyes")).to_be_visible()

    # The partner list, as the chief sees it now.
    page.goto(base + reverse("partner_list"))
    expect(page.get_by_text("version 3")).to_be_visible()
    assert_accessible(page, "partner list")
    assert_reflows(page, "partner list")

    # A withdrawn link explains itself, in Spanish.
    page.goto(base + reverse("partner_link_withdraw", args=[partner.pk]))
    assert_accessible(page, "withdrawing a partner's link")
    assert_reflows(page, "withdrawing a partner's link")
    page.get_by_role("button", name="Withdraw the link").click()
    partner_page.reload()
    expect(partner_page.get_by_role("heading", level=1)).to_have_text("Este enlace ya no funciona")
    assert_accessible(partner_page, "a withdrawn partner link in Spanish")


def test_the_chief_keeps_promises_in_the_open(page, live_server, alice, draft):
    base = live_server.url
    log_in(page, live_server, alice)
    page.goto(base + reverse("promises"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Promises to the community")
    page.get_by_role("button", name="Record the promise").click()
    expect(page.get_by_text("This field is required.").first).to_be_visible()
    assert_accessible(page, "promises, with an error")
    page.get_by_label("What was promised").fill("A monthly community meeting in the Eastside")
    page.get_by_label("Promised to").fill("Eastside Neighborhood Association")
    page.get_by_label("Promised on").fill("2026-01-05")
    page.get_by_label("To be kept by").fill("2026-03-31")
    page.get_by_role("button", name="Record the promise").click()
    expect(page.get_by_text("(overdue)")).to_be_visible()
    assert_accessible(page, "promises with one overdue")
    assert_reflows(page, "promises with one overdue")

    page.goto(base + reverse("assessment_plan", args=[draft.pk]))
    expect(page.get_by_text("Promises to the community past their due date (1)")).to_be_visible()

    page.goto(base + reverse("promises"))
    page.get_by_role("button", name="Publish the list").click()
    page.get_by_role("link", name=re.compile(r"agencies.springfield-pd.promises")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Springfield Police Department: promises to the community"
    )
    assert_accessible(page, "public promises")
    assert_reflows(page, "public promises")

    page.goto(base + reverse("promises"))
    page.get_by_role("link", name=re.compile("^Update")).click()
    page.get_by_label("Kept", exact=True).check()
    page.get_by_label("What the agency did").fill("Held on April 1 and May 6.")
    assert_accessible(page, "updating a promise")
    assert_reflows(page, "updating a promise")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Held on April 1 and May 6.")).to_be_visible()
