"""The action plan: one action per report suggestion with gaps, a table, an editor per action,
moving, filtering, due and overdue lists, and the information-sharing worksheet."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plans.models import ActionItem, InformationSharingWorksheet
from plans.owners import owner_of
from questionnaire.models import Assessment
from questionnaire.services import assessment_submit
from tests.conftest import client_for
from tests.factories import answer_by_suggestion, items_of
from tests.html import form_values, page_text

CAPACITY = "Assess the agency's capacity before agreeing to the work"
HIRING = "Hire and promote people who are committed to the community"
PROMISES = "Deliver on the promises made to the community"


def plan_url(assessment, **query) -> str:
    url = reverse("assessment_plan", args=[assessment.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def edit_url(action) -> str:
    return reverse("assessment_action_edit", args=[action.assessment_id, action.pk])


def move_url(action) -> str:
    return reverse("assessment_action_move", args=[action.assessment_id, action.pk])


def action_data(action, **changes) -> dict:
    """The action editor's form as the page posts it."""
    data = {
        "title": action.title,
        "owner_choice": owner_of(action),
        "owner_name": action.owner,
        "partner": action.partner,
        "timeframe": action.timeframe,
        "target_date": action.target_date.isoformat() if action.target_date else "",
        "status": action.status,
        "notes": action.notes,
    }
    data.update(changes)
    return data


@pytest.fixture
def gaps(draft):
    """Gaps on three suggestions: capacity (foundational, partly), hiring (both of its
    statements not in place) and promises (don't know); everything else fully in place."""
    answer_by_suggestion(draft, "fully", **{
        "conduct-a-capacity-assessment": "partly",
        "hire-and-promote-for-community": "not_in_place",
        "deliver-on-promises": "dont_know",
    })  # fmt: skip
    return draft


@pytest.mark.django_db
class TestBuildingThePlan:
    def test_the_first_visit_creates_one_action_per_suggestion_in_ranked_order(
        self, alice_client, gaps
    ):
        response = alice_client.get(plan_url(gaps))
        assert list(gaps.actions.values_list("title", flat=True)) == [CAPACITY, HIRING, PROMISES]
        text = page_text(response)
        assert f"{CAPACITY} (Report, p. 15)" in text
        assert f"{PROMISES} (Report, pp. 19-20)" in text

    def test_two_statements_on_one_suggestion_make_one_action_that_lists_both(
        self, alice_client, gaps
    ):
        alice_client.get(plan_url(gaps))
        hiring = gaps.actions.get(title=HIRING)
        statements = items_of("hire-and-promote-for-community")
        assert len(statements) >= 2
        text = page_text(alice_client.get(edit_url(hiring)))
        for item in statements:
            assert f"“{item.text}”: your answer, not in place" in text

    def test_no_two_actions_of_a_fresh_plan_share_a_title(self, alice_client, draft):
        answer_by_suggestion(draft, "planned")
        alice_client.get(plan_url(draft))
        titles = list(draft.actions.values_list("title", flat=True))
        assert len(titles) == len(set(titles)) == 12

    def test_visiting_again_adds_nothing(self, alice_client, gaps):
        alice_client.get(plan_url(gaps))
        alice_client.get(plan_url(gaps))
        assert gaps.actions.count() == 3

    def test_gaps_that_appear_later_are_offered_not_forced(self, alice_client, gaps):
        alice_client.get(plan_url(gaps))
        answer_by_suggestion(gaps, "fully", **{
            "conduct-a-capacity-assessment": "partly",
            "hire-and-promote-for-community": "not_in_place",
            "deliver-on-promises": "dont_know",
            "develop-and-maintain-partnerships": "planned",
        })  # fmt: skip
        text = page_text(alice_client.get(plan_url(gaps)))
        assert "1 report suggestion with gaps has no action in this plan." in text
        alice_client.post(reverse("assessment_plan_gaps", args=[gaps.pk]))
        assert gaps.actions.count() == 4
        assert gaps.actions.last().title.startswith("Develop and maintain")

    def test_an_assessment_without_gaps_gets_an_empty_plan_that_says_so(self, alice_client, draft):
        answer_by_suggestion(draft, "fully")
        text = page_text(alice_client.get(plan_url(draft)))
        assert "The plan has no actions yet: the assessment shows no gaps." in text

    def test_the_plan_page_takes_the_same_queries_for_3_or_12_actions(self, alice_client, gaps):
        alice_client.get(plan_url(gaps))
        with CaptureQueriesContext(connection) as few:
            alice_client.get(plan_url(gaps))
        answer_by_suggestion(gaps, "planned")
        alice_client.post(reverse("assessment_plan_gaps", args=[gaps.pk]))
        alice_client.get(plan_url(gaps))  # shows and clears the message "Added 9 actions"
        with CaptureQueriesContext(connection) as many:
            alice_client.get(plan_url(gaps))
        assert gaps.actions.count() == 12
        assert len(many) == len(few) <= 16  # with overdue promises, team, partners and needs


