"""Nudges about the plan: each member who owns an open action hears about it 30, 7 and 0 days
before it is due, and once a week while it is overdue.

Run once a day by `send_plan_reminders` (cron, or the Compose `reminders` service). What
was sent is recorded per action, due date, person, kind and week (``PlanReminder``), so a
second run sends nothing twice, a missed day is caught up the next (the most urgent nudge
due, not every one skipped), and a new due date starts again. A person gets at most one
nudge email a day, listing every action that needs them; at most PLAN_EMAILS_PER_RUN emails
leave in one run, the rest the next day. People who turned nudges off hear nothing. The
worker sends them (cvi_assess/mail.py), trying a refused send again.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from cvi_assess.mail import email_send
from plans.models import ActionItem, PlanReminder

Kind = PlanReminder.Kind
# Most urgent first: the order of an email's lists.
KIND_ORDER = [Kind.OVERDUE, Kind.DUE_TODAY, Kind.DUE_IN_7, Kind.DUE_IN_30]


def nudge_for(due: date, today: date) -> tuple[str, int] | None:
    """The nudge an action due on ``due`` calls for today, as (kind, week overdue), or None
    while it is more than 30 days away."""
    days = (due - today).days
    if days < 0:
        return Kind.OVERDUE, (-days - 1) // 7 + 1
    if days == 0:
        return Kind.DUE_TODAY, 0
    if days <= 7:
        return Kind.DUE_IN_7, 0
    if days <= 30:
        return Kind.DUE_IN_30, 0
    return None


@dataclass
class Nudges:
    """One person's email: their actions by kind of nudge."""

    recipient: User
    by_kind: dict[str, list[ActionItem]] = field(default_factory=dict)
    weeks: dict[int, int] = field(default_factory=dict)  # action id -> week overdue

    @property
    def actions(self) -> list[ActionItem]:
        return [action for kind in KIND_ORDER for action in self.by_kind.get(kind, [])]

    @property
    def groups(self) -> list[tuple[str, list[ActionItem]]]:
        present = [kind for kind in KIND_ORDER if kind in self.by_kind]
        return [(Kind(kind).label, self.by_kind[kind]) for kind in present]


def owned_open_actions():
    """Every open action, not carried forward, owned by a member: the ones that remind."""
    return (
        ActionItem.objects.live()
        .filter(owner_member__isnull=False)
        .exclude(status__in=ActionItem.CLOSED)
        .select_related("owner_member__agency", "assessment")
    )


def start_of_day(today: date) -> datetime:
    return timezone.make_aware(datetime.combine(today, time.min))


def nudges_due(today: date) -> list[Nudges]:
    """Who should hear about which actions today, leaving out what was already sent and
    people who already had a nudge email today."""
    actions = list(owned_open_actions())
    # Keyed by the action's calendar id, which a reassessment's copy keeps: a plan carried
    # forward does not nudge again for what its source already nudged.
    sent = set(
        PlanReminder.objects.filter(action__uid__in=owned_open_actions().values("uid")).values_list(
            "action__uid", "due_date", "recipient_id", "kind", "week"
        )
    )
    had_one_today = set(
        PlanReminder.objects.filter(sent_at__gte=start_of_day(today)).values_list(
            "recipient_id", flat=True
        )
    )
    found: dict[int, Nudges] = {}
    for action in actions:
        person, due = action.owner_member, action.due_date
        if due is None or not (person.is_active and person.plan_reminders):
            continue
        if person.agency_id != action.assessment.agency_id or person.pk in had_one_today:
            continue
        nudge = nudge_for(due, today)
        if nudge is None or (action.uid, due, person.pk, *nudge) in sent:
            continue
        kind, week = nudge
        entry = found.setdefault(person.pk, Nudges(person))
        entry.by_kind.setdefault(kind, []).append(action)
        entry.weeks[action.pk] = week
    for entry in found.values():
        for actions_of_kind in entry.by_kind.values():
            actions_of_kind.sort(key=lambda a: (a.due_date, a.order, a.pk))
    return sorted(found.values(), key=lambda entry: entry.recipient.pk)


def plan_email_send(subject: str, body: str, to: str) -> None:
    """Have the worker send one email (cvi_assess/mail.py), which tries a refused send again
    and logs what it gives up on."""
    email_send.enqueue(subject=" ".join(subject.split()), body=body, to=[to])


def plan_nudges_send(*, base_url: str, today: date, budget: int) -> int:
    """Email every nudge due today, at most ``budget`` emails; returns how many were sent."""
    sent = 0
    for nudges in nudges_due(today)[:budget]:
        for action in nudges.actions:
            action.link = base_url + reverse(
                "assessment_action_edit", args=[action.assessment_id, action.pk]
            )
            action.days_left = (action.due_date - today).days
            action.days_late = -action.days_left
        context = {
            "nudges": nudges,
            "today": today,
            "my_actions_url": base_url + reverse("my_actions"),
            "account_url": base_url + reverse("account"),
        }
        subject = render_to_string("plans/email/plan_reminder_subject.txt", context)
        body = render_to_string("plans/email/plan_reminder.txt", context)
        plan_email_send(subject, body, nudges.recipient.email)
        # Recorded once queued: the worker tries a refused send again (cvi_assess/mail.py).
        PlanReminder.objects.bulk_create(
            [
                PlanReminder(
                    action=action,
                    due_date=action.due_date,
                    recipient=nudges.recipient,
                    kind=kind,
                    week=nudges.weeks[action.pk],
                )
                for kind, actions in nudges.by_kind.items()
                for action in actions
            ],
            ignore_conflicts=True,
        )
        sent += 1
    return sent
