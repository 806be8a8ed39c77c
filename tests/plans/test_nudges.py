"""Nudges at 30, 7 and 0 days before an action is due and weekly while it is overdue, the
weekly digest to the agency's owners, the opt-outs, and runs that never send twice."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from plans.digest import plan_emails_send, week_of
from plans.models import ActionItem, ActionStatusChange, PlanDigest, PlanReminder
from plans.reminders import nudge_for
from plans.services import reassessment_start
from tests.conftest import client_for
from tests.html import page_text

SITE = "https://cvi.example.gov"
MONDAY = datetime.date(2027, 3, 1)
TUESDAY = MONDAY + datetime.timedelta(days=1)


def run(today: datetime.date) -> tuple[int, int]:
    return plan_emails_send(base_url=SITE, today=today)


@pytest.fixture
def plan(draft):
    draft.plan_created_at = timezone.now()
    draft.save()
    return draft


def action(plan, title: str, due: datetime.date | None, member=None, **fields) -> ActionItem:
    return ActionItem.objects.create(
        assessment=plan, title=title, target_date=due, owner_member=member,
        order=ActionItem.objects.filter(assessment=plan).count() + 1, **fields,
    )  # fmt: skip


def mails_to(user) -> list:
    return [m for m in mail.outbox if m.to == [user.email]]


class TestWhichNudge:
    @pytest.mark.parametrize(
        "days,expected",
        [(31, None), (30, ("due_30", 0)), (8, ("due_30", 0)), (7, ("due_7", 0)),
         (1, ("due_7", 0)), (0, ("due_0", 0)), (-1, ("overdue", 1)), (-7, ("overdue", 1)),
         (-8, ("overdue", 2)), (-15, ("overdue", 3))],
    )  # fmt: skip
    def test_the_nudge_follows_the_days_left(self, days, expected):
        assert nudge_for(TUESDAY + datetime.timedelta(days=days), TUESDAY) == expected


@pytest.mark.django_db
class TestNudges:
    @pytest.fixture(autouse=True)
    def no_digest(self, alice):
        """Only nudges here: the owner's weekly digest is tested below."""
        alice.plan_digest = False
        alice.save()

    def test_an_owner_hears_at_30_7_and_0_days_and_weekly_while_overdue(self, bob, plan):
        due = TUESDAY + datetime.timedelta(days=30)
        action(plan, "Sign the MOU", due, bob)
        sent_on = []
        for offset in range(0, 60):
            today = TUESDAY + datetime.timedelta(days=offset)
            if run(today)[0]:
                sent_on.append((due - today).days)
        assert sent_on == [30, 7, 0, -1, -8, -15, -22, -29]
        subjects = [m.subject for m in mails_to(bob)]
        assert subjects[0] == "CVI action plan: 1 action due soon"
        assert subjects[-1] == "CVI action plan: 1 action overdue or due soon"

    def test_one_email_lists_every_action_that_needs_the_person(self, bob, plan):
        action(plan, "Brief the council", TUESDAY - datetime.timedelta(days=3), bob)
        action(plan, "Sign the MOU", TUESDAY, bob)
        action(plan, "Train the patrol", TUESDAY + datetime.timedelta(days=20), bob)
        action(plan, "Far off", TUESDAY + datetime.timedelta(days=60), bob)
        assert run(TUESDAY) == (1, 0)
        [email] = mail.outbox
        assert email.to == [bob.email]
        body = email.body
        assert "Overdue:\n- Brief the council (due February 27, 2027, 3 days ago" in body
        assert "Due today:\n- Sign the MOU (due March 2, 2027; not started)" in body
        assert "Due within 30 days:\n- Train the patrol (due March 22, 2027, in 20 days" in body
        assert "Far off" not in body
        first = plan.actions.get(title="Brief the council")
        assert f"{SITE}/assessments/{plan.pk}/plan/actions/{first.pk}/" in body
        assert f"{SITE}/my-actions/" in body and f"{SITE}/accounts/" in body

    def test_a_second_run_sends_nothing(self, bob, plan):
        action(plan, "Sign the MOU", TUESDAY + datetime.timedelta(days=5), bob)
        assert run(TUESDAY) == (1, 0)
        assert run(TUESDAY) == (0, 0)
        call_command("send_plan_reminders", base_url=SITE, verbosity=0)
        assert len(mail.outbox) == 1 or PlanReminder.objects.count() >= 1
        assert PlanReminder.objects.filter(kind="due_7").count() == 1

    def test_a_new_due_date_starts_again(self, bob, plan):
        mou = action(plan, "Sign the MOU", TUESDAY + datetime.timedelta(days=5), bob)
        run(TUESDAY)
        ActionItem.objects.filter(pk=mou.pk).update(
            target_date=TUESDAY + datetime.timedelta(days=6)
        )
        assert run(TUESDAY + datetime.timedelta(days=1)) == (1, 0)

    def test_a_person_gets_at_most_one_nudge_email_a_day(self, bob, plan):
        today = timezone.localdate()  # "a day" is counted by when the emails left
        action(plan, "Sign the MOU", today + datetime.timedelta(days=5), bob)
        run(today)
        action(plan, "Train the patrol", today + datetime.timedelta(days=3), bob)
        assert run(today) == (0, 0)
        PlanReminder.objects.update(sent_at=timezone.now() - datetime.timedelta(days=1))
        assert run(today) == (1, 0)
        assert "Train the patrol" in mail.outbox[-1].body

    def test_nobody_hears_about_closed_actions_typed_owners_or_carried_forward_plans(
        self, alice, bob, plan
    ):
        action(plan, "Done already", TUESDAY, bob, status="done")
        action(plan, "Owned outside", TUESDAY, None, owner="Dana Reyes")
        mou = action(plan, "Sign the MOU", TUESDAY, bob)
        reassessment_start(agency=alice.agency, user=alice, copy_from=plan)
        run(TUESDAY)
        [email] = mails_to(bob)
        assert email.body.count("Sign the MOU") == 1
        assert "Done already" not in email.body and "Owned outside" not in email.body
        assert not PlanReminder.objects.filter(action=mou).exists()  # the copy's, not the old

    def test_a_reassessment_does_not_send_again_what_its_source_sent(self, alice, bob, plan):
        action(plan, "Sign the MOU", TUESDAY + datetime.timedelta(days=5), bob)
        assert run(TUESDAY) == (1, 0)
        reassessment_start(agency=alice.agency, user=alice, copy_from=plan)
        assert run(TUESDAY + datetime.timedelta(days=1)) == (0, 0)
        assert len(mails_to(bob)) == 1
        # The next nudge of the same action still comes, from the copy.
        assert run(TUESDAY + datetime.timedelta(days=5)) == (1, 0)
        assert "Sign the MOU" in mails_to(bob)[-1].body

    def test_turning_nudges_off_on_the_account_page_stops_them(self, bob, plan):
        action(plan, "Sign the MOU", TUESDAY, bob)
        client = client_for(bob)
        response = client.post(reverse("reminder_settings"), {"plan_digest": "on"}, follow=True)
        assert "Reminder emails about your actions are off; the weekly digest is on." in (
            page_text(response)
        )
        assert run(TUESDAY) == (0, 0)

    def test_someone_who_left_the_agency_hears_nothing(self, alice, bob, plan):
        action(plan, "Sign the MOU", TUESDAY, bob)
        bob.agency = None
        bob.save()
        assert run(TUESDAY) == (0, 0)

    def test_a_run_sends_at_most_plan_emails_per_run_and_the_rest_the_next_day(
        self, alice, bob, plan, settings
    ):
        settings.PLAN_EMAILS_PER_RUN = 1
        action(plan, "Sign the MOU", TUESDAY, bob)
        action(plan, "Train the patrol", TUESDAY, alice)
        assert run(TUESDAY) == (1, 0)
        assert run(TUESDAY) == (1, 0)
        assert run(TUESDAY) == (0, 0)
        assert {m.to[0] for m in mail.outbox} == {alice.email, bob.email}

    def test_nudges_leave_through_the_worker_which_tries_a_refused_send_again(
        self, bob, plan, settings
    ):
        """The command only enqueues (cvi_assess/mail.py): the worker sends, and a refused
        send is tried again there, so the command neither waits for the mail server nor
        fails with it."""
        from django_tasks import default_task_backend

        settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
        action(plan, "Sign the MOU", TUESDAY, bob)
        assert run(TUESDAY) == (1, 0)
        assert mail.outbox == []  # nothing sent in the command itself
        [queued] = default_task_backend.results
        assert queued.task.name == "email_send" and queued.kwargs["to"] == [bob.email]
        assert "Sign the MOU" in queued.kwargs["body"]
        assert run(TUESDAY) == (0, 0)  # recorded once queued: the next run sends nothing

    def test_the_command_says_what_it_sent_and_needs_an_address_for_links(self, bob, plan):
        from io import StringIO

        from django.core.management.base import CommandError

        action(plan, "Sign the MOU", timezone.localdate(), bob)
        out = StringIO()
        call_command("send_plan_reminders", base_url=SITE, stdout=out)
        assert "Plan reminders: 1 nudge email and" in out.getvalue()
        with pytest.raises(CommandError, match="Set SITE_URL"):
            call_command("send_plan_reminders", base_url="", verbosity=0)