@pytest.mark.django_db
class TestEditingAnAction:
    def test_title_owner_partner_timeframe_status_and_notes_are_saved_after_submission(
        self, alice, gaps
    ):
        client = client_for(alice)
        client.get(plan_url(gaps))
        assert assessment_submit(assessment=gaps, user=alice)
        action = gaps.actions.get(title=PROMISES)
        response = client.post(edit_url(action), action_data(
            action, title="Report back at the May town hall", owner_name="Community liaison unit",
            partner="Safe Streets", timeframe="30", status="in_progress",
            notes="Monthly town hall",
        ), follow=True)  # fmt: skip
        assert "Saved “Report back at the May town hall”." in page_text(response)
        action.refresh_from_db()
        assert (action.title, action.owner, action.partner, action.status, action.notes) == (
            "Report back at the May town hall", "Community liaison unit", "Safe Streets",
            "in_progress", "Monthly town hall",
        )  # fmt: skip
        assert action.due_date == timezone.localdate() + datetime.timedelta(days=30)
        gaps.refresh_from_db()
        assert gaps.is_submitted

    def test_a_timeframe_counts_from_the_day_it_is_chosen_and_a_date_comes_first(
        self, alice_client, gaps
    ):
        alice_client.get(plan_url(gaps))
        action = gaps.actions.get(title=PROMISES)
        alice_client.post(edit_url(action), action_data(action, timeframe="90"))
        action.refresh_from_db()
        assert action.timeframe_set_on == timezone.localdate()
        ActionItem.objects.filter(pk=action.pk).update(
            timeframe_set_on=timezone.localdate() - datetime.timedelta(days=80)
        )
        action.refresh_from_db()
        alice_client.post(edit_url(action), action_data(action, owner_name="Lt. Diaz"))
        action.refresh_from_db()
        assert action.timeframe_set_on == timezone.localdate() - datetime.timedelta(days=80)
        assert action.is_due_soon
        alice_client.post(edit_url(action), action_data(action, target_date="2030-01-31"))
        action.refresh_from_db()
        assert action.due_date == datetime.date(2030, 1, 31)

    def test_an_overdue_action_is_saved_with_a_warning_and_listed_as_overdue(
        self, alice_client, gaps
    ):
        alice_client.get(plan_url(gaps))
        action = gaps.actions.get(title=PROMISES)
        past = timezone.localdate() - datetime.timedelta(days=10)
        response = alice_client.post(
            edit_url(action), action_data(action, target_date=past.isoformat()), follow=True
        )
        text = page_text(response)
        assert f"“{PROMISES}” was due {past:%B %-d, %Y} and is not done." in text
        assert f"Overdue (1) {PROMISES} : due {past:%B %-d, %Y}" in text

    def test_a_past_date_on_a_done_action_gets_no_warning(self, alice_client, gaps):
        alice_client.get(plan_url(gaps))
        action = gaps.actions.get(title=PROMISES)
        response = alice_client.post(
            edit_url(action),
            action_data(action, target_date="2025-01-01", status="done"),
            follow=True,
        )
        assert "is not done" not in page_text(response)
        assert "Overdue" not in page_text(response)

    @pytest.mark.parametrize("date", ["2027-02-30", "31/12/2027", "1850-01-01"])
    def test_an_impossible_date_is_an_error_and_nothing_is_saved(self, alice_client, gaps, date):
        alice_client.get(plan_url(gaps))
        action = gaps.actions.get(title=PROMISES)
        response = alice_client.post(
            edit_url(action), action_data(action, target_date=date, owner_name="Lt. Diaz")
        )
        assert response.status_code == 200
        assert "Target date:" in page_text(response)
        assert "<title>Error: Edit an action" in response.content.decode()
        action.refresh_from_db()
        assert action.owner == ""

    @pytest.mark.parametrize("field,value", [("timeframe", "45"), ("status", "finished")])
    def test_a_tampered_choice_is_refused(self, alice_client, gaps, field, value):
        alice_client.get(plan_url(gaps))
        action = gaps.actions.get(title=PROMISES)
        response = alice_client.post(edit_url(action), action_data(action, **{field: value}))
        assert response.status_code == 200
        assert "Choose one of the" in page_text(response)
        action.refresh_from_db()
        assert getattr(action, field) != value

    def test_removing_asks_for_confirmation_then_deletes(self, alice_client, gaps):
        alice_client.get(plan_url(gaps))
        action = gaps.actions.first()
        confirm = reverse("assessment_action_delete", args=[gaps.pk, action.pk])
        assert confirm in alice_client.get(edit_url(action)).content.decode()
        assert "Remove this action?" in page_text(alice_client.get(confirm))
        assert ActionItem.objects.filter(pk=action.pk).exists()
        alice_client.post(confirm)
        assert not ActionItem.objects.filter(pk=action.pk).exists()
        assert "1 report suggestion with gaps has no action" in page_text(
            alice_client.get(plan_url(gaps))
        )

    def test_the_agency_can_add_its_own_action_at_the_end(self, alice_client, gaps):
        alice_client.get(plan_url(gaps))
        alice_client.post(
            reverse("assessment_plan_add", args=[gaps.pk]),
            {
                "new-title": "Brief the city council",
                "new-owner_name": "Chief",
                "new-timeframe": "60",
                "new-status": "not_started",
            },
        )
        action = gaps.actions.last()
        assert (action.title, action.suggestion, action.source) == (
            "Brief the city council",
            None,
            ActionItem.Source.OWN,
        )
        assert action.timeframe_set_on == timezone.localdate()
        assert "Brief the city council Your agency's own action" in page_text(
            alice_client.get(plan_url(gaps))
        )

    def test_an_own_action_without_a_title_is_refused(self, alice_client, gaps):
        response = alice_client.post(
            reverse("assessment_plan_add", args=[gaps.pk]), {"new-status": "not_started"}
        )
        assert "Action: This field is required." in page_text(response)
        assert not gaps.actions.filter(source=ActionItem.Source.OWN).exists()


