"""My actions: every action a person owns across the agency's assessments, by when it is due,
its status changed in place; the panel on the agency's home; and what a reassessment asks to
rate again once actions are done."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plans.models import ActionItem, ActionStatusChange
from plans.services import reassessment_start
from questionnaire.models import Assessment, Response
from questionnaire.services import assessment_submit
from tests.conftest import client_for
from tests.factories import answer_all, answer_by_suggestion, ensure_plan, items_of
from tests.html import page_text

TODAY = timezone.localdate


def owned(assessment, title, member, days=None, **fields) -> ActionItem:
    due = TODAY() + datetime.timedelta(days=days) if days is not None else None
    return ActionItem.objects.create(
        assessment=assessment, title=title, owner_member=member, target_date=due,
        order=ActionItem.objects.filter(assessment=assessment).count() + 1, **fields,
    )  # fmt: skip


@pytest.fixture
def mine(draft, alice, bob):
    """Bob owns four actions across two assessments; Alice one."""
    other = Assessment.objects.create(agency=draft.agency, created_by=alice, name="Fresh start")
    owned(draft, "Brief the council", bob, -3)
    owned(draft, "Sign the MOU", bob, 10)
    owned(other, "Train the patrol", bob, 90)
    owned(other, "Hire a coordinator", bob, None, status="done")
    owned(draft, "Alice's own", alice, 5)
    return draft


@pytest.mark.django_db
class TestMyActions:
    def test_every_action_i_own_across_assessments_by_when_it_is_due(self, bob, mine):
        text = page_text(client_for(bob).get(reverse("my_actions")))
        assert "Overdue (1) Brief the council" in text
        assert "Due in the next 30 days (1) Sign the MOU" in text
        assert "Later, or no date yet (1) Train the patrol" in text
        assert "Done or not applicable (1) Hire a coordinator" in text
        assert "From “Fresh start”" in text
        assert "Alice's own" not in text

    def test_a_status_is_changed_in_place_and_recorded(self, bob, mine):
        action = ActionItem.objects.get(title="Sign the MOU")
        url = reverse("my_action_status", args=[action.pk])
        response = client_for(bob).post(url, {"status": "in_progress"})
        assert response["Location"] == f"{reverse('my_actions')}#mine-{action.pk}"
        action.refresh_from_db()
        assert action.status == "in_progress"
        assert ActionStatusChange.objects.get(action=action).changed_by == bob
        json = client_for(bob).post(url, {"status": "done"}, HTTP_ACCEPT="application/json")
        assert json.json() == {"saved": True, "status": "Done"}

    def test_a_tampered_status_changes_nothing(self, bob, mine):
        action = ActionItem.objects.get(title="Sign the MOU")
        url = reverse("my_action_status", args=[action.pk])
        response = client_for(bob).post(url, {"status": "finished"}, follow=True)
        assert "Choose one of the statuses; nothing was changed." in page_text(response)
        action.refresh_from_db()
        assert action.status == "not_started"

    def test_another_agency_neither_sees_nor_changes_them(self, charlie, mine):
        action = ActionItem.objects.get(title="Sign the MOU")
        ActionItem.objects.filter(pk=action.pk).update(owner_member=charlie)  # even if tampered
        client = client_for(charlie)
        assert "Sign the MOU" not in page_text(client.get(reverse("my_actions")))
        url = reverse("my_action_status", args=[action.pk])
        assert client.post(url, {"status": "done"}).status_code == 404
        action.refresh_from_db()
        assert action.status == "not_started"

    def test_an_action_carried_forward_counts_once_in_its_newest_copy(self, alice, bob, mine):
        copy = reassessment_start(agency=alice.agency, user=alice, copy_from=mine)
        response = client_for(bob).get(reverse("my_actions"))
        assert response.content.decode().count(">Sign the MOU</a>") == 1
        assert f"From “{copy.display_name}”" in page_text(response)

    def test_the_page_takes_the_same_queries_for_4_or_40_actions(self, bob, mine):
        client = client_for(bob)

        def count() -> int:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse("my_actions")).status_code == 200
            return len(queries)

        few = count()
        for n in range(36):
            owned(mine, f"Action {n}", bob, n)
        assert count() == few

    def test_the_home_page_shows_my_actions_at_a_glance(self, bob, mine):
        text = page_text(client_for(bob).get(reverse("assessment_list")))
        assert "You own 3 open actions: 1 overdue, 1 due in the next 30 days, 1 later." in text
        assert "Brief the council : overdue since" in text

    def test_someone_with_no_action_is_told_how_to_get_one(self, alice, charlie):
        text = page_text(client_for(charlie).get(reverse("my_actions")))
        assert "You own no action yet." in text


@pytest.mark.django_db
class TestRateAgainAfterDone:
    @pytest.fixture
    def done(self, alice, bob):
        baseline = Assessment.objects.create(agency=alice.agency, created_by=alice, name="2026")
        answer_by_suggestion(baseline, "fully", **{"deliver-on-promises": "not_in_place"})
        assert assessment_submit(assessment=baseline, user=alice)
        ensure_plan(baseline)
        action = baseline.actions.get(suggestion__slug="deliver-on-promises")
        client_for(bob).post(
            reverse("my_action_status", args=[action.pk]), {"status": "done"}
        )
        return baseline, action

    def test_the_next_assessment_shows_the_done_actions_statements_first(self, alice, done):
        baseline, action = done
        copy = reassessment_start(agency=alice.agency, user=alice, copy_from=baseline)
        statements = items_of("deliver-on-promises")
        why = f"You marked “{action.title}” done on {TODAY():%B %-d, %Y}: rate this again."
        flagged = Response.objects.filter(assessment=copy).exclude(rate_again="")
        assert {r.item_id for r in flagged} == {item.pk for item in statements}
        assert all(r.rate_again == why for r in flagged)
        section = statements[0].domain.slug
        page = client_for(alice).get(reverse("assessment_section", args=[copy.pk, section]))
        html = page.content.decode()
        assert html.index('id="item-') == html.index(f'id="item-{statements[0].pk}"')
        assert why in page_text(page)
        context = page_text(client_for(alice).get(reverse("assessment_context", args=[copy.pk])))
        assert "Rate these again first" in context and why in context
        # Once the reassessment is submitted, its locked pages no longer ask for it.
        answer_all(copy, "largely")
        assert assessment_submit(assessment=copy, user=alice)
        url = reverse("assessment_section", args=[copy.pk, section])
        page = page_text(client_for(alice).get(url))
        assert "rate them again" not in page and why not in page

    def test_actions_done_before_the_earlier_assessment_began_are_not_asked_again(
        self, alice, done
    ):
        baseline, action = done
        ActionStatusChange.objects.filter(action=action).update(
            changed_at=baseline.created_at - datetime.timedelta(days=30)
        )
        copy = reassessment_start(agency=alice.agency, user=alice, copy_from=baseline)
        assert not Response.objects.filter(assessment=copy).exclude(rate_again="").exists()
