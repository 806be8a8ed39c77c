"""A perception gap goes into the action plan, jointly owned when a partner sees it differently."""

import pytest
from django.urls import reverse

from plans.models import ActionItem
from tests.conftest import client_for
from tests.factories import answer_all, invitees_answer, perspectives_of
from tests.html import page_text


def gap_url(assessment, item) -> str:
    return reverse("perception_gap_add", args=[assessment.pk, item.pk])


@pytest.fixture
def gaps(draft, no_noise):
    """The agency rates everything fully in place but its hiring; enough residents for
    statement by statement figures see nothing in place."""
    answer_all(draft, value="fully", **{"culture-hiring-looks-for-community-commitment": "planned"})
    invitees_answer(draft, "residents", ["not_in_place"] * 50)

    return perspectives_of(draft).gaps


@pytest.mark.django_db
class TestAddingAPerceptionGapToThePlan:
    def test_the_results_offer_it_for_each_gap(self, alice_client, draft, gaps):
        html = alice_client.get(reverse("assessment_results", args=[draft.pk])).content.decode()
        for gap in gaps:
            assert gap_url(draft, gap.item) in html
        assert "Add a meeting with Community partners: residents to the plan" in page_text(
            alice_client.get(reverse("assessment_results", args=[draft.pk]))
        )

    def test_it_asks_first_then_adds_a_joint_action_at_the_end_of_the_plan(
        self, alice_client, draft, gaps
    ):
        gap = gaps[0]
        confirm = page_text(alice_client.get(gap_url(draft, gap.item)))
        assert "Add this perception gap to the plan?" in confirm
        assert "Jointly with Community partners: residents" in confirm
        response = alice_client.post(gap_url(draft, gap.item))
        action = ActionItem.objects.get(
            source="own", suggestion=gap.suggestion, partner__startswith="Community"
        )
        assert response["Location"].endswith(f"/plan/#action-{action.pk}")
        assert action.title == (
            f"Talk through the perception gap on “{gap.suggestion.title}” with Community "
            "partners: residents"
        )
        assert action.partner == "Community partners: residents"
        assert "Your own assessment 100, Community partners: residents 0" in action.notes
        assert action.order == ActionItem.objects.filter(assessment=draft).count()
        # The plan built from the agency's own gaps came first, as on a first visit.
        built = ActionItem.objects.get(
            assessment=draft, source="gaps", suggestion__slug="hire-and-promote-for-community"
        )
        assert built.order < action.order

    def test_a_double_submit_adds_it_once(self, alice_client, draft, gaps):
        url = gap_url(draft, gaps[0].item)
        alice_client.post(url)
        response = alice_client.post(url, follow=True)
        assert "is already in the plan" in page_text(response)
        assert ActionItem.objects.filter(assessment=draft, source="own").count() == 1

    def test_any_member_can_add_it(self, bob, draft, gaps):
        assert client_for(bob).post(gap_url(draft, gaps[0].item)).status_code == 302

    def test_a_statement_that_is_not_a_gap_is_not_found(self, alice_client, draft):
        answer_all(draft, value="fully")
        from guidance.models import Item

        item = Item.objects.filter(is_active=True).first()
        assert alice_client.get(gap_url(draft, item)).status_code == 404
        assert alice_client.post(gap_url(draft, item)).status_code == 404
        assert not ActionItem.objects.exists()


@pytest.mark.django_db
def test_a_suggestion_answered_by_a_perception_gaps_action_counts_as_covered(
    alice_client, draft, gaps
):
    gap = gaps[0]
    alice_client.post(gap_url(draft, gap.item))
    # The action built from the gaps on the same suggestion is removed: the meeting remains.
    ActionItem.objects.filter(assessment=draft, source="gaps", suggestion=gap.suggestion).delete()
    text = page_text(alice_client.get(reverse("assessment_plan", args=[draft.pk])))
    assert "with gaps has no action" not in text and "with gaps have no action" not in text
