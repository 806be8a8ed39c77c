"""The action plan's pages: the plan table with its forms, an action's editor, removing and
reordering actions, the worksheet, and a perception gap turned into an action."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from guidance.models import Item
from guidance.selectors import guidance_domains
from perspectives.results import perspective_results
from plans.evidence_views import EvidenceForm
from plans.forms import ActionForm, BulkAssignForm, NeedsForm, PlanFilterForm, WorksheetForm
from plans.models import ActionItem, PartnerOrganization
from plans.owners import Team, agency_team
from plans.promises import promises_overdue
from plans.services import (
    OWNERS,
    PlanFull,
    action_add,
    action_mark_done,
    action_move,
    action_plan_add_gaps,
    action_plan_add_perception_gap,
    action_plan_ensure,
    action_update,
    actions_assign,
    actions_with_closed_gaps,
    plan_needs_save,
    plan_room,
    suggestions_without_action,
    worksheet_for,
)
from questionnaire.access import agency_member_required, get_assessment_for_user
from questionnaire.models import Assessment
from questionnaire.scored import ScoredAssessment, assessment_scored, gap_statements


def _plan_full_message() -> str:
    return (
        f"Your plan has reached its limit of {settings.ACTIONS_PER_PLAN_MAX} actions. Remove "
        "actions you no longer need to make room for new ones."
    )


def _plan_url(assessment: Assessment, anchor: str = "") -> str:
    url = reverse("assessment_plan", args=[assessment.pk])
    return f"{url}#{anchor}" if anchor else url


def _get_action(assessment: Assessment, action_id: int) -> ActionItem:
    return get_object_or_404(
        ActionItem.objects.select_related("suggestion", *OWNERS),
        pk=action_id,
        assessment=assessment,
    )


def _action_form(assessment: Assessment, data=None, *, team: Team | None = None, **kwargs):
    """An action's form, offering the agency's team as owners and its partner organizations."""
    return ActionForm(
        data,
        team=team or agency_team(assessment.agency),
        partners=PartnerOrganization.objects.filter(agency_id=assessment.agency_id),
        **kwargs,
    )


def _warn_overdue(request: HttpRequest, actions) -> None:
    for action in actions:
        if action.is_overdue:
            messages.warning(
                request,
                f"“{action.title}” was due {action.due_date:%B %-d, %Y} and is not done. "
                "Change its date, its timeframe or its status.",
            )


def _plan_page(
    request: HttpRequest,
    scored: ScoredAssessment,
    *,
    new_form=None,
    worksheet_form=None,
    bulk_form=None,
    needs_form=None,
    status: int = 200,
) -> HttpResponse:
    """The plan page, with whichever of its forms has errors."""
    assessment = scored.assessment
    actions = list(assessment.actions.select_related("suggestion", *OWNERS))
    groups = scored.results.by_suggestion
    team = agency_team(assessment.agency)
    owners = sorted({a.owner_label for a in actions if a.owner_label}, key=str.lower)
    filter_form = PlanFilterForm(request.GET or None, owners=owners)
    plan_filter = filter_form.plan_filter()
    return render(
        request,
        "plans/plan.html",
        {
            "assessment": assessment,
            "actions": plan_filter.apply(actions),
            "total": len(actions),
            "filter_form": filter_form,
            "filtered": plan_filter.active,
            "overdue": [a for a in actions if a.is_overdue],
            "due_soon": [a for a in actions if a.is_due_soon],
            "new_form": new_form or _action_form(assessment, team=team, prefix="new"),
            "bulk_form": bulk_form or BulkAssignForm(team=team, actions=actions),
            "ticked": set(bulk_form.data.getlist("assign-actions")) if bulk_form else set(),
            "worksheet_form": worksheet_form or WorksheetForm(instance=worksheet_for(assessment)),
            "needs_form": needs_form
            or NeedsForm(needs=[need.text for need in assessment.needs.all()]),
            "missing": len(suggestions_without_action(assessment, groups)),
            "closed": actions_with_closed_gaps(assessment, groups),
            "overdue_promises": promises_overdue(assessment.agency),
        },
        status=status,
    )


@agency_member_required
def assessment_plan(request: HttpRequest, assessment_id) -> HttpResponse:
    """The action plan as a table, the add form and the worksheet.

    Template: questionnaire/plan.html. Context: ``actions`` (in order, filtered by the GET
    form ``filter_form``: status and owner), ``total``, ``overdue`` and ``due_soon`` (of the
    whole plan), ``new_form``, ``worksheet_form``, ``missing`` (suggestions with gaps that
    have no action) and ``overdue_promises`` (the agency's promises to the community not kept
    by their day). The plan stays editable after submission.
    """
    assessment = get_assessment_for_user(request, assessment_id)
    if request.method == "POST":
        return redirect(_plan_url(assessment))
    scored = assessment_scored(assessment, notes=False)
    action_plan_ensure(scored=scored)
    return _plan_page(request, scored)


@agency_member_required
def assessment_action_edit(request: HttpRequest, assessment_id, action_id: int) -> HttpResponse:
    """Edit one action. Template: questionnaire/action_edit.html.

    Context: ``action``, ``form``, ``statements`` (the statements behind the action's
    suggestion that are gaps, with your answers), ``history`` (who set which status when),
    ``evidence`` (its files) and ``evidence_form``.
    """
    assessment = get_assessment_for_user(request, assessment_id)
    action = _get_action(assessment, action_id)
    previous_timeframe, previous_status = action.timeframe, action.status
    form = _action_form(
        assessment, request.POST if request.method == "POST" else None, instance=action
    )
    if request.method == "POST" and form.is_valid():
        action = action_update(
            action=form.save(commit=False),
            previous_timeframe=previous_timeframe,
            previous_status=previous_status,
            user=request.user,
        )
        messages.success(request, f"Saved “{action.title}”.")
        _warn_overdue(request, [action])
        return redirect(_plan_url(assessment, f"action-{action.pk}"))
    scored = assessment_scored(assessment)
    group = next(
        (g for g in scored.results.by_suggestion if g.suggestion_id == action.suggestion_id), None
    )
    statements = (
        gap_statements(scored, group, Item.objects.in_bulk(group.item_ids)) if group else []
    )
    return render(
        request,
        "plans/action_edit.html",
        {
            "assessment": assessment,
            "action": action,
            "form": form,
            "statements": statements,
            "history": action.history.select_related("changed_by", "changed_by_partner"),
            "evidence": action.evidence.select_related("uploaded_by"),
            "evidence_form": EvidenceForm(),
        },
    )


@agency_member_required
def assessment_action_move(request: HttpRequest, assessment_id, action_id: int) -> HttpResponse:
    """Move an action up or down. Answers JSON to the plan page's script, else redirects."""
    assessment = get_assessment_for_user(request, assessment_id)
    action = _get_action(assessment, action_id)
    direction = request.POST.get("direction")
    if request.method != "POST" or direction not in {"up", "down"}:
        return redirect(_plan_url(assessment, f"action-{action.pk}"))
    moved = action_move(
        assessment=assessment, action_id=action.pk, offset=-1 if direction == "up" else 1
    )
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({"moved": moved})
    if not moved:
        messages.info(
            request, f"“{action.title}” is already {'first' if direction == 'up' else 'last'}."
        )
    # Back where the keyboard was: at the action just moved.
    return redirect(_plan_url(assessment, f"action-{action.pk}"))


