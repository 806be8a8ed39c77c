"""The editable action plan and the information-sharing worksheet."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from questionnaire.models import ActionItem, Assessment, InformationSharingWorksheet
from questionnaire.services import assessment_submit
from tests.conftest import client_for
from tests.factories import answer_all
from tests.html import page_text


def plan_url(assessment) -> str:
    return reverse("assessment_plan", args=[assessment.pk])


def formset_data(assessment, **changes_by_title) -> dict:
    """The plan form as the page would post it, with changes per action title."""
    actions = list(assessment.actions.all())
    data = {
        "actions-TOTAL_FORMS": str(len(actions)),
        "actions-INITIAL_FORMS": str(len(actions)),
        "actions-MIN_NUM_FORMS": "0",
        "actions-MAX_NUM_FORMS": "500",
    }
    for n, action in enumerate(actions):
        values = {
            "id": action.pk,
            "title": action.title,
            "owner": action.owner,
            "target_date": action.target_date.isoformat() if action.target_date else "",
            "status": action.status,
            "notes": action.notes,
        }
        values.update(changes_by_title.get(action.title, {}))
        data.update({f"actions-{n}-{key}": value for key, value in values.items()})
    return data


@pytest.fixture
def gaps(draft):
    """Three gaps: a foundational one, a larger one, a don't-know; the rest fully in place."""
    answer_all(draft, value="fully", **{
        "culture-hiring-looks-for-community-commitment": "not_in_place",
        "implementation-capacity-assessed": "partly",
        "buy-in-promises-kept": "dont_know",
    })  # fmt: skip
    return draft


@pytest.mark.django_db
class TestBuildingThePlan:
    def test_the_first_visit_creates_one_action_per_gap_in_ranked_order(self, alice_client, gaps):
        response = alice_client.get(plan_url(gaps))
        assert list(gaps.actions.values_list("title", flat=True)) == [
            "Assess the agency's capacity before agreeing to the work",
            "Hire and promote people who are committed to the community",
            "Deliver on the promises made to the community",
        ]
        text = page_text(response)
        assert (
            "Report suggestion: Assess the agency's capacity before agreeing to the work "
            "(Report, p. 15)" in text
        )
        assert "(Report, pp. 19-20)" in text
        assert "as don't know" in text

    def test_visiting_again_adds_nothing(self, alice_client, gaps):
        alice_client.get(plan_url(gaps))
        alice_client.get(plan_url(gaps))
        assert gaps.actions.count() == 3

    def test_gaps_that_appear_later_are_offered_not_forced(self, alice_client, gaps):
        alice_client.get(plan_url(gaps))
        answer_all(gaps, value="fully", **{
            "culture-hiring-looks-for-community-commitment": "not_in_place",
            "implementation-capacity-assessed": "partly",
            "buy-in-promises-kept": "dont_know",
            "partnerships-regular-contact": "planned",
        })  # fmt: skip
        text = page_text(alice_client.get(plan_url(gaps)))
        assert "1 gap of the assessment has no action in this plan." in text
        alice_client.post(reverse("assessment_plan_gaps", args=[gaps.pk]))
        assert gaps.actions.count() == 4
        assert gaps.actions.last().title.startswith("Develop and maintain")

    def test_an_assessment_without_gaps_gets_an_empty_plan_that_says_so(self, alice_client, draft):
        answer_all(draft, value="fully")
        text = page_text(alice_client.get(plan_url(draft)))
        assert "The plan has no actions yet: the assessment shows no gaps." in text


