"""A person's own actions, across their agency's assessments: overdue, due in the next 30
days, later (or with no date), and closed. Actions carried forward into a later assessment
count once, in their newest copy. One query."""

from dataclasses import dataclass, field

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import User
from plans.models import ActionItem

MY_ACTIONS_MAX = 300


@dataclass
class MyActions:
    overdue: list[ActionItem] = field(default_factory=list)
    due_soon: list[ActionItem] = field(default_factory=list)
    later: list[ActionItem] = field(default_factory=list)
    closed: list[ActionItem] = field(default_factory=list)
    truncated: bool = False
    limit: int = MY_ACTIONS_MAX

    @property
    def open_count(self) -> int:
        return len(self.overdue) + len(self.due_soon) + len(self.later)

    @property
    def groups(self) -> list[tuple[str, str, list[ActionItem]]]:
        """(anchor, heading, actions) of each group, for the page."""
        return [
            ("overdue", "Overdue", self.overdue),
            ("due-soon", f"Due in the next {ActionItem.DUE_SOON_DAYS} days", self.due_soon),
            ("later", "Later, or no date yet", self.later),
            ("closed", "Done or not applicable", self.closed),
        ]


def actions_owned_by(user: User) -> MyActions:
    """Every action ``user`` owns in their agency's assessments, grouped (at most
    MY_ACTIONS_MAX, the most recently saved first)."""
    mine = MyActions()
    if user.agency_id is None:
        return mine
    found = list(
        ActionItem.objects.live()
        .filter(owner_member=user, assessment__agency_id=user.agency_id)
        .select_related("assessment", "suggestion", "partner_organization")
        .order_by("-updated_at", "-pk")[: MY_ACTIONS_MAX + 1]
    )
    mine.truncated = len(found) > MY_ACTIONS_MAX
    for action in found[:MY_ACTIONS_MAX]:
        if not action.is_open:
            mine.closed.append(action)
        elif action.is_overdue:
            mine.overdue.append(action)
        elif action.is_due_soon:
            mine.due_soon.append(action)
        else:
            mine.later.append(action)
    for group in (mine.overdue, mine.due_soon):
        group.sort(key=lambda a: (a.due_date, a.pk))
    mine.later.sort(key=lambda a: (a.due_date is None, a.due_date or timezone.localdate(), a.pk))
    return mine


def get_action_for_user(request: HttpRequest, action_id: int) -> ActionItem:
    """An action of the user's agency, by id alone (My actions has no assessment in its
    address); 404 for anyone outside it, never 403."""
    return get_object_or_404(
        ActionItem.objects.select_related("assessment"),
        pk=action_id,
        assessment__agency_id=request.user.agency_id,
    )