@agency_member_required
def assessment_action_done(request: HttpRequest, assessment_id, action_id: int) -> HttpResponse:
    """Mark an action done, from the plan's list of actions whose gaps your answers closed."""
    assessment = get_assessment_for_user(request, assessment_id)
    action = _get_action(assessment, action_id)
    if request.method == "POST" and action_mark_done(action=action, user=request.user):
        messages.success(request, f"Marked “{action.title}” as done.")
    return redirect(_plan_url(assessment, f"action-{action.pk}"))


@agency_member_required
def assessment_plan_add(request: HttpRequest, assessment_id) -> HttpResponse:
    """Add the agency's own action; on errors, show the plan page with them."""
    assessment = get_assessment_for_user(request, assessment_id)
    if request.method != "POST":
        return redirect(_plan_url(assessment))
    form = _action_form(assessment, request.POST, prefix="new")
    if form.is_valid():
        try:
            action = action_add(
                assessment=assessment, action=form.save(commit=False), user=request.user
            )
        except PlanFull:
            form.add_error(None, _plan_full_message())
            return _plan_page(request, assessment_scored(assessment, notes=False), new_form=form)
        messages.success(request, f"Added “{action.title}” to the end of the plan.")
        _warn_overdue(request, [action])
        return redirect(_plan_url(assessment, f"action-{action.pk}"))
    return _plan_page(request, assessment_scored(assessment, notes=False), new_form=form)