@pytest.mark.django_db
class TestEditingThePlan:
    def test_owner_date_status_and_notes_are_saved_also_after_submission(self, alice, gaps):
        client = client_for(alice)
        client.get(plan_url(gaps))
        assert assessment_submit(assessment=gaps, user=alice)
        data = formset_data(gaps, **{"Deliver on the promises made to the community": {
            "owner": "Community liaison unit", "target_date": "2027-03-31",
            "status": "in_progress", "notes": "Monthly town hall",
        }})  # fmt: skip
        response = client.post(plan_url(gaps), data, follow=True)
        assert "The action plan is saved." in page_text(response)
        action = gaps.actions.get(title="Deliver on the promises made to the community")
        assert (action.owner, action.target_date, action.status, action.notes) == (
            "Community liaison unit", datetime.date(2027, 3, 31), "in_progress",
            "Monthly town hall",
        )  # fmt: skip
        gaps.refresh_from_db()
        assert gaps.is_submitted

    def test_a_past_date_on_an_open_action_is_saved_with_a_warning(self, alice_client, gaps):
        alice_client.get(plan_url(gaps))
        past = (timezone.localdate() - datetime.timedelta(days=10)).isoformat()
        title = "Deliver on the promises made to the community"
        response = alice_client.post(
            plan_url(gaps), formset_data(gaps, **{title: {"target_date": past}}), follow=True
        )
        text = page_text(response)
        assert f"The target date of “{title}”" in text and "has passed" in text
        assert "Target date passed" in text
        assert gaps.actions.get(title=title).target_date.isoformat() == past

    def test_a_past_date_on_a_done_action_gets_no_warning(self, alice_client, gaps):
        alice_client.get(plan_url(gaps))
        title = "Deliver on the promises made to the community"
        response = alice_client.post(
            plan_url(gaps),
            formset_data(gaps, **{title: {"target_date": "2025-01-01", "status": "done"}}),
            follow=True,
        )
        assert "has passed" not in page_text(response)

    @pytest.mark.parametrize("date", ["2027-02-30", "31/12/2027", "1850-01-01"])
    def test_an_impossible_date_is_an_error_and_nothing_is_saved(self, alice_client, gaps, date):
        alice_client.get(plan_url(gaps))
        title = "Deliver on the promises made to the community"
        other = "Hire and promote people who are committed to the community"
        response = alice_client.post(
            plan_url(gaps),
            formset_data(gaps, **{title: {"target_date": date}, other: {"owner": "Lt. Diaz"}}),
        )
        assert response.status_code == 200
        text = page_text(response)
        assert f"“{title}”, Target date:" in text
        assert gaps.actions.get(title=other).owner == ""

    def test_actions_can_be_moved_up_and_down(self, alice_client, gaps):
        alice_client.get(plan_url(gaps))
        last = gaps.actions.last()
        alice_client.post(plan_url(gaps), {**formset_data(gaps), "move": f"up:{last.pk}"})
        titles = list(gaps.actions.values_list("title", flat=True))
        assert titles.index(last.title) == 1
        first = gaps.actions.first()
        alice_client.post(plan_url(gaps), {**formset_data(gaps), "move": f"up:{first.pk}"})
        assert gaps.actions.first() == first  # already first: nothing moves

    def test_moving_keeps_the_edits_made_on_the_page(self, alice_client, gaps):
        alice_client.get(plan_url(gaps))
        last = gaps.actions.last()
        data = formset_data(gaps, **{last.title: {"owner": "Sgt. Kim"}})
        alice_client.post(plan_url(gaps), {**data, "move": f"down:{gaps.actions.first().pk}"})
        last.refresh_from_db()
        assert last.owner == "Sgt. Kim"

    def test_removing_asks_for_confirmation_then_deletes(self, alice_client, gaps):
        alice_client.get(plan_url(gaps))
        action = gaps.actions.first()
        response = alice_client.post(plan_url(gaps), {**formset_data(gaps), "remove": action.pk})
        confirm = reverse("assessment_action_delete", args=[gaps.pk, action.pk])
        assert response["Location"] == confirm
        assert "Remove this action?" in page_text(alice_client.get(confirm))
        assert ActionItem.objects.filter(pk=action.pk).exists()
        alice_client.post(confirm)
        assert not ActionItem.objects.filter(pk=action.pk).exists()
        assert "1 gap of the assessment has no action" in page_text(
            alice_client.get(plan_url(gaps))
        )

    def test_the_agency_can_add_its_own_action_at_the_end(self, alice_client, gaps):
        alice_client.get(plan_url(gaps))
        alice_client.post(
            reverse("assessment_plan_add", args=[gaps.pk]),
            {
                "new-title": "Brief the city council",
                "new-owner": "Chief",
                "new-status": "not_started",
            },
        )
        action = gaps.actions.last()
        assert (action.title, action.suggestion, action.item) == (
            "Brief the city council",
            None,
            None,
        )
        assert "Added by your agency." in page_text(alice_client.get(plan_url(gaps)))

    def test_an_own_action_without_a_title_is_refused(self, alice_client, gaps):
        response = alice_client.post(
            reverse("assessment_plan_add", args=[gaps.pk]), {"new-status": "not_started"}
        )
        assert "Action: This field is required." in page_text(response)
        assert not gaps.actions.filter(item=None).exists()


