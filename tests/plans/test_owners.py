"""One owner per action: a member of the team, a colleague invited to it, or a named person
outside it; a partner organization as co-owner; assigning several actions at once."""

import datetime
from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.membership import member_invitation_accept, member_remove
from accounts.models import MemberInvitation
from plans.models import ActionItem, PartnerOrganization
from tests.html import page_text


def edit_data(action, **changes) -> dict:
    data = {"title": action.title, "status": action.status, "timeframe": action.timeframe}
    data.update(changes)
    return data


@pytest.fixture
def plan(draft):
    """Three actions of the agency's own, in order."""
    for n, title in enumerate(["Sign the MOU", "Train the patrol", "Brief the council"], 1):
        ActionItem.objects.create(assessment=draft, title=title, order=n)
    draft.plan_created_at = timezone.now()
    draft.save()
    return draft


def edit(action) -> str:
    return reverse("assessment_action_edit", args=[action.assessment_id, action.pk])


def invitation(agency, email="dana@springfield.example") -> MemberInvitation:
    return MemberInvitation.objects.create(
        agency=agency, email=email, token_hash=email.ljust(64, "0")[:64],
        expires_at=timezone.now() + timedelta(days=7),
    )  # fmt: skip


@pytest.mark.django_db
class TestOneOwnerField:
    def test_a_member_chosen_from_the_team_owns_the_action(self, alice_client, bob, plan):
        action = plan.actions.first()
        response = alice_client.post(
            edit(action), edit_data(action, owner_choice=f"member-{bob.pk}"), follow=True
        )
        action.refresh_from_db()
        assert (action.owner_member, action.owner, action.owner_invitation) == (bob, "", None)
        assert "Sign the MOU Your agency's own action Bob Deputy" in page_text(response)

    def test_a_person_outside_the_team_is_typed_and_gets_no_reminders(self, alice_client, plan):
        action = plan.actions.first()
        alice_client.post(
            edit(action),
            edit_data(action, owner_choice="outside", owner_name="  Dana  Reyes, Safe Streets "),
        )
        action.refresh_from_db()
        assert (action.owner, action.owner_member) == ("Dana Reyes, Safe Streets", None)

    def test_outside_without_a_name_is_an_error_tied_to_the_name(self, alice_client, plan):
        action = plan.actions.first()
        response = alice_client.post(edit(action), edit_data(action, owner_choice="outside"))
        text = page_text(response)
        assert "Name of the owner outside your team: Type the name of the owner" in text
        assert 'href="#id_owner_name"' in response.content.decode()

    def test_choosing_a_member_forgets_a_name_typed_before(self, alice_client, bob, plan):
        action = plan.actions.first()
        ActionItem.objects.filter(pk=action.pk).update(owner="Lt. Diaz")
        alice_client.post(
            edit(action), edit_data(action, owner_choice=f"member-{bob.pk}", owner_name="Lt. Diaz")
        )
        action.refresh_from_db()
        assert (action.owner, action.owner_member) == ("", bob)

    def test_someone_of_another_agency_cannot_be_chosen(self, alice_client, charlie, plan):
        action = plan.actions.first()
        response = alice_client.post(
            edit(action), edit_data(action, owner_choice=f"member-{charlie.pk}")
        )
        assert "Choose someone from the list" in page_text(response)
        action.refresh_from_db()
        assert action.owner_member is None

    def test_the_database_refuses_two_owners(self, alice, plan):
        action = plan.actions.first()
        with pytest.raises(IntegrityError), transaction.atomic():
            ActionItem.objects.filter(pk=action.pk).update(owner="Lt. Diaz", owner_member=alice)

    def test_a_colleague_invited_can_own_an_action_and_owns_it_as_a_member_once_joined(
        self, alice_client, plan, springfield, db
    ):
        from accounts.models import User

        invited = invitation(springfield)
        action = plan.actions.first()
        page = page_text(alice_client.get(edit(action)))
        assert "dana@springfield.example (invited)" in page
        alice_client.post(edit(action), edit_data(action, owner_choice=f"invited-{invited.pk}"))
        action.refresh_from_db()
        assert action.owner_invitation == invited
        assert "dana@springfield.example (invited)" in page_text(
            alice_client.get(reverse("assessment_plan", args=[plan.pk]))
        )
        dana = User.objects.create_user("dana@springfield.example", "dana-password-12",
                                        full_name="Dana Deputy")  # fmt: skip
        member_invitation_accept(invitation=invited, user=dana)
        action.refresh_from_db()
        assert (action.owner_member, action.owner_invitation) == (dana, None)

    def test_the_actions_of_someone_who_leaves_keep_their_name_typed(self, alice, bob, plan):
        action = plan.actions.first()
        ActionItem.objects.filter(pk=action.pk).update(owner_member=bob)
        member_remove(agency=alice.agency, member=bob, by=alice)
        action.refresh_from_db()
        assert (action.owner, action.owner_member) == ("Bob Deputy", None)

    def test_a_partner_organization_of_the_agency_can_co_own_an_action(
        self, alice_client, plan, springfield, shelbyville
    ):
        ours = PartnerOrganization.objects.create(agency=springfield, name="Safe Streets")
        theirs = PartnerOrganization.objects.create(agency=shelbyville, name="Their partner")
        action = plan.actions.first()
        page = page_text(alice_client.get(edit(action)))
        assert "Safe Streets" in page and "Their partner" not in page
        data = edit_data(action, partner_organization=theirs.pk)
        response = alice_client.post(edit(action), data)
        assert "Choose one of your partner organizations." in page_text(response)
        alice_client.post(edit(action), edit_data(action, partner_organization=ours.pk))
        action.refresh_from_db()
        assert action.partner_organization == ours
        plan_page = page_text(alice_client.get(reverse("assessment_plan", args=[plan.pk])))
        assert "Sign the MOU Your agency's own action — with Safe Streets" in plan_page

    def test_a_reassessment_keeps_the_owners_and_the_partner(self, alice, bob, plan, springfield):
        from plans.services import reassessment_start

        partner = PartnerOrganization.objects.create(agency=springfield, name="Safe Streets")
        invited = invitation(springfield)
        first, second, third = plan.actions.all()
        first_row = ActionItem.objects.filter(pk=first.pk)
        first_row.update(owner_member=bob, partner_organization=partner)
        ActionItem.objects.filter(pk=second.pk).update(owner_invitation=invited)
        ActionItem.objects.filter(pk=third.pk).update(owner="Dana Reyes")
        copy = reassessment_start(agency=springfield, user=alice, copy_from=plan)
        assert [
            (a.owner_member, a.owner_invitation, a.owner, a.partner_organization, a.carried_from)
            for a in copy.actions.all()
        ] == [
            (bob, None, "", partner, first), (None, invited, "", None, second),
            (None, None, "Dana Reyes", None, third),
        ]  # fmt: skip
        assert [a.uid for a in copy.actions.all()] == [a.uid for a in plan.actions.all()]


