"""Readiness over time: named assessments, reassessing from a copy that carries the plan
forward, change and trend from frozen snapshots, the plan across time."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from guidance.models import Item
from plans.models import (
    ActionItem,
    ActionStatusChange,
    InformationSharingWorksheet,
    PartnerOrganization,
)
from plans.services import reassessment_start
from questionnaire.models import Assessment, Response
from questionnaire.services import assessment_submit
from tests.conftest import client_for
from tests.factories import answer_by_suggestion, ensure_plan, items_of, progress_of
from tests.html import page_text

PLAN_FIELDS = [
    "source", "item_id", "suggestion_id", "title", "partner", "owner", "owner_member_id",
    "timeframe", "timeframe_set_on", "target_date", "status", "notes", "order",
]  # fmt: skip


def submitted(alice, value="partly", when=None, **by_suggestion) -> Assessment:
    assessment = Assessment.objects.create(agency=alice.agency, created_by=alice, name="Baseline")
    answer_by_suggestion(assessment, value, **by_suggestion)
    assert assessment_submit(assessment=assessment, user=alice)
    if when is not None:
        Assessment.objects.filter(pk=assessment.pk).update(submitted_at=when)
    assessment.refresh_from_db()
    return assessment


def readiness_level(assessment) -> str:
    from questionnaire.scored import assessment_scored

    overall = assessment_scored(assessment).results.overall
    return f"{overall.level.label} ({overall.score:.0f})"


@pytest.fixture
def baseline(alice):
    """Submitted a year ago, with a plan that has owners, dates, history and a worksheet."""
    assessment = submitted(
        alice,
        "partly",
        timezone.now() - datetime.timedelta(days=365),
        **{"deliver-on-promises": "not_in_place"},
    )
    ensure_plan(assessment)
    first, second = assessment.actions.all()[:2]
    ActionItem.objects.filter(pk=first.pk).update(
        title="Draft a written information-sharing agreement",
        partner="Safe Streets", owner_member=alice, timeframe="60",
        timeframe_set_on=datetime.date(2026, 1, 5), status="in_progress", notes="Draft 2 sent",
    )  # fmt: skip
    ActionItem.objects.filter(pk=second.pk).update(status="done", target_date="2026-03-01")
    ActionStatusChange.objects.create(action=first, status="in_progress", changed_by=alice)
    safe_streets = PartnerOrganization.objects.create(agency=alice.agency, name="Safe Streets")
    ActionStatusChange.objects.create(
        action=first, status="in_progress", changed_by_partner=safe_streets
    )
    ActionItem.objects.create(
        assessment=assessment, source="own", title="Brief the council", order=99
    )
    InformationSharingWorksheet.objects.create(
        assessment=assessment, flow="one_way", recipients="Outreach supervisor"
    )
    return assessment


@pytest.mark.django_db
class TestNamedAssessments:
    def test_a_new_assessment_is_named_for_its_month_unless_named(self, alice_client, alice):
        alice_client.post("/assessments/", {"copy_from": "", "name": ""})
        alice_client.post("/assessments/", {"copy_from": "", "name": "  2026 baseline "})
        names = set(Assessment.objects.values_list("name", flat=True))
        assert names == {f"{timezone.localtime():%B %Y}", "2026 baseline"}

    def test_the_list_shows_name_status_level_and_date_submitted(self, alice_client, baseline):
        text = page_text(alice_client.get("/assessments/"))
        when = timezone.localtime(baseline.submitted_at)
        assert "Baseline started" in text
        assert f"Submitted {when:%B %-d, %Y} {readiness_level(baseline)}" in text

    def test_an_assessment_can_be_renamed_also_once_submitted(self, alice_client, baseline):
        url = reverse("assessment_rename", args=[baseline.pk])
        response = alice_client.post(url, {"name": "  "})
        assert "Enter a name" in page_text(response)
        alice_client.post(url, {"name": "Spring 2026 review"})
        baseline.refresh_from_db()
        assert baseline.name == "Spring 2026 review" and baseline.is_submitted


@pytest.mark.django_db
class TestReassessingFromACopy:
    def test_the_copy_carries_the_whole_plan_and_the_worksheet(self, alice, baseline):
        copy = reassessment_start(agency=alice.agency, user=alice, copy_from=baseline, name="2027")

        def plan(assessment):
            return [
                [getattr(a, name) for name in PLAN_FIELDS]
                for a in assessment.actions.order_by("order", "pk")
            ]

        assert plan(copy) == plan(baseline) and len(plan(copy)) == baseline.actions.count()
        assert copy.plan_created_at is not None
        worksheet = InformationSharingWorksheet.objects.get(assessment=copy)
        assert (worksheet.flow, worksheet.recipients) == ("one_way", "Outreach supervisor")
        copied = copy.actions.get(title="Draft a written information-sharing agreement")
        assert [(c.status, c.changed_by, getattr(c.changed_by_partner, "name", None))
                for c in copied.history.order_by("pk")] == [
            ("in_progress", alice, None), ("in_progress", None, "Safe Streets"),
        ]  # fmt: skip
        assert copy.actions.filter(status="done").count() == 1  # done stays visible as done
        assert (
            Response.objects.filter(assessment=copy).count()
            == Item.objects.filter(is_active=True).count()
        )

    def test_a_closed_gap_is_offered_mark_done_and_a_new_gap_an_action(
        self, alice, alice_client, baseline
    ):
        copy = reassessment_start(agency=alice.agency, user=alice, copy_from=baseline)
        promises = items_of("deliver-on-promises")
        Response.objects.filter(assessment=copy, item__in=promises).update(value="fully")
        Response.objects.filter(
            assessment=copy, item__suggestion__slug="support-the-service-arm"
        ).update(value="fully")
        plan_url = reverse("assessment_plan", args=[copy.pk])
        text = page_text(alice_client.get(plan_url))
        assert "Gaps your answers have closed" in text
        assert "Deliver on the promises made to the community (not started) Mark done" in text
        action = copy.actions.get(suggestion__slug="deliver-on-promises")
        alice_client.post(reverse("assessment_action_done", args=[copy.pk, action.pk]))
        action.refresh_from_db()
        assert action.status == "done"
        assert action.history.last().changed_by == alice
        assert "Deliver on the promises made to the community (not started)" not in page_text(
            alice_client.get(plan_url)
        )

    def test_the_start_form_offers_a_copy_by_name(self, alice_client, baseline):
        text = page_text(alice_client.get("/assessments/"))
        assert "A copy of “Baseline” (submitted" in text


@pytest.mark.django_db
class TestProgressOverTime:
    def test_change_per_domain_and_the_statements_that_moved(self, alice, alice_client):
        first = submitted(
            alice, "partly", timezone.now() - datetime.timedelta(days=200),
            **{"establish-information-sharing-parameters": "partly"},
        )  # fmt: skip
        second = submitted(
            alice, "partly", None,
            **{"establish-information-sharing-parameters": "largely",
               "hire-and-promote-for-community": "planned"},
        )  # fmt: skip
        comparison, trend = progress_of(second)
        assert comparison.earlier == first and comparison.later == second
        sharing = next(row for row in comparison.domains if row.label == "Information sharing")
        before, after = sharing.before.score, sharing.after.score
        assert (sharing.before.level.label, sharing.after.level.label) == (
            "Developing", "Established",
        )  # fmt: skip
        assert before == 50 and sharing.change == after - before > 0
        improved = len(items_of("establish-information-sharing-parameters"))
        slipped = len(items_of("hire-and-promote-for-community"))
        assert (len(comparison.improved), len(comparison.slipped)) == (improved, slipped)
        assert [p.assessment for p in trend.points] == [first, second]
        text = page_text(alice_client.get(reverse("assessment_results", args=[second.pk])))
        assert f"Information sharing Developing (50) Established ({after}) +{after - 50}" in text
        assert f"{improved} statements improved, {slipped} slipped" in text
        assert "Scores of each submitted assessment, oldest first" in text

    def test_past_figures_never_change_when_guidance_weights_change(self, alice):
        first = submitted(alice, "partly", timezone.now() - datetime.timedelta(days=200))
        second = submitted(alice, "largely", **{"hire-and-promote-for-community": "fully"})
        before, _ = progress_of(second)
        for item in Item.objects.filter(suggestion__slug="hire-and-promote-for-community"):
            item.weight = 5
            item.save()
        after, _ = progress_of(second)
        assert [(r.label, r.change) for r in after.rows] == [
            (r.label, r.change) for r in before.rows
        ]
        assert first.scoring_snapshot and second.scoring_snapshot

    def test_the_progress_page_compares_any_two_and_only_the_agencys_own(
        self, alice, alice_client, charlie
    ):
        first = submitted(alice, "planned", timezone.now() - datetime.timedelta(days=400))
        submitted(alice, "partly", timezone.now() - datetime.timedelta(days=200))
        third = submitted(alice, "largely")
        url = reverse("assessment_progress")
        text = page_text(alice_client.get(url, {"earlier": str(first.pk), "later": str(third.pk)}))
        assert "Overall Getting started (25) Established (75) +50" in text
        others = page_text(client_for(charlie).get(url, {"earlier": str(first.pk)}))
        assert "Progress appears once your agency has submitted two assessments" in others
        assert "Getting started (25)" not in others

    def test_a_first_assessment_says_progress_comes_later(self, alice, alice_client):
        first = submitted(alice)
        text = page_text(alice_client.get(reverse("assessment_results", args=[first.pk])))
        assert "This is your agency's first assessment." in text


@pytest.mark.django_db
class TestThePlanAcrossTime:
    def test_the_home_page_counts_actions_by_status_and_lists_overdue_and_due_soon(
        self, alice, alice_client, baseline
    ):
        overdue = baseline.actions.get(title="Brief the council")
        ActionItem.objects.filter(pk=overdue.pk).update(target_date="2026-01-01")
        soon = timezone.localdate() + datetime.timedelta(days=9)
        baseline.actions.filter(owner_member=alice).update(target_date=soon)
        text = page_text(alice_client.get("/assessments/"))
        assert "From “Baseline”:" in text and "1 in progress, 1 done" in text
        assert "Overdue (1) Brief the council : due January 1, 2026" in text
        title = "Draft a written information-sharing agreement"
        assert f"Due in the next 30 days (1) {title} : due {soon:%B %-d, %Y}" in text

    def test_each_action_shows_who_changed_its_status_when(self, alice, bob, baseline):
        action = baseline.actions.get(title="Brief the council")
        url = reverse("assessment_action_edit", args=[baseline.pk, action.pk])
        client_for(bob).post(url, {"title": action.title, "status": "in_progress"})
        data = {"title": action.title, "status": "in_progress", "owner_name": "X"}
        client_for(bob).post(url, data)
        text = page_text(client_for(alice).get(url))
        today = timezone.localdate()
        assert f"History of its status {today:%B %-d, %Y}: In progress, set by Bob Deputy" in text
        assert action.history.count() == 1  # an edit that keeps the status records nothing