@pytest.mark.django_db
class TestTamperedPlanForms:
    def test_an_action_of_another_assessment_cannot_be_edited(self, alice_client, charlie, gaps):
        other = Assessment.objects.create(agency=charlie.agency)
        foreign = ActionItem.objects.create(assessment=other, title="Theirs", order=1)
        alice_client.get(plan_url(gaps))
        data = formset_data(gaps)
        data["actions-0-id"] = foreign.pk
        data["actions-0-owner"] = "Hijacked"
        response = alice_client.post(plan_url(gaps), data)
        assert response.status_code == 200
        assert "The plan changed after this page was opened" in page_text(response)
        foreign.refresh_from_db()
        assert foreign.owner == ""

    def test_saving_a_page_that_still_shows_a_removed_action_saves_nothing(
        self, alice_client, gaps
    ):
        alice_client.get(plan_url(gaps))
        data = formset_data(
            gaps, **{"Deliver on the promises made to the community": {"owner": "Captain Ng"}}
        )
        gaps.actions.first().delete()  # in another window
        response = alice_client.post(plan_url(gaps), data)
        assert "Nothing was saved: reload the page" in page_text(response)
        assert gaps.actions.get(title__startswith="Deliver").owner == ""

    def test_extra_forms_do_not_create_actions(self, alice_client, gaps):
        alice_client.get(plan_url(gaps))
        data = formset_data(gaps)
        data["actions-TOTAL_FORMS"] = "4"
        data.update({"actions-3-title": "Sneaky", "actions-3-status": "done"})
        alice_client.post(plan_url(gaps), data)
        assert not gaps.actions.filter(title="Sneaky").exists()

    def test_another_agency_cannot_remove_an_action(self, charlie_client, alice_client, gaps):
        alice_client.get(plan_url(gaps))
        action = gaps.actions.first()
        url = reverse("assessment_action_delete", args=[gaps.pk, action.pk])
        assert charlie_client.post(url).status_code == 404
        assert ActionItem.objects.filter(pk=action.pk).exists()

    def test_an_action_id_of_another_assessment_in_the_remove_url_is_404(
        self, alice, charlie, gaps
    ):
        other = Assessment.objects.create(agency=charlie.agency)
        foreign = ActionItem.objects.create(assessment=other, title="Theirs", order=1)
        url = reverse("assessment_action_delete", args=[gaps.pk, foreign.pk])
        assert client_for(alice).post(url).status_code == 404
        assert ActionItem.objects.filter(pk=foreign.pk).exists()


@pytest.mark.django_db
class TestWorksheet:
    def test_the_worksheet_is_saved_with_the_plan(self, alice_client, gaps):
        url = reverse("assessment_worksheet", args=[gaps.pk])
        alice_client.post(url, {
            "flow": "two_way", "information_kinds": "Conflict updates without names",
            "recipients": "Outreach supervisor", "protections": "Verbal only",
            "sign_off": "Chief and executive director",
        })  # fmt: skip
        worksheet = InformationSharingWorksheet.objects.get(assessment=gaps)
        assert (worksheet.flow, worksheet.recipients) == ("two_way", "Outreach supervisor")
        assert "Conflict updates without names" in page_text(alice_client.get(plan_url(gaps)))

    def test_a_tampered_flow_is_refused(self, alice_client, gaps):
        url = reverse("assessment_worksheet", args=[gaps.pk])
        response = alice_client.post(url, {"flow": "sideways"})
        assert response.status_code == 200
        assert "Which way will information flow?" in page_text(response)
        assert not InformationSharingWorksheet.objects.exists()


@pytest.mark.django_db
class TestPlanPageKeepsItsPlace:
    def test_after_an_error_in_a_new_action_the_page_still_explains_each_gap(
        self, alice_client, gaps
    ):
        alice_client.get(plan_url(gaps))
        gaps.actions.last().delete()
        response = alice_client.post(reverse("assessment_plan_add", args=[gaps.pk]), {})
        text = page_text(response)
        assert "1 gap of the assessment has no action in this plan." in text
        assert "as not in place" in text
        assert "<title>Error: Action plan" in response.content.decode()

    def test_moving_an_action_returns_to_it(self, alice_client, gaps):
        alice_client.get(plan_url(gaps))
        last = gaps.actions.last()
        response = alice_client.post(
            plan_url(gaps), {**formset_data(gaps), "move": f"up:{last.pk}"}
        )
        assert response["Location"] == f"{plan_url(gaps)}#action-{last.pk}"