@pytest.mark.django_db
class TestMovingActions:
    def test_actions_move_up_and_down_without_javascript(self, alice_client, gaps):
        alice_client.get(plan_url(gaps))
        last = gaps.actions.last()
        response = alice_client.post(move_url(last), {"direction": "up"})
        assert response["Location"] == f"{plan_url(gaps)}#action-{last.pk}"
        assert list(gaps.actions.values_list("title", flat=True)) == [CAPACITY, PROMISES, HIRING]
        first = gaps.actions.first()
        response = alice_client.post(move_url(first), {"direction": "up"}, follow=True)
        assert gaps.actions.first() == first
        assert f"“{CAPACITY}” is already first." in page_text(response)

    def test_the_script_gets_json_and_no_redirect(self, alice_client, gaps):
        alice_client.get(plan_url(gaps))
        first = gaps.actions.first()
        response = alice_client.post(
            move_url(first), {"direction": "down"}, HTTP_ACCEPT="application/json"
        )
        assert response.json() == {"moved": True}
        assert gaps.actions.all()[1] == first

    def test_a_tampered_direction_moves_nothing(self, alice_client, gaps):
        alice_client.get(plan_url(gaps))
        before = list(gaps.actions.values_list("pk", flat=True))
        alice_client.post(move_url(gaps.actions.first()), {"direction": "sideways"})
        assert list(gaps.actions.values_list("pk", flat=True)) == before


