"""How long the engaged agency's pages are: measured in Chromium and in the PDFs, on the
scenario of issue 25 (a reassessment, 10 answers each from line officers and CVI
organizations), and held to the issue's goals.

The figures are written to test-artifacts/page-lengths.txt (docs/performance.md quotes them).
With MEASURE_ONLY set, nothing is asserted: that is how the "before" figures were taken.
"""

import io
import os

import pytest
from django.test import Client
from django.urls import reverse

from tests.browser import ARTIFACTS, assert_accessible, assert_reflows, browser_test, log_in
from tests.factories import engaged_reassessment, personal_links

pytestmark = browser_test

MEASURE_ONLY = bool(os.environ.get("MEASURE_ONLY"))


def record(name: str, value) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    with (ARTIFACTS / "page-lengths.txt").open("a") as log:
        log.write(f"{name}\t{value}\n")


def goal(condition: bool, message: str) -> None:
    if not MEASURE_ONLY:
        assert condition, message


def pdf_pages(content: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(content)).pages)


def height(page) -> int:
    page.wait_for_load_state("load")
    return page.evaluate("document.documentElement.scrollHeight")


def width(page) -> tuple[int, int]:
    return page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )


def test_the_engaged_agencys_results_are_short_on_screen_and_on_paper(
    page, phone_page, live_server, alice, springfield, no_noise
):
    assessment = engaged_reassessment(springfield, alice)
    url = live_server.url + reverse("assessment_results", args=[assessment.pk])
    log_in(page, live_server, alice)
    page.goto(url)
    desktop = height(page)
    record("results height at 1280 px", desktop)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "results-engaged-1280.png", full_page=True)
    page.emulate_media(media="print")
    printed = pdf_pages(page.pdf(format="Letter"))
    record("results printed (Letter pages)", printed)
    log_in(phone_page, live_server, alice)
    phone_page.goto(url)
    phone = height(phone_page)
    scroll, client = width(phone_page)
    record("results height at 390 px", phone)
    record("results width at 390 px", scroll)
    plan_url = live_server.url + reverse("assessment_plan", args=[assessment.pk])
    phone_page.goto(plan_url)
    plan_scroll, plan_client = width(phone_page)
    table = phone_page.evaluate("document.getElementById('plan-table').scrollWidth")
    record("plan table width at 390 px", table)
    if not MEASURE_ONLY:
        for tab, label in ((page, "results, engaged agency"), (phone_page, "plan, engaged agency")):
            assert_accessible(tab, label)
        phone_page.goto(url)
        assert_accessible(phone_page, "results, engaged agency, on a phone")
        assert_reflows(phone_page, "results with perspectives and a previous assessment")
        phone_page.goto(plan_url)
        assert_reflows(phone_page, "plan of a reassessment")
    goal(desktop <= 5000, f"the results are {desktop} px long at 1280 px")
    goal(scroll <= client, f"the results scroll sideways at 390 px: {scroll} > {client}")
    goal(plan_scroll <= plan_client, f"the plan scrolls sideways: {plan_scroll} > {plan_client}")
    goal(table <= plan_client, f"the plan's table is {table} px wide on a {plan_client} px phone")
    goal(printed <= 3, f"the results print on {printed} pages")


@pytest.mark.parametrize("name", ["assessment_brief_pdf", "assessment_plan_pdf"])
def test_the_engaged_agencys_pdfs_keep_their_length(alice, springfield, name, no_noise):
    from tests.pdf import weasyprint_available

    if not weasyprint_available():
        pytest.skip("WeasyPrint needs Pango")
    assessment = engaged_reassessment(springfield, alice)
    client = Client()
    client.force_login(alice)
    pages = pdf_pages(client.get(reverse(name, args=[assessment.pk])).content)
    record(f"{name} pages", pages)
    goal(pages == 1 if name == "assessment_brief_pdf" else pages <= 13, f"{name}: {pages} pages")


def test_the_invitee_form_is_short_on_a_desktop_and_in_spanish_on_a_phone(
    page, phone_page, live_server, alice, springfield
):
    assessment = engaged_reassessment(springfield, alice, submit=False)
    token = personal_links(assessment, "line_officers", 1)[0]
    url = live_server.url + reverse("respond", args=[token])
    page.goto(url)
    desktop = height(page)
    phone_page.goto(url + "?lang=es")
    phone = height(phone_page)
    record("invitee form height at 1280 px (first page)", desktop)
    record("invitee form height at 390 px in Spanish (first page)", phone)
    goal(desktop <= 3500, f"the invitee form is {desktop} px long")
    steps = page.locator(".invitee-steps__list li").count()
    longest = max(height(page) for n in range(1, steps + 1) if page.goto(f"{url}?step={n}"))
    longest_phone = max(
        height(phone_page)
        for n in range(1, steps + 1)
        if phone_page.goto(f"{url}?lang=es&step={n}")
    )
    record("invitee form, longest step at 1280 px", longest)
    record("invitee form, longest step at 390 px in Spanish", longest_phone)
    goal(longest <= 4000, f"a step of the invitee form is {longest} px long")


def test_the_agency_context_page_shows_only_what_applies(page, live_server, alice, draft):
    log_in(page, live_server, alice)
    page.goto(live_server.url + reverse("assessment_context", args=[draft.pk]))
    page.get_by_role("group", name="Has your agency taken part in a CVI?").get_by_label(
        "Yes", exact=True
    ).check()
    after_yes = height(page)
    record("agency context height at 1280 px after Yes", after_yes)
    goal(after_yes <= 3200, f"the agency context page is {after_yes} px long after Yes")