@pytest.mark.django_db
class TestDigest:
    @pytest.fixture
    def week(self, alice, bob, plan, springfield):
        from accounts.models import User

        User.objects.create_user(
            "dana@springfield.example", "dana-password-12", full_name="Dana Idle",
            agency=springfield,
        )  # fmt: skip
        mou = action(plan, "Sign the MOU", MONDAY + datetime.timedelta(days=20), bob)
        late = action(plan, "Brief the council", MONDAY - datetime.timedelta(days=4), alice)
        ActionStatusChange.objects.create(
            action=mou, status="done", changed_by=bob,
            changed_at=timezone.make_aware(datetime.datetime(2027, 2, 26, 10)),
        )  # fmt: skip
        ActionStatusChange.objects.create(
            action=late, status="in_progress", changed_by=alice,
            changed_at=timezone.make_aware(datetime.datetime(2027, 2, 1, 10)),
        )  # fmt: skip
        ActionItem.objects.filter(pk=mou.pk).update(status="done")
        return mou, late

    def test_owners_get_what_moved_what_is_overdue_and_who_has_nothing(self, alice, bob, week):
        run(MONDAY)
        [digest] = [m for m in mails_to(alice) if "week of" in m.subject]
        assert digest.subject == "CVI action plan, week of March 1: 1 change, 1 overdue"
        body = digest.body
        assert 'Bob Deputy marked "Sign the MOU" done on February 26.' in body
        assert "in progress" not in body.split("Overdue:")[0]  # a month ago: not this week
        assert "Overdue:\n- Brief the council (due February 25, 2027; Alice Chief)" in body
        assert "Who has nothing assigned:\n- Bob Deputy\n- Dana Idle\n" in body
        assert not [m for m in mails_to(bob) if "week of" in m.subject]  # not an owner

    def test_a_partners_change_is_named_after_the_partner(self, alice, week):
        from plans.models import PartnerOrganization

        mou, late = week
        safe_streets = PartnerOrganization.objects.create(
            agency=alice.agency, name="Safe Streets"
        )
        ActionStatusChange.objects.create(
            action=late, status="in_progress", changed_by_partner=safe_streets,
            changed_at=timezone.make_aware(datetime.datetime(2027, 2, 27, 10)),
        )  # fmt: skip
        run(MONDAY)
        [digest] = [m for m in mails_to(alice) if "week of" in m.subject]
        assert 'Safe Streets (partner) marked "Brief the council" in progress' in digest.body

    def test_several_owners_each_get_it_once_a_week(self, alice, bob, week):
        bob.is_agency_owner = True
        bob.save()
        assert run(MONDAY)[1] == 2
        assert run(MONDAY)[1] == 0
        assert run(MONDAY + datetime.timedelta(days=3))[1] == 0
        assert run(MONDAY + datetime.timedelta(days=7))[1] == 2
        assert PlanDigest.objects.filter(week_of=week_of(MONDAY)).count() == 2

    def test_a_missed_monday_is_caught_up_and_nothing_goes_before_the_weekday(
        self, alice, week, settings
    ):
        settings.PLAN_DIGEST_WEEKDAY = 2  # Wednesday
        assert run(TUESDAY)[1] == 0
        assert run(TUESDAY + datetime.timedelta(days=2))[1] == 1

    def test_an_owner_can_turn_the_digest_off(self, alice, week):
        client_for(alice).post(reverse("reminder_settings"), {"plan_reminders": "on"})
        assert run(MONDAY)[1] == 0

    def test_an_agency_without_a_plan_gets_no_digest(self, alice, charlie, week):
        run(MONDAY)
        assert not mails_to(charlie)
