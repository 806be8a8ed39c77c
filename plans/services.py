"""The action plan: one action per report suggestion with gaps, then edited by the agency.

The gaps come from the assessment's scores, computed once by the view
(questionnaire.scored.assessment_scored) and passed in.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import Agency, User
from guidance.models import Item, Suggestion
from plans.models import (
    NEEDS_MAX,
    ActionItem,
    ActionStatusChange,
    InformationSharingWorksheet,
    PlanNeed,
)
from plans.owners import Owner
from questionnaire.models import Assessment, Response
from questionnaire.scored import ScoredAssessment
from questionnaire.scoring import SuggestionGaps
from questionnaire.services import assessment_start

# What a page needs to name an action's owners and partner without a query per action.
OWNERS = ("owner_member", "owner_invitation", "partner_organization")


class PlanFull(Exception):
    """The plan has ACTIONS_PER_PLAN_MAX actions: no more can be added."""


def plan_room(assessment: Assessment) -> int:
    """How many more actions the plan can take before ACTIONS_PER_PLAN_MAX."""
    return max(settings.ACTIONS_PER_PLAN_MAX - assessment.actions.count(), 0)


def _lock_plan(assessment: Assessment) -> None:
    # Two windows adding at once must not both take the plan's last place.
    Assessment.objects.select_for_update().only("pk").get(pk=assessment.pk)


def suggestions_without_action(
    assessment: Assessment, groups: list[SuggestionGaps]
) -> list[SuggestionGaps]:
    """The suggestions with gaps that no action of the plan answers: one built from the
    gaps, or any other tied to the suggestion (a perception gap's meeting covers it too)."""
    covered = set(
        assessment.actions.exclude(suggestion=None).values_list("suggestion_id", flat=True)
    )
    return [group for group in groups if group.suggestion_id not in covered]


def _next_order(assessment: Assessment) -> int:
    return (assessment.actions.aggregate(last=Max("order"))["last"] or 0) + 1


@transaction.atomic
def action_plan_add_gaps(*, assessment: Assessment, groups: list[SuggestionGaps]) -> int:
    """Add one action per ranked suggestion with gaps (``groups``) that has none, after the
    others, as far as the plan has room (ACTIONS_PER_PLAN_MAX); the highest-ranked first.

    Its title is the suggestion's, to be rewritten as a task. Returns how many were added.
    Safe to run twice at once: a suggestion never gets two such actions.
    """
    _lock_plan(assessment)
    missing = suggestions_without_action(assessment, groups)[: plan_room(assessment)]
    titles = dict(
        Suggestion.objects.filter(pk__in=[g.suggestion_id for g in missing]).values_list(
            "pk", "title"
        )
    )
    start = _next_order(assessment)
    ActionItem.objects.bulk_create(
        [
            ActionItem(
                assessment=assessment,
                source=ActionItem.Source.GAPS,
                suggestion_id=group.suggestion_id,
                title=titles[group.suggestion_id],
                order=start + n,
            )
            for n, group in enumerate(missing)
        ],
        ignore_conflicts=True,
    )
    Assessment.objects.filter(pk=assessment.pk, plan_created_at=None).update(
        plan_created_at=timezone.now()
    )
    return len(missing)


def action_plan_ensure(*, scored: ScoredAssessment) -> None:
    """Build the plan from the gaps the first time it is opened."""
    assessment = scored.assessment
    if assessment.plan_created_at is None:
        action_plan_add_gaps(assessment=assessment, groups=scored.results.by_suggestion)
        assessment.refresh_from_db(fields=["plan_created_at"])


@transaction.atomic
def action_move(*, assessment: Assessment, action_id: int, offset: int) -> bool:
    """Move an action up (-1) or down (+1); renumber the plan 1..n. False if it cannot."""
    actions = list(assessment.actions.select_for_update().order_by("order", "pk"))
    positions = {action.pk: n for n, action in enumerate(actions)}
    if action_id not in positions:
        return False
    here = positions[action_id]
    there = here + offset
    if not 0 <= there < len(actions):
        return False
    actions[here], actions[there] = actions[there], actions[here]
    for n, action in enumerate(actions, start=1):
        action.order = n
    ActionItem.objects.bulk_update(actions, ["order"])
    return True


def action_add(*, assessment: Assessment, action: ActionItem, user) -> ActionItem:
    """Add the agency's own action at the end of the plan; PlanFull if it has no room."""
    with transaction.atomic():
        _lock_plan(assessment)
        if not plan_room(assessment):
            raise PlanFull
        action.assessment = assessment
        action.source = ActionItem.Source.OWN
        action.order = _next_order(assessment)
        if action.timeframe:
            action.timeframe_set_on = timezone.localdate()
        action.full_clean()
        action.save()
        ActionStatusChange.objects.create(action=action, status=action.status, changed_by=user)
    Assessment.objects.filter(pk=assessment.pk, plan_created_at=None).update(
        plan_created_at=timezone.now()
    )
    return action


@transaction.atomic
def action_update(
    *, action: ActionItem, previous_timeframe: str | None, previous_status: str, user
) -> ActionItem:
    """Save an edited action. A newly chosen timeframe counts from today; a new status is
    recorded in the action's history with who set it."""
    if action.timeframe != previous_timeframe:
        action.timeframe_set_on = timezone.localdate() if action.timeframe else None
    action.full_clean()
    action.save()
    if action.status != previous_status:
        ActionStatusChange.objects.create(action=action, status=action.status, changed_by=user)
    return action


@transaction.atomic
def actions_assign(
    *, assessment: Assessment, action_ids: list[int], owner: Owner | None, timeframe: str
) -> int:
    """Give the chosen actions of one plan an owner and/or a timeframe (counted from today);
    what is None or empty stays as it is. All or nothing: an id outside the plan changes
    nothing (ValueError). Returns how many actions were changed."""
    actions = list(assessment.actions.select_for_update().filter(pk__in=action_ids).order_by("pk"))
    if len(actions) != len(set(action_ids)):
        raise ValueError("An action is not in this plan.")
    now, today = timezone.now(), timezone.localdate()
    for action in actions:
        if owner is not None:
            owner.apply(action)
        if timeframe:
            # The same timeframe chosen again counts from today too: that is what was asked.
            action.timeframe, action.timeframe_set_on = timeframe, today
        action.updated_at = now
    # One statement for them all; the owner and timeframe were checked by the form, and the
    # database checks them again (one owner per action, a known timeframe).
    ActionItem.objects.bulk_update(
        actions,
        ["owner", "owner_member", "owner_invitation", "timeframe", "timeframe_set_on",
         "updated_at"],
    )  # fmt: skip
    return len(actions)


@transaction.atomic
def action_mark_done(*, action: ActionItem, user) -> bool:
    """Mark an action done (its gaps closed); False if it already was."""
    if (
        not ActionItem.objects.filter(pk=action.pk)
        .exclude(status=ActionItem.Status.DONE)
        .update(status=ActionItem.Status.DONE, updated_at=timezone.now())
    ):
        return False
    ActionStatusChange.objects.create(action=action, status=ActionItem.Status.DONE, changed_by=user)
    return True


def actions_with_closed_gaps(
    assessment: Assessment, groups: list[SuggestionGaps]
) -> list[ActionItem]:
    """Open actions built from gaps that the answers no longer show: offered "mark done"."""
    open_gaps = {group.suggestion_id for group in groups}
    return [
        action
        for action in assessment.actions.filter(source=ActionItem.Source.GAPS).select_related(
            "suggestion"
        )
        if action.is_open and action.suggestion_id not in open_gaps
    ]


@transaction.atomic
def action_plan_copy(*, source: Assessment, target: Assessment) -> int:
    """Carry a plan forward to a reassessment: every action with its fields, order and
    history, and the worksheet. Returns how many actions were copied."""
    actions = list(source.actions.prefetch_related("history"))
    copies = ActionItem.objects.bulk_create(
        ActionItem(
            assessment=target,
            carried_from=action,
            **{
                name: getattr(action, name)
                for name in (
                    "source", "item_id", "suggestion_id", "title", "partner",
                    "partner_organization_id", "owner", "owner_member_id", "owner_invitation_id",
                    "uid", "timeframe", "timeframe_set_on", "target_date", "status", "notes",
                    "order", "created_at",
                )
            },
        )
        for action in actions
    )  # fmt: skip
    ActionStatusChange.objects.bulk_create(
        ActionStatusChange(
            action=copy, status=change.status, changed_by_id=change.changed_by_id,
            changed_by_partner_id=change.changed_by_partner_id, changed_at=change.changed_at,
        )
        for action, copy in zip(actions, copies, strict=True)
        for change in action.history.all()
    )  # fmt: skip
    PlanNeed.objects.bulk_create(
        PlanNeed(assessment=target, position=need.position, text=need.text)
        for need in source.needs.all()
    )
    worksheet = InformationSharingWorksheet.objects.filter(assessment=source).first()
    if worksheet is not None:
        worksheet.pk = None
        worksheet.assessment = target
        worksheet.save()
    if source.plan_created_at is not None:
        target.plan_created_at = timezone.now()
        target.save(update_fields=["plan_created_at"])
    return len(copies)


def _done_on(action: ActionItem):
    """When the action was last marked done: its history, else its last save."""
    changes = [c.changed_at for c in action.history.all() if c.status == ActionItem.Status.DONE]
    return max(changes) if changes else action.updated_at


def rate_again_mark(*, source: Assessment, target: Assessment) -> int:
    """On a reassessment copied from ``source``: each statement behind an action that was
    marked done since ``source`` was started is flagged on ``target``'s answers, with why, so
    the questionnaire shows it first. Returns how many statements were flagged."""
    done = [
        action
        for action in source.actions.filter(status=ActionItem.Status.DONE).prefetch_related(
            "history"
        )
        if _done_on(action) >= source.created_at and (action.item_id or action.suggestion_id)
    ]
    suggestions = {a.suggestion_id for a in done if not a.item_id}
    items_of: dict[int, list[int]] = {}
    for pk, suggestion_id in Item.objects.filter(
        suggestion_id__in=suggestions, is_active=True
    ).values_list("pk", "suggestion_id"):
        items_of.setdefault(suggestion_id, []).append(pk)
    hints: dict[int, list[str]] = {}
    for action in sorted(done, key=lambda a: (a.order, a.pk)):
        when = timezone.localtime(_done_on(action))
        why = f"You marked “{action.title}” done on {when:%B %-d, %Y}: rate this again."
        for item_id in (
            [action.item_id] if action.item_id else items_of.get(action.suggestion_id, [])
        ):
            hints.setdefault(item_id, []).append(why)
    active = set(Item.objects.filter(pk__in=hints, is_active=True).values_list("pk", flat=True))
    responses = {r.item_id: r for r in Response.objects.filter(assessment=target, item__in=active)}
    for item_id in active:
        text = " ".join(hints[item_id])[:600]
        response = responses.get(item_id) or Response(assessment=target, item_id=item_id)
        response.rate_again = text
        responses[item_id] = response
    Response.objects.bulk_create([r for r in responses.values() if r.pk is None and r.rate_again])
    Response.objects.bulk_update([r for r in responses.values() if r.pk], ["rate_again"])
    return len(active)


@transaction.atomic
def reassessment_start(
    *, agency: Agency, user: User, copy_from: Assessment | None = None, name: str = ""
) -> Assessment:
    """Start an assessment (questionnaire.services.assessment_start); from a copy of an
    earlier one, the plan and its worksheet come along, in the same transaction, and the
    statements behind actions marked done since are flagged to be rated again."""
    assessment = assessment_start(agency=agency, user=user, copy_from=copy_from, name=name)
    if copy_from is not None:
        action_plan_copy(source=copy_from, target=assessment)
        rate_again_mark(source=copy_from, target=assessment)
    return assessment


@dataclass
class PlanFilter:
    """What the plan table shows: every action, or those with a status or an owner."""

    status: str = ""
    owner: str = ""

    def apply(self, actions: list[ActionItem]) -> list[ActionItem]:
        return [
            action
            for action in actions
            if (not self.status or action.status == self.status)
            and (not self.owner or action.owner_label == self.owner)
        ]

    @property
    def active(self) -> bool:
        return bool(self.status or self.owner)


def worksheet_for(assessment: Assessment) -> InformationSharingWorksheet:
    try:
        return assessment.worksheet
    except InformationSharingWorksheet.DoesNotExist:
        return InformationSharingWorksheet(assessment=assessment)


def status_counts(actions: list[ActionItem]) -> list[tuple[str, int]]:
    """(status label, number of actions) for every status that has actions, in the statuses'
    order."""
    found = [
        (label, sum(1 for a in actions if a.status == value))
        for value, label in ActionItem.Status.choices
    ]
    return [(label, n) for label, n in found if n]


@dataclass
class PlanOverview:
    """The agency's current plan at a glance: the plan of its newest assessment that has one
    (a reassessment carries the plan forward, so older plans are history)."""

    assessment: Assessment
    actions: list[ActionItem]

    @property
    def counts(self) -> list[tuple[str, int]]:
        return status_counts(self.actions)

    @property
    def overdue(self) -> list[ActionItem]:
        return [a for a in self.actions if a.is_overdue]

    @property
    def due_soon(self) -> list[ActionItem]:
        return [a for a in self.actions if a.is_due_soon]


def plan_overview(assessments: list[Assessment]) -> PlanOverview | None:
    """``assessments``: the agency's, newest first."""
    current = next((a for a in assessments if a.plan_created_at is not None), None)
    if current is None:
        return None
    return PlanOverview(current, list(current.actions.select_related(*OWNERS)))


@transaction.atomic
def action_plan_add_perception_gap(
    *, scored: ScoredAssessment, suggestion: Suggestion, title: str, partner: str, notes: str, user
) -> tuple[ActionItem, bool]:
    """Add an action for a perception gap at the end of the plan, owned jointly with the
    partner when the gap involves a community partner. Returns (action, True), or the same
    action already in the plan and False (a double submit adds nothing)."""
    assessment = scored.assessment
    # The plan built from the gaps comes first, or opening the plan later would skip it.
    action_plan_ensure(scored=scored)
    Assessment.objects.select_for_update().filter(pk=assessment.pk).first()
    existing = assessment.actions.filter(item=None, suggestion=suggestion, title=title).first()
    if existing is not None:
        return existing, False
    action = ActionItem(suggestion=suggestion, title=title, partner=partner, notes=notes)
    return action_add(assessment=assessment, action=action, user=user), True


@transaction.atomic
def plan_needs_save(*, assessment: Assessment, texts: list[str]) -> None:
    """Replace the plan's list of what the chief needs from city hall (at most NEEDS_MAX)."""
    if len(texts) > NEEDS_MAX:
        raise ValueError(f"At most {NEEDS_MAX} needs.")
    _lock_plan(assessment)
    assessment.needs.all().delete()
    needs = [
        PlanNeed(assessment=assessment, position=n, text=text)
        for n, text in enumerate(texts, start=1)
    ]
    for need in needs:
        need.full_clean()
    PlanNeed.objects.bulk_create(needs)
