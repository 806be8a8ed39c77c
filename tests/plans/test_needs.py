"""What the chief needs from city hall: a short list kept with the plan, printed on the brief."""

import pytest
from django.db import DataError, IntegrityError, transaction
from django.urls import reverse

from plans.models import NEED_MAX_LENGTH, PlanNeed
from plans.services import reassessment_start
from tests.factories import answer_all
from tests.html import form_values, page_text
from tests.pdf import pdf_text, requires_pdf

pytestmark = pytest.mark.django_db


def needs_url(assessment) -> str:
    return reverse("assessment_plan_needs", args=[assessment.pk])


def test_the_plan_keeps_the_needs_entered_in_order_without_the_empty_ones(alice_client, draft):
    response = alice_client.post(
        needs_url(draft),
        {
            "need_1": "Funding for two outreach positions",
            "need_2": "",
            "need_3": " Council briefing ",
        },
    )
    assert response.status_code == 302
    assert list(draft.needs.values_list("position", "text")) == [
        (1, "Funding for two outreach positions"),
        (2, "Council briefing"),
    ]
    # The plan's form shows what was saved, in order, with the empty line gone.
    shown = form_values(
        alice_client.get(reverse("assessment_plan", args=[draft.pk])), "need_1"
    )
    assert shown["need_1"] == ["Funding for two outreach positions"]
    assert shown["need_2"] == ["Council briefing"]


def test_a_need_too_long_for_the_brief_is_refused_and_nothing_changes(alice_client, draft):
    PlanNeed.objects.create(assessment=draft, position=1, text="Council briefing")
    response = alice_client.post(needs_url(draft), {"need_1": "x" * (NEED_MAX_LENGTH + 1)})
    assert response.status_code == 200
    assert f"Keep it to {NEED_MAX_LENGTH} characters" in page_text(response)
    assert list(draft.needs.values_list("text", flat=True)) == ["Council briefing"]


def test_the_database_refuses_a_sixth_need_or_an_overlong_one(draft):
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanNeed.objects.create(assessment=draft, position=6, text="A sixth need")
    # PostgreSQL refuses it as too long for the column, SQLite by the check constraint.
    with pytest.raises((DataError, IntegrityError)), transaction.atomic():
        PlanNeed.objects.create(assessment=draft, position=1, text="x" * (NEED_MAX_LENGTH + 1))


def test_another_agency_cannot_change_the_list(charlie_client, draft):
    assert charlie_client.post(needs_url(draft), {"need_1": "Mine now"}).status_code == 404
    assert not draft.needs.exists()


def test_a_reassessment_carries_the_list_forward(alice, draft):
    PlanNeed.objects.create(assessment=draft, position=1, text="Council briefing")
    again = reassessment_start(agency=draft.agency, user=alice, copy_from=draft)
    assert list(again.needs.values_list("text", flat=True)) == ["Council briefing"]


@requires_pdf
def test_the_brief_prints_what_we_need(alice_client, draft):
    answer_all(draft, value="planned")
    PlanNeed.objects.create(assessment=draft, position=1, text="Data-sharing approval by June")
    text = pdf_text(alice_client.get(reverse("assessment_brief_pdf", args=[draft.pk])).content)
    assert "What we need from city hall" in text and "Data-sharing approval by June" in text