def assign_url(assessment) -> str:
    return reverse("assessment_plan_assign", args=[assessment.pk])


@pytest.mark.django_db
class TestAssigningInBulk:
    def test_several_actions_get_one_owner_and_timeframe_in_one_form(self, alice_client, bob, plan):
        first, second, third = plan.actions.all()
        response = alice_client.post(assign_url(plan), {
            "assign-actions": [first.pk, third.pk], "assign-owner_choice": f"member-{bob.pk}",
            "assign-timeframe": "30",
        }, follow=True)  # fmt: skip
        assert "Updated 2 actions." in page_text(response)
        plan_actions = {a.title: a for a in plan.actions.all()}
        soon = timezone.localdate() + datetime.timedelta(days=30)
        for title in ("Sign the MOU", "Brief the council"):
            assert (plan_actions[title].owner_member, plan_actions[title].due_date) == (bob, soon)
        assert plan_actions["Train the patrol"].owner_member is None

    def test_what_is_left_as_it_is_does_not_change(self, alice_client, bob, plan):
        first = plan.actions.first()
        ActionItem.objects.filter(pk=first.pk).update(owner_member=bob)
        alice_client.post(
            assign_url(plan), {"assign-actions": [first.pk], "assign-timeframe": "90"}
        )
        first.refresh_from_db()
        assert (first.owner_member, first.timeframe) == (bob, "90")
        alice_client.post(
            assign_url(plan), {"assign-actions": [first.pk], "assign-owner_choice": "nobody"}
        )
        first.refresh_from_db()
        assert (first.owner_member, first.timeframe) == (None, "90")

    def test_nothing_ticked_or_nothing_chosen_is_an_error_and_changes_nothing(
        self, alice_client, bob, plan
    ):
        response = alice_client.post(assign_url(plan), {"assign-owner_choice": f"member-{bob.pk}"})
        text = page_text(response)
        assert "Select at least one action in the table above." in text
        assert 'href="#assign-actions-error"' in response.content.decode()
        assert "<title>Error: Action plan" in response.content.decode()
        first = plan.actions.first()
        response = alice_client.post(assign_url(plan), {"assign-actions": [first.pk]})
        assert "Choose an owner, a timeframe or both for the selected actions." in page_text(
            response
        )
        assert 'checked' in response.content.decode().split(f'id="tick-{first.pk}"')[1][:120]
        assert not plan.actions.exclude(owner_member=None).exists()

    def test_an_action_of_another_plan_changes_nothing_at_all(
        self, alice_client, bob, plan, charlie
    ):
        from questionnaire.models import Assessment

        theirs = ActionItem.objects.create(
            assessment=Assessment.objects.create(agency=charlie.agency), title="Theirs", order=1
        )
        first = plan.actions.first()
        response = alice_client.post(assign_url(plan), {
            "assign-actions": [first.pk, theirs.pk], "assign-owner_choice": f"member-{bob.pk}",
        })  # fmt: skip
        assert "is no longer in this plan; nothing was changed" in page_text(response)
        first.refresh_from_db()
        theirs.refresh_from_db()
        assert first.owner_member is None and theirs.owner_member is None

    def test_another_agency_cannot_assign_this_plan(self, charlie_client, charlie, plan):
        first = plan.actions.first()
        response = charlie_client.post(assign_url(plan), {
            "assign-actions": [first.pk], "assign-owner_choice": f"member-{charlie.pk}",
        })  # fmt: skip
        assert response.status_code == 404
        first.refresh_from_db()
        assert first.owner_member is None

    def test_assigning_ten_actions_takes_the_same_queries_as_two(self, alice_client, bob, plan):
        def count(n: int) -> int:
            ids = list(plan.actions.values_list("pk", flat=True)[:n])
            data = {"assign-actions": ids, "assign-owner_choice": f"member-{bob.pk}"}
            with CaptureQueriesContext(connection) as queries:
                assert alice_client.post(assign_url(plan), data).status_code == 302
            return len(queries)

        for n in range(4, 11):
            ActionItem.objects.create(assessment=plan, title=f"Action {n}", order=n)
        two = count(2)
        ten = count(10)
        assert ten == two
        assert plan.actions.filter(owner_member=bob).count() == 10

    def test_the_plan_table_has_a_labeled_tick_per_action_in_the_assign_form(
        self, alice_client, plan
    ):
        html = alice_client.get(reverse("assessment_plan", args=[plan.pk])).content.decode()
        first = plan.actions.first()
        tick = f'value="{first.pk}" id="tick-{first.pk}" form="plan-assign"'
        assert f'name="assign-actions" {tick}' in html
        label = f'for="tick-{first.pk}">Select “Sign the MOU” to assign it</label>'
        assert label in html
        assert "<legend" in html.split('id="plan-assign"')[1]