@pytest.mark.django_db
class TestFilteringThePlan:
    def test_the_table_filters_by_owner_and_by_status(self, alice_client, gaps):
        alice_client.get(plan_url(gaps))
        gaps.actions.filter(title=HIRING).update(owner="Lt. Diaz", status="in_progress")
        gaps.actions.filter(title=PROMISES).update(owner="Sgt. Kim")
        by_owner = page_text(alice_client.get(plan_url(gaps, owner="Lt. Diaz")))
        assert "Showing 1 of 3 actions." in by_owner
        assert HIRING in by_owner and PROMISES not in by_owner
        by_status = page_text(alice_client.get(plan_url(gaps, status="not_started")))
        assert "Showing 2 of 3 actions." in by_status and HIRING not in by_status

    def test_an_unknown_filter_value_shows_every_action(self, alice_client, gaps):
        alice_client.get(plan_url(gaps))
        text = page_text(alice_client.get(plan_url(gaps, owner="Nobody")))
        assert all(title in text for title in (CAPACITY, HIRING, PROMISES))

    def test_actions_due_in_30_days_are_listed_apart(self, alice_client, gaps):
        alice_client.get(plan_url(gaps))
        soon = timezone.localdate() + datetime.timedelta(days=12)
        gaps.actions.filter(title=HIRING).update(target_date=soon)
        text = page_text(alice_client.get(plan_url(gaps)))
        assert f"Due in the next 30 days (1) {HIRING} : due {soon:%B %-d, %Y}" in text


@pytest.mark.django_db
class TestTamperedPlanRequests:
    def test_an_action_of_another_assessment_is_404_on_every_action_url(
        self, alice_client, charlie, gaps
    ):
        other = Assessment.objects.create(agency=charlie.agency)
        foreign = ActionItem.objects.create(assessment=other, title="Theirs", order=1)
        for name in (
            "assessment_action_edit",
            "assessment_action_move",
            "assessment_action_delete",
        ):
            url = reverse(name, args=[gaps.pk, foreign.pk])
            assert alice_client.post(url, {"owner": "Hijacked"}).status_code == 404
        foreign.refresh_from_db()
        assert (foreign.owner, ActionItem.objects.filter(pk=foreign.pk).exists()) == ("", True)

    def test_another_agency_cannot_remove_an_action(self, charlie_client, alice_client, gaps):
        alice_client.get(plan_url(gaps))
        action = gaps.actions.first()
        url = reverse("assessment_action_delete", args=[gaps.pk, action.pk])
        assert charlie_client.post(url).status_code == 404
        assert ActionItem.objects.filter(pk=action.pk).exists()

    def test_a_post_to_the_plan_page_changes_nothing(self, alice_client, gaps):
        alice_client.get(plan_url(gaps))
        response = alice_client.post(plan_url(gaps), {"actions-0-title": "Sneaky"})
        assert response["Location"] == plan_url(gaps)
        assert not gaps.actions.filter(title="Sneaky").exists()


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
    def test_after_an_error_in_a_new_action_the_page_still_offers_the_missing_gaps(
        self, alice_client, gaps
    ):
        alice_client.get(plan_url(gaps))
        gaps.actions.last().delete()
        response = alice_client.post(reverse("assessment_plan_add", args=[gaps.pk]), {})
        text = page_text(response)
        assert "1 report suggestion with gaps has no action in this plan." in text
        assert "<title>Error: Action plan" in response.content.decode()

    def test_saving_an_action_returns_to_it_in_the_plan(self, alice_client, gaps):
        alice_client.get(plan_url(gaps))
        action = gaps.actions.last()
        response = alice_client.post(edit_url(action), action_data(action, owner_name="Sgt. Kim"))
        assert response["Location"] == f"{plan_url(gaps)}#action-{action.pk}"


