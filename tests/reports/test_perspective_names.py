"""Perspectives are named as proper names everywhere the chief reads them, never lower-cased
or glued to a count ("community partners: cvi organizations 19")."""

import pytest
from django.urls import reverse

from guidance.models import COMMUNITY_PARTNERS, Perspective
from tests.factories import engaged_reassessment, invitees_answer
from tests.html import page_text
from tests.pdf import pdf_text, requires_pdf

pytestmark = pytest.mark.django_db

LOWERED = [label.lower() for value, label in Perspective.choices if value in COMMUNITY_PARTNERS]


@pytest.fixture
def engaged(springfield, alice, no_noise):
    """With about 50 CVI organizations' answers: enough for statement by statement gaps."""
    assessment = engaged_reassessment(springfield, alice)
    invitees_answer(assessment, "cvi_organisations", ["not_in_place"] * 50)
    return assessment


def assert_proper_names(text: str) -> None:
    for lowered in LOWERED:
        assert lowered not in text, lowered
    assert "Community partners: CVI organizations" in text


def test_the_results_and_the_invitations_name_perspectives_properly(alice_client, engaged):
    results = page_text(alice_client.get(reverse("assessment_results", args=[engaged.pk])))
    assert_proper_names(results)
    decision = results.split("Largest perception gap:", 1)[1].split("all perspectives")[0]
    assert " of 100 for " in decision  # a score is said with its name, not glued to it
    invitations = page_text(alice_client.get(reverse("assessment_invitations", args=[engaged.pk])))
    for lowered in LOWERED:
        assert lowered not in invitations


@requires_pdf
@pytest.mark.parametrize("name", ["assessment_brief_pdf", "assessment_plan_pdf"])
def test_the_pdfs_name_perspectives_properly(alice_client, engaged, name):
    text = pdf_text(alice_client.get(reverse(name, args=[engaged.pk])).content)
    for lowered in LOWERED:
        assert lowered not in text, lowered
