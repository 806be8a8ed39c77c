"""The action plan: built from the ranked gaps, then edited by the agency."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from guidance.models import Suggestion
from questionnaire.answers import scoring_inputs
from questionnaire.models import ActionItem, Assessment, InformationSharingWorksheet
from questionnaire.scoring import Gap, score_assessment


def ranked_gaps(assessment: Assessment) -> list[Gap]:
    items, domain_ids = scoring_inputs(assessment)
    return score_assessment(items, domain_ids).gaps


def gaps_without_action(assessment: Assessment, gaps: list[Gap]) -> list[Gap]:
    covered = set(assessment.actions.exclude(item=None).values_list("item_id", flat=True))
    return [gap for gap in gaps if gap.item_id not in covered]


@transaction.atomic
def action_plan_add_gaps(*, assessment: Assessment, gaps: list[Gap] | None = None) -> int:
    """Add one action per ranked gap that has none, after the existing actions.

    Returns how many were added. Safe to run twice at once: a gap never gets two actions.
    """
    gaps = ranked_gaps(assessment) if gaps is None else gaps
    missing = gaps_without_action(assessment, gaps)
    suggestions = Suggestion.objects.in_bulk({gap.suggestion_id for gap in missing})
    start = assessment.actions.aggregate(last=Max("order"))["last"] or 0
    ActionItem.objects.bulk_create(
        [
            ActionItem(
                assessment=assessment,
                item_id=gap.item_id,
                suggestion_id=gap.suggestion_id,
                title=suggestions[gap.suggestion_id].title,
                order=start + n,
            )
            for n, gap in enumerate(missing, start=1)
        ],
        ignore_conflicts=True,
    )
    Assessment.objects.filter(pk=assessment.pk, plan_created_at=None).update(
        plan_created_at=timezone.now()
    )
    return len(missing)


def action_plan_ensure(*, assessment: Assessment) -> None:
    """Build the plan from the gaps the first time it is opened."""
    if assessment.plan_created_at is None:
        action_plan_add_gaps(assessment=assessment)
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


def action_add(*, assessment: Assessment, action: ActionItem) -> ActionItem:
    """Add the agency's own action at the end of the plan."""
    with transaction.atomic():
        last = assessment.actions.aggregate(last=Max("order"))["last"] or 0
        action.assessment = assessment
        action.order = last + 1
        action.full_clean()
        action.save()
    Assessment.objects.filter(pk=assessment.pk, plan_created_at=None).update(
        plan_created_at=timezone.now()
    )
    return action


def worksheet_for(assessment: Assessment) -> InformationSharingWorksheet:
    try:
        return assessment.worksheet
    except InformationSharingWorksheet.DoesNotExist:
        return InformationSharingWorksheet(assessment=assessment)


@transaction.atomic
def action_plan_add_perception_gap(
    *, assessment: Assessment, suggestion: Suggestion, title: str, partner: str, notes: str
) -> tuple[ActionItem, bool]:
    """Add an action for a perception gap at the end of the plan, owned jointly with the
    partner when the gap involves a community partner. Returns (action, True), or the same
    action already in the plan and False (a double submit adds nothing)."""
    # The plan built from the gaps comes first, or opening the plan later would skip it.
    action_plan_ensure(assessment=assessment)
    Assessment.objects.select_for_update().filter(pk=assessment.pk).first()
    existing = assessment.actions.filter(item=None, suggestion=suggestion, title=title).first()
    if existing is not None:
        return existing, False
    action = ActionItem(suggestion=suggestion, title=title, partner=partner, notes=notes)
    return action_add(assessment=assessment, action=action), True
