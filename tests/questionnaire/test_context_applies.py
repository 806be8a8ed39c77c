"""The agency context page shows the questions that apply to the first answer: folded away
on the server for the saved answer, hidden and shown by a script as the answer changes, and
whole without JavaScript."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from questionnaire.models import Assessment
from tests.browser import assert_accessible, assert_reflows, browser_test, log_in


def context_url(assessment) -> str:
    return reverse("assessment_context", args=[assessment.pk])


def section(html: str, when: str) -> str:
    return re.search(rf'<section[^>]*data-applies-when="{when}".*?</section>', html, re.S)[0]


@pytest.mark.django_db
def test_a_section_that_does_not_apply_to_the_saved_answer_is_folded_away(alice_client, draft):
    Assessment.objects.filter(pk=draft.pk).update(has_participated="yes")
    html = alice_client.get(context_url(draft)).content.decode()
    assert "<details" in section(html, "no") and "<details" not in section(html, "yes")


@pytest.mark.django_db
@pytest.mark.parametrize("answer", ["", "unsure"])
def test_without_a_clear_answer_every_section_is_open(alice_client, draft, answer):
    Assessment.objects.filter(pk=draft.pk).update(has_participated=answer)
    html = alice_client.get(context_url(draft)).content.decode()
    assert "<details" not in section(html, "no") and "<details" not in section(html, "yes")


def in_browser(test):
    for mark in browser_test:
        test = mark(test)
    return test


@in_browser
def test_choosing_an_answer_shows_only_the_questions_that_apply(page, live_server, alice, draft):
    log_in(page, live_server, alice)
    page.goto(live_server.url + context_url(draft))
    everything = page.evaluate("document.documentElement.scrollHeight")
    first = page.get_by_role("group", name="Has your agency taken part in a CVI?")
    first.get_by_label("Yes", exact=True).check()
    expect(page.get_by_role("heading", name="If your agency has not taken part")).to_be_hidden()
    expect(
        page.get_by_role("heading", name="If your agency has taken part in a CVI")
    ).to_be_visible()
    assert page.evaluate("document.documentElement.scrollHeight") < everything
    assert_accessible(page, "agency context after Yes")
    assert_reflows(page, "agency context after Yes")
    first.get_by_label("No", exact=True).check()
    expect(page.get_by_role("heading", name="If your agency has not taken part")).to_be_visible()
    expect(
        page.get_by_role("heading", name="If your agency has taken part in a CVI")
    ).to_be_hidden()
    page.get_by_role("button", name="Save and continue").click()
    assert Assessment.objects.get(pk=draft.pk).has_participated == "no"
    assert page.console_errors == []


@in_browser
def test_without_javascript_every_question_is_there_and_the_page_saves(
    page_without_js, live_server, alice, draft
):
    page = page_without_js
    log_in(page, live_server, alice)
    page.goto(live_server.url + context_url(draft))
    expect(page.get_by_role("heading", name="If your agency has not taken part")).to_be_visible()
    page.get_by_role("group", name="Has your agency taken part in a CVI?").get_by_label(
        "Yes", exact=True
    ).check()
    page.get_by_role("button", name="Save and continue").click()
    page.goto(live_server.url + context_url(draft))
    expect(page.get_by_text("These questions do not apply to your answer")).to_be_visible()
