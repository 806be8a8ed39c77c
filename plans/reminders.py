"""Email reminders about the plan: each member who follows an action hears when it is due
within REMINDER_DAYS or overdue, once per action and due date."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from cvi_assess.mail import email_send
from plans.models import ActionItem, PlanReminder
from questionnaire.models import Assessment

REMINDER_DAYS = 14


@dataclass
class Reminder:
    recipient: User
    overdue: list[ActionItem]
    due_soon: list[ActionItem]

    @property
    def actions(self) -> list[ActionItem]:
        return self.overdue + self.due_soon


def current_plans() -> list:
    """Per agency, the newest assessment that has a plan: a reassessment carries the plan
    forward, so the older plans' actions are history and remind nobody."""
    newest = (
        Assessment.objects.filter(plan_created_at__isnull=False)
        .values("agency_id")
        .annotate(newest=Max("created_at"))
    )
    wanted = {(row["agency_id"], row["newest"]) for row in newest}
    return [
        pk
        for pk, agency_id, created_at in Assessment.objects.filter(
            plan_created_at__isnull=False
        ).values_list("pk", "agency_id", "created_at")
        if (agency_id, created_at) in wanted
    ]


def reminders_due(today: date) -> list[Reminder]:
    """Who should hear about which open actions today, leaving out what was already sent."""
    horizon = today + timedelta(days=REMINDER_DAYS)
    actions = (
        ActionItem.objects.filter(assessment_id__in=current_plans(), owner_member__isnull=False)
        .exclude(status__in=ActionItem.CLOSED)
        .select_related("owner_member", "assessment")
    )
    sent = set(
        PlanReminder.objects.filter(action__in=actions).values_list(
            "action_id", "due_date", "recipient_id"
        )
    )
    found: dict[int, Reminder] = {}
    for action in actions:
        person, due = action.owner_member, action.due_date
        if due is None or due > horizon or (action.pk, due, person.pk) in sent:
            continue
        if not (person.is_active and person.plan_reminders):
            continue
        if person.agency_id != action.assessment.agency_id:  # left the agency since
            continue
        reminder = found.setdefault(person.pk, Reminder(person, [], []))
        (reminder.overdue if due < today else reminder.due_soon).append(action)
    for reminder in found.values():
        for found_list in (reminder.overdue, reminder.due_soon):
            found_list.sort(key=lambda a: (a.due_date, a.order))
    return list(found.values())


def plan_reminders_send(*, base_url: str, today: date | None = None) -> int:
    """Have the worker email every reminder due today; returns how many were enqueued."""
    today = today or timezone.localdate()
    sent = 0
    for reminder in reminders_due(today):
        for action in reminder.actions:
            action.link = base_url + reverse(
                "assessment_action_edit", args=[action.assessment_id, action.pk]
            )
        context = {
            "reminder": reminder,
            "account_url": base_url + reverse("account"),
            "days": REMINDER_DAYS,
        }
        # Sent by the worker, which tries a failed send again (cvi_assess/mail.py).
        email_send.enqueue(
            subject=render_to_string("plans/email/plan_reminder_subject.txt", context).strip(),
            body=render_to_string("plans/email/plan_reminder.txt", context),
            to=[reminder.recipient.email],
        )
        PlanReminder.objects.bulk_create(
            [
                PlanReminder(action=a, due_date=a.due_date, recipient=reminder.recipient)
                for a in reminder.actions
            ],
            ignore_conflicts=True,
        )
        sent += 1
    return sent
