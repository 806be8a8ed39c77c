from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from questionnaire.forms import ActionForm, ActionFormSet, WorksheetForm
from questionnaire.models import ActionItem, Answer, Response
from questionnaire.pdf import plan_filename, render_plan_pdf
from questionnaire.plan import (
    action_add,
    action_move,
    action_plan_add_gaps,
    action_plan_ensure,
    gaps_without_action,
    ranked_gaps,
    worksheet_for,
)
from questionnaire.views.access import agency_member_required, get_assessment_for_user


def _plan_url(assessment) -> str:
    return reverse("assessment_plan", args=[assessment.pk])


def _warn_overdue(request: HttpRequest, actions) -> None:
    for action in actions:
        if action.is_overdue:
            messages.warning(
                request,
                f"The target date of “{action.title}” ({action.target_date:%B %-d, %Y}) has "
                "passed and the action is not done. Change its date or its status.",
            )


@agency_member_required
def assessment_plan(request: HttpRequest, assessment_id) -> HttpResponse:
    """The editable action plan and the worksheet. Template: questionnaire/plan.html.

    Context: ``formset`` (one form per action, in order), ``answers`` (item id -> answer
    label, to say why each gap action exists), ``new_form``, ``worksheet_form`` and
    ``missing`` (gaps that have no action yet). The plan stays editable after submission.
    """
    assessment = get_assessment_for_user(request, assessment_id)
    if request.method != "POST":
        action_plan_ensure(assessment=assessment)
    actions = assessment.actions.select_related("suggestion", "item")
    formset = ActionFormSet(
        request.POST if request.method == "POST" else None, queryset=actions, prefix="actions"
    )
    if request.method == "POST" and formset.is_valid():
        saved = formset.save()
        messages.success(request, "The action plan is saved.")
        _warn_overdue(request, saved)
        move = request.POST.get("move", "")
        remove = request.POST.get("remove", "")
        if move:
            direction, _, action_id = move.partition(":")
            if action_id.isdigit() and direction in {"up", "down"}:
                offset = -1 if direction == "up" else 1
                action_move(assessment=assessment, action_id=int(action_id), offset=offset)
        if remove.isdigit():
            return redirect("assessment_action_delete", assessment.pk, int(remove))
        return redirect(_plan_url(assessment))
    labels = dict(Answer.choices)
    answers = {
        item_id: labels.get(value, value)
        for item_id, value in Response.objects.filter(assessment=assessment).values_list(
            "item_id", "value"
        )
    }
    return render(
        request,
        "questionnaire/plan.html",
        {
            "assessment": assessment,
            "formset": formset,
            "answers": answers,
            "today": timezone.localdate(),
            "new_form": ActionForm(prefix="new"),
            "worksheet_form": WorksheetForm(instance=worksheet_for(assessment)),
            "missing": len(gaps_without_action(assessment, ranked_gaps(assessment))),
        },
    )


@agency_member_required
def assessment_plan_add(request: HttpRequest, assessment_id) -> HttpResponse:
    """Add the agency's own action; on errors, show the plan page with them."""
    assessment = get_assessment_for_user(request, assessment_id)
    if request.method != "POST":
        return redirect(_plan_url(assessment))
    form = ActionForm(request.POST, prefix="new")
    if form.is_valid():
        action = action_add(assessment=assessment, action=form.save(commit=False))
        messages.success(request, f"Added “{action.title}” to the end of the plan.")
        _warn_overdue(request, [action])
        return redirect(_plan_url(assessment))
    return _plan_with_errors(request, assessment, new_form=form)


@agency_member_required
def assessment_plan_gaps(request: HttpRequest, assessment_id) -> HttpResponse:
    """Add actions for gaps that have none (new gaps, or ones removed earlier)."""
    assessment = get_assessment_for_user(request, assessment_id)
    if request.method != "POST":
        return redirect(_plan_url(assessment))
    added = action_plan_add_gaps(assessment=assessment)
    messages.success(
        request, f"Added {added} action{'s' if added != 1 else ''} for gaps without one."
    )
    return redirect(_plan_url(assessment))


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
        return redirect(f"{_plan_url(assessment)}#worksheet")
    return _plan_with_errors(request, assessment, worksheet_form=form)


def _plan_with_errors(request, assessment, **forms) -> HttpResponse:
    actions = assessment.actions.select_related("suggestion", "item")
    context = {
        "assessment": assessment,
        "formset": ActionFormSet(queryset=actions, prefix="actions"),
        "answers": {},
        "today": timezone.localdate(),
        "new_form": ActionForm(prefix="new"),
        "worksheet_form": WorksheetForm(instance=worksheet_for(assessment)),
        "missing": 0,
    }
    context.update(forms)
    return render(request, "questionnaire/plan.html", context)


@agency_member_required
def assessment_action_delete(request: HttpRequest, assessment_id, action_id: int):
    """Confirm, then remove one action. Template: questionnaire/action_delete.html."""
    assessment = get_assessment_for_user(request, assessment_id)
    action = get_object_or_404(ActionItem, pk=action_id, assessment=assessment)
    if request.method == "POST":
        action.delete()
        messages.success(
            request,
            f"Removed “{action.title}”. If it answered a gap, “Add actions for gaps” brings "
            "it back.",
        )
        return redirect(_plan_url(assessment))
    return render(
        request, "questionnaire/action_delete.html", {"assessment": assessment, "action": action}
    )


@agency_member_required
def assessment_plan_pdf(request: HttpRequest, assessment_id) -> HttpResponse:
    """The action plan as a PDF download (WeasyPrint)."""
    assessment = get_assessment_for_user(request, assessment_id)
    action_plan_ensure(assessment=assessment)
    try:
        pdf = render_plan_pdf(assessment)
    except OSError:  # WeasyPrint cannot load Pango: say so instead of failing with a 500
        return render(
            request, "questionnaire/pdf_unavailable.html", {"assessment": assessment}, status=503
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{plan_filename(assessment)}"'
    return response
