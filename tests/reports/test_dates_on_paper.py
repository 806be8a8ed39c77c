"""A timeframe chosen on a day becomes a date: the plan table, the brief, the full plan PDF
and the exports show the date, and "overdue" once it has passed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import answer_all, ensure_plan, results_of
from tests.html import page_text
from tests.pdf import pdf_text, requires_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def dated(draft):
    """The first priority's action: "Next 60 days", chosen on January 2, 2026 (so overdue);
    the second's "Next 30 days", chosen today."""
    answer_all(draft, value="planned")
    ensure_plan(draft)
    first, second = (p.result.action for p in results_of(draft).priorities[:2])
    first.timeframe, first.timeframe_set_on = "60", datetime.date(2026, 1, 2)
    first.save()
    second.timeframe, second.timeframe_set_on = "30", timezone.localdate()
    second.save()
    return draft


def due_in_30() -> str:
    return f"{timezone.localdate() + datetime.timedelta(days=30):%B %-d, %Y}"


def test_the_plan_table_shows_dates_not_timeframes(alice_client, dated):
    text = page_text(alice_client.get(reverse("assessment_plan", args=[dated.pk])))
    assert "March 3, 2026 overdue" in text
    assert due_in_30() in text
    table = text.split("Add an action of your own")[0].split("Assign the selected actions")[0]
    assert "Next 60 days" not in table  # (the form to assign ticked actions offers timeframes)


def test_the_results_show_the_dates_of_the_priorities(alice_client, dated):
    text = page_text(alice_client.get(reverse("assessment_results", args=[dated.pk])))
    assert "Due March 3, 2026 overdue" in text


@requires_pdf
@pytest.mark.parametrize("name", ["assessment_brief_pdf", "assessment_plan_pdf"])
def test_the_pdfs_show_the_dates_and_mark_what_is_overdue(alice_client, dated, name):
    text = pdf_text(alice_client.get(reverse(name, args=[dated.pk])).content)
    assert "Due: March 3, 2026 OVERDUE" in text
    assert due_in_30() in text
    assert "Next 60 days" not in text and "Next 30 days" not in text
