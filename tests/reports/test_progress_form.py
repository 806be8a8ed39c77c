"""The progress page's form shows what the table compares, and refuses an assessment
compared with itself."""

import pytest
from django.urls import reverse

from questionnaire.models import Assessment
from questionnaire.services import assessment_submit
from tests.factories import CONTEXT_ANSWERS, answer_all
from tests.html import form_values, page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(alice, springfield):
    made = []
    for name, value in [
        ("Baseline", "planned"),
        ("Fall 2026", "partly"),
        ("Spring 2027", "largely"),
    ]:
        assessment = Assessment.objects.create(
            agency=springfield, created_by=alice, name=name, **CONTEXT_ANSWERS
        )
        answer_all(assessment, value)
        assessment_submit(assessment=assessment, user=alice)
        made.append(assessment)
    return made


def selected(response, name: str) -> str:
    """What the menu sends as the page stands (its selected option, else its first)."""
    return form_values(response, "earlier")[name][0]


def test_the_menus_show_the_two_assessments_the_table_compares(alice_client, three):
    response = alice_client.get(reverse("assessment_progress"))
    assert selected(response, "earlier") == str(three[1].pk)
    assert selected(response, "later") == str(three[2].pk)
    assert "Change from “Fall 2026”" in page_text(response)


def test_a_chosen_pair_is_shown_and_stays_selected(alice_client, three):
    url = reverse("assessment_progress")
    response = alice_client.get(url, {"earlier": three[2].pk, "later": three[0].pk})
    assert "Change from “Baseline”" in page_text(response)
    assert selected(response, "earlier") == str(three[2].pk)


def test_an_assessment_compared_with_itself_is_refused_with_a_message(alice_client, three):
    url = reverse("assessment_progress")
    response = alice_client.get(url, {"earlier": three[0].pk, "later": three[0].pk})
    text = page_text(response)
    assert "one cannot be compared with itself" in text
    assert "Change from" not in text  # no comparison that the menus do not show
    assert text.startswith("Error:")
