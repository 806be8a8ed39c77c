"""A submitted assessment is a record: its results and PDF show the guidance as it read at
submission, with a line saying what has changed since; a draft follows the guidance."""

import pytest
from django.urls import reverse

from guidance.models import Item, Suggestion
from questionnaire.services import assessment_submit
from tests.factories import answer_by_suggestion, ensure_plan
from tests.html import page_text
from tests.pdf import pdf_text, requires_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(alice, draft):
    answer_by_suggestion(draft, "fully", **{"conduct-a-capacity-assessment": "partly"})
    assert assessment_submit(assessment=draft, user=alice)
    ensure_plan(draft)
    # Later, an editor corrects a page reference and rewords a statement.
    Suggestion.objects.filter(slug="conduct-a-capacity-assessment").update(
        page_start=15, page_end=16
    )
    item = Item.objects.filter(suggestion__slug="conduct-a-capacity-assessment").first()
    Item.objects.filter(pk=item.pk).update(text="A reworded statement about capacity.")
    return draft, item


def results_text(client, assessment) -> str:
    return page_text(client.get(reverse("assessment_results", args=[assessment.pk])))


def test_the_results_keep_the_page_reference_and_wording_of_the_day_it_was_submitted(
    alice_client, submitted
):
    draft, item = submitted
    text = results_text(alice_client, draft)
    gaps = text.split("Gaps by report suggestion", 2)[2]
    assert "Assess the agency's capacity before agreeing to the work (Report, p. 15)" in gaps
    assert "(Report, pp. 15-16)" not in gaps
    assert "A reworded statement about capacity." not in gaps


def test_the_results_say_what_has_changed_since(alice_client, submitted):
    text = results_text(alice_client, submitted[0])
    assert "The guidance has changed since this assessment was submitted." in text
    assert "its page reference is now pp. 15-16 (was p. 15)" in text
    assert "has been reworded" in text


def test_a_draft_follows_the_guidance_as_it_reads_now(alice_client, draft):
    answer_by_suggestion(draft, "fully", **{"conduct-a-capacity-assessment": "partly"})
    Suggestion.objects.filter(slug="conduct-a-capacity-assessment").update(
        page_start=15, page_end=16
    )
    text = results_text(alice_client, draft)
    assert "(Report, pp. 15-16)" in text
    assert "The guidance has changed" not in text


@requires_pdf
def test_the_pdf_keeps_the_page_reference_of_the_day_it_was_submitted(alice_client, submitted):
    text = pdf_text(
        alice_client.get(reverse("assessment_plan_pdf", args=[submitted[0].pk])).content
    )
    assert "before agreeing to the work (Report, p. 15)" in text
    assert "(Report, pp. 15-16)" not in text
    assert "its page reference is now pp. 15-16 (was p. 15)" in text


def test_perception_gaps_and_quoted_notes_read_the_statement_as_it_was(submitted, no_noise):
    from tests.factories import invitees_answer, perspectives_of

    draft, item = submitted
    original = Item.history.filter(id=item.pk).earliest("history_date").text
    for perspective in ("line_officers", "cvi_organisations"):
        invitees_answer(draft, perspective, ["not_in_place"] * 50, notes={item: "Not yet."})
    draft.refresh_from_db()  # as a page reads it, with its record of the guidance
    perspectives = perspectives_of(draft)
    gaps = [gap for gap in perspectives.gaps if gap.item.pk == item.pk]
    assert gaps and {gap.item.text for gap in gaps} == {original}
    assert {gap.suggestion.pages for gap in gaps} == {"p. 15"}
    quoted = [note_item for _, note_item, _ in perspectives.notes if note_item.pk == item.pk]
    assert quoted and {note_item.text for note_item in quoted} == {original}
