"""The workshop's agreement on the results page and in the PDF appendix, checked against the
example computed by hand in test_agreement.py."""

import html

import pytest

from guidance.models import Item
from tests.conftest import client_for
from tests.pdf import pdf_text, requires_pdf
from tests.workshops.helpers import make_dana, rate_the_example, revealed, started, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def example(draft, alice, bob):
    """Alice, Bob and Dana rated four statements as in the hand-computed example, and left
    the others unrated; the ratings are revealed."""
    dana = make_dana(draft.agency)
    workshop = started(draft, alice, alice, bob, dana)
    rate_the_example(workshop, [alice, bob, dana])
    return revealed(workshop, alice)


def statements() -> int:
    return Item.objects.filter(is_active=True).count()


def test_the_results_show_the_hand_computed_agreement(example, draft, bob):
    page = html.unescape(client_for(bob).get(url("assessment_results", draft)).content.decode())
    assert "How far your command staff agreed" in page
    assert (
        f"Your command staff agreed exactly on <strong>2 of {statements()}</strong> statements "
        "before discussion, and within one level on <strong>3</strong> (4 statements were rated "
        "on the scale by at least two people"
    ) in page
    assert (
        "Krippendorff's alpha (ordinal), which corrects for agreement by chance: "
        "<strong>0.27</strong>" in page
    )
    assert "3 people rated every statement alone" in page


def test_before_the_reveal_the_results_say_only_that_rating_goes_on(draft, alice, bob):
    workshop = started(draft, alice, alice, bob)
    rate_the_example(workshop, [alice, bob, alice])
    page = html.unescape(client_for(bob).get(url("assessment_results", draft)).content.decode())
    assert "2 people are rating the statements alone" in page
    assert "agreed exactly" not in page


def test_without_a_workshop_the_results_say_nothing_of_one(draft, alice_client):
    page = alice_client.get(url("assessment_results", draft)).content.decode()
    assert "How far your command staff agreed" not in page


@requires_pdf
def test_the_pdf_appendix_prints_the_agreement(example, draft, alice_client):
    text = pdf_text(alice_client.get(url("assessment_plan_pdf", draft)).content)
    assert "How far the command staff agreed" in text
    assert f"agreed exactly on 2 of {statements()} statements before discussion" in text
    assert "within one level on 3" in text
    assert "0.27" in text