@agency_member_required
def assessment_plan_assign(request: HttpRequest, assessment_id) -> HttpResponse:
    """Give the actions ticked in the plan table an owner and/or a timeframe; on errors, the
    plan page with them (and the ticks kept), nothing changed."""
    assessment = get_assessment_for_user(request, assessment_id)
    if request.method != "POST":
        return redirect(_plan_url(assessment))
    actions = list(assessment.actions.only("pk", "title"))
    form = BulkAssignForm(request.POST, team=agency_team(assessment.agency), actions=actions)
    if form.is_valid():
        count = actions_assign(
            assessment=assessment,
            action_ids=form.cleaned_data["actions"],
            owner=form.cleaned_data["owner"],
            timeframe=form.cleaned_data["timeframe"],
        )
        messages.success(request, f"Updated {count} action{'s' if count != 1 else ''}.")
        return redirect(_plan_url(assessment, "actions-heading"))
    scored = assessment_scored(assessment, notes=False)
    return _plan_page(request, scored, bulk_form=form)


@agency_member_required
def assessment_plan_gaps(request: HttpRequest, assessment_id) -> HttpResponse:
    """Add actions for report suggestions with gaps that have none."""
    assessment = get_assessment_for_user(request, assessment_id)
    if request.method != "POST":
        return redirect(_plan_url(assessment))
    groups = assessment_scored(assessment, notes=False).results.by_suggestion
    added = action_plan_add_gaps(assessment=assessment, groups=groups)
    messages.success(
        request, f"Added {added} action{'s' if added != 1 else ''} for gaps without one."
    )
    if not plan_room(assessment) and suggestions_without_action(assessment, groups):
        messages.warning(request, _plan_full_message())
    return redirect(_plan_url(assessment, "actions-heading"))


@agency_member_required
def assessment_worksheet(request: HttpRequest, assessment_id) -> HttpResponse:
    """Save the information-sharing worksheet."""
    assessment = get_assessment_for_user(request, assessment_id)
    if request.method != "POST":
        return redirect(_plan_url(assessment))
    form = WorksheetForm(request.POST, instance=worksheet_for(assessment))
    if form.is_valid():
        form.save()
        messages.success(request, "The information-sharing worksheet is saved.")
        return redirect(_plan_url(assessment, "worksheet"))
    return _plan_page(request, assessment_scored(assessment, notes=False), worksheet_form=form)


@agency_member_required
def assessment_plan_needs(request: HttpRequest, assessment_id) -> HttpResponse:
    """Save the list of what the chief needs from city hall (printed on the brief)."""
    assessment = get_assessment_for_user(request, assessment_id)
    if request.method != "POST":
        return redirect(_plan_url(assessment, "needs"))
    form = NeedsForm(request.POST, needs=[])
    if form.is_valid():
        plan_needs_save(assessment=assessment, texts=form.texts())
        messages.success(request, "Saved what you need from city hall.")
        return redirect(_plan_url(assessment, "needs"))
    return _plan_page(request, assessment_scored(assessment, notes=False), needs_form=form)


@agency_member_required
def assessment_action_delete(request: HttpRequest, assessment_id, action_id: int):
    """Confirm, then remove one action. Template: questionnaire/action_delete.html."""
    assessment = get_assessment_for_user(request, assessment_id)
    action = _get_action(assessment, action_id)
    if request.method == "POST":
        action.delete()
        messages.success(
            request,
            f"Removed “{action.title}”. If it answered gaps, “Add actions for them” brings "
            "it back.",
        )
        return redirect(_plan_url(assessment, "actions-heading"))
    return render(
        request, "plans/action_delete.html", {"assessment": assessment, "action": action}
    )


@agency_member_required
def perception_gap_add(request: HttpRequest, assessment_id, item_id: int) -> HttpResponse:
    """Confirm, then add an action for one perception gap to the plan (jointly with the
    community partner when one is involved). Template: plans/perception_gap_add.html,
    with ``gap``."""
    assessment = get_assessment_for_user(request, assessment_id)
    scored = assessment_scored(assessment, notes=False)
    results = perspective_results(scored, domains=guidance_domains())
    gap = next((g for g in (results.gaps if results else []) if g.item.pk == item_id), None)
    if gap is None:
        raise Http404("No such perception gap")
    if request.method == "POST":
        action, added = action_plan_add_perception_gap(
            scored=scored,
            suggestion=gap.suggestion,
            title=gap.action_title,
            partner=gap.partner,
            notes=gap.action_notes,
            user=request.user,
        )
        if added:
            messages.success(request, f"Added “{action.title}” to the end of the plan.")
        else:
            messages.info(request, f"“{action.title}” is already in the plan.")
        return redirect(f"{reverse('assessment_plan', args=[assessment.pk])}#action-{action.pk}")
    return render(
        request, "plans/perception_gap_add.html", {"assessment": assessment, "gap": gap}
    )
