"""The weekly digest of an agency's plan, emailed to its owners: what moved in the last seven
days (each status change, by whom), what is overdue, and who on the team owns nothing open.

Sent by `send_plan_reminders` on its first run on or after PLAN_DIGEST_WEEKDAY (Monday by
default); recorded per agency, owner and week (``PlanDigest``), so it goes once a week. Owners
who turned it off on their account page get none. A handful of queries for every agency at
once, whatever their number.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import Agency, User
from plans.models import ActionItem, ActionStatusChange, PlanDigest
from plans.reminders import plan_email_send, plan_nudges_send, start_of_day
from plans.services import status_counts


@dataclass
class Digest:
    agency: Agency
    actions: list[ActionItem]
    moved: list[ActionStatusChange] = field(default_factory=list)
    members: list[User] = field(default_factory=list)
    owners: list[User] = field(default_factory=list)
    today: date | None = None

    @property
    def overdue(self) -> list[ActionItem]:
        late = [a for a in self.actions if a.is_open and a.due_date and a.due_date < self.today]
        return sorted(late, key=lambda a: (a.due_date, a.order))

    @property
    def counts(self) -> list[tuple[str, int]]:
        return status_counts(self.actions)

    @property
    def without_actions(self) -> list[User]:
        """Members who own no open action."""
        owning = {a.owner_member_id for a in self.actions if a.is_open}
        return [member for member in self.members if member.pk not in owning]


def week_of(today: date) -> date:
    return today - timedelta(days=today.weekday())


def digests_due(today: date) -> list[Digest]:
    """The digest of every agency with a plan, with the owners still to receive this week's."""
    if today.weekday() < settings.PLAN_DIGEST_WEEKDAY:
        return []
    actions = ActionItem.objects.live().select_related(
        "assessment", "owner_member", "owner_invitation"
    )
    digests: dict[int, Digest] = {}
    for action in actions:
        agency_id = action.assessment.agency_id
        digest = digests.get(agency_id) or Digest(agency=None, actions=[], today=today)
        digest.actions.append(action)
        digests[agency_id] = digest
    if not digests:
        return []
    sent = set(
        PlanDigest.objects.filter(week_of=week_of(today), agency_id__in=digests).values_list(
            "agency_id", "recipient_id"
        )
    )
    members = User.objects.filter(agency_id__in=digests, is_active=True).select_related("agency")
    for member in members.order_by("full_name", "email"):
        digest = digests[member.agency_id]
        digest.agency = member.agency
        digest.members.append(member)
        if (
            member.is_agency_owner
            and member.plan_digest
            and (member.agency_id, member.pk) not in sent
        ):
            digest.owners.append(member)
    since = start_of_day(today) - timedelta(days=7)
    live_ids = {a.pk: a for d in digests.values() for a in d.actions}
    changes = ActionStatusChange.objects.filter(
        Q(changed_at__gte=since) & Q(action_id__in=list(live_ids))
    ).select_related("changed_by", "changed_by_partner")
    for change in changes.order_by("changed_at", "pk"):
        change.action = live_ids[change.action_id]
        digests[change.action.assessment.agency_id].moved.append(change)
    return [d for d in digests.values() if d.owners and d.agency is not None]


def plan_digests_send(*, base_url: str, today: date, budget: int) -> int:
    """Email this week's digest to every owner who has not had it; at most ``budget``
    emails. Returns how many were sent."""
    sent = 0
    for digest in digests_due(today):
        plan_url = base_url + reverse(
            "assessment_plan", args=[max(digest.actions, key=_newest).assessment_id]
        )
        for owner in digest.owners:
            if sent >= budget:
                return sent
            context = {
                "digest": digest,
                "owner": owner,
                "plan_url": plan_url,
                "team_url": base_url + reverse("agency_team"),
                "account_url": base_url + reverse("account"),
            }
            subject = render_to_string("plans/email/plan_digest_subject.txt", context)
            body = render_to_string("plans/email/plan_digest.txt", context)
            plan_email_send(subject, body, owner.email)
            PlanDigest.objects.get_or_create(
                agency=digest.agency, recipient=owner, week_of=week_of(today)
            )
            sent += 1
    return sent


def _newest(action: ActionItem):
    return action.assessment.created_at


def plan_emails_send(*, base_url: str, today: date | None = None) -> tuple[int, int]:
    """The daily run: nudges first, then the weekly digests, within PLAN_EMAILS_PER_RUN
    emails together. Returns (nudge emails, digests) sent."""
    today = today or timezone.localdate()
    budget = settings.PLAN_EMAILS_PER_RUN
    nudges = plan_nudges_send(base_url=base_url, today=today, budget=budget)
    digests = plan_digests_send(base_url=base_url, today=today, budget=budget - nudges)
    return nudges, digests