def add_own(client, assessment, title: str = "Brief the city council"):
    return client.post(
        reverse("assessment_plan_add", args=[assessment.pk]),
        {"new-title": title, "new-owner_name": "Chief", "new-status": "not_started"},
    )


def fill_plan(assessment, up_to: int) -> None:
    start = assessment.actions.count()
    ActionItem.objects.bulk_create(
        ActionItem(assessment=assessment, title=f"Own action {n}", order=n)
        for n in range(start + 1, up_to + 1)
    )


@pytest.mark.django_db
class TestPlanLimit:
    def test_a_full_plan_of_100_actions_refuses_another_and_keeps_what_was_typed(
        self, alice_client, gaps
    ):
        alice_client.get(plan_url(gaps))
        fill_plan(gaps, 100)
        response = add_own(alice_client, gaps, "Brief the school board")
        assert response.status_code == 200
        text = page_text(response)
        assert "Your plan has reached its limit of 100 actions" in text
        assert "Remove actions you no longer need" in text
        assert 'value="Brief the school board"' in response.content.decode()
        assert gaps.actions.count() == 100

    def test_own_actions_can_be_added_up_to_the_limit(self, alice_client, gaps, settings):
        settings.ACTIONS_PER_PLAN_MAX = 5
        alice_client.get(plan_url(gaps))  # three suggestions with gaps, three actions
        assert add_own(alice_client, gaps, "Fourth").status_code == 302
        assert add_own(alice_client, gaps, "Fifth").status_code == 302
        assert "reached its limit of 5 actions" in page_text(add_own(alice_client, gaps, "Sixth"))
        assert gaps.actions.count() == 5

    def test_gaps_beyond_the_limit_get_no_action_and_the_page_says_why(
        self, alice_client, gaps, settings
    ):
        settings.ACTIONS_PER_PLAN_MAX = 2
        alice_client.get(plan_url(gaps))
        assert gaps.actions.count() == 2
        response = alice_client.post(reverse("assessment_plan_gaps", args=[gaps.pk]), follow=True)
        assert gaps.actions.count() == 2
        text = page_text(response)
        assert "Your plan has reached its limit of 2 actions" in text
        assert "1 report suggestion with gaps has no action" in text

    def test_removing_an_action_makes_room_again(self, alice_client, gaps, settings):
        settings.ACTIONS_PER_PLAN_MAX = 3
        alice_client.get(plan_url(gaps))
        assert "reached its limit" in page_text(add_own(alice_client, gaps))
        gaps.actions.first().delete()
        assert add_own(alice_client, gaps).status_code == 302
        assert gaps.actions.count() == 3


@pytest.mark.django_db
class TestTheLargestPlan:
    def test_the_largest_allowed_plan_shows_and_saves_through_its_pages(self, alice_client, gaps):
        alice_client.get(plan_url(gaps))
        fill_plan(gaps, 100)
        gaps.actions.update(
            owner="Deputy Chief Ortiz",
            partner="Safe Streets outreach team",
            target_date=datetime.date(2027, 3, 31),
            notes="n" * 2000,
        )
        page = alice_client.get(plan_url(gaps))
        assert page.content.decode().count('<tr id="action-') == 100
        last = gaps.actions.order_by("order", "pk").last()
        data = form_values(alice_client.get(edit_url(last)), "title")
        data["owner_name"] = ["Captain Ng"]
        response = alice_client.post(edit_url(last), data)
        assert response.status_code == 302
        last.refresh_from_db()
        assert (last.owner, last.notes) == ("Captain Ng", "n" * 2000)

    def test_a_form_past_the_field_limit_gets_a_clear_page_not_a_bare_400(
        self, alice_client, gaps, settings
    ):
        alice_client.get(plan_url(gaps))
        data = {f"field-{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
        response = alice_client.post(reverse("assessment_plan_add", args=[gaps.pk]), data)
        assert response.status_code == 400
        text = page_text(response)
        assert "more fields than the server accepts at once" in text
        assert "Nothing was saved" in text
        assert "your browser usually keeps what you typed" in text
