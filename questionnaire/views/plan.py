from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from questionnaire.forms import ActionForm, ActionFormSet, WorksheetForm
from questionnaire.models import ActionItem, Response, answer_label
from questionnaire.pdf import PdfBusy, PdfTooSlow, plan_filename, render_plan_pdf
from questionnaire.plan import (
    PlanFull,
    action_add,
    action_move,
    action_plan_add_gaps,
    action_plan_ensure,
    gaps_without_action,
    plan_room,
    ranked_gaps,
    worksheet_for,
)
from questionnaire.views.access import agency_member_required, get_assessment_for_user


def _plan_full_message() -> str:
    return (
        f"Your plan has reached its limit of {settings.ACTIONS_PER_PLAN_MAX} actions. Remove "
        "actions you no longer need to make room for new ones."
    )


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


def _plan_page(
    request: HttpRequest,
    assessment,
    *,
    formset=None,
    new_form=None,
    worksheet_form=None,
) -> HttpResponse:
    """The plan page, with whichever of its three forms has errors."""
    if formset is None:
        actions = assessment.actions.select_related("suggestion", "item")
        formset = ActionFormSet(queryset=actions, prefix="actions")
    answers = dict(Response.objects.filter(assessment=assessment).values_list("item_id", "value"))
    for form in formset:
        # Why a gap's action exists: "Because you rated … as planned".
        form.answer_label = answer_label(answers.get(form.instance.item_id, ""))
    return render(
        request,
        "questionnaire/plan.html",
        {
            "assessment": assessment,
            "formset": formset,
            "new_form": new_form or ActionForm(prefix="new"),
            "worksheet_form": worksheet_form or WorksheetForm(instance=worksheet_for(assessment)),
            "missing": len(gaps_without_action(assessment, ranked_gaps(assessment))),
        },
    )


@agency_member_required
def assessment_plan(request: HttpRequest, assessment_id) -> HttpResponse:
    """The editable action plan and the worksheet. Template: questionnaire/plan.html.

    Context: ``formset`` (one form per action, in order, each with the ``answer_label`` of
    the gap it answers), ``new_form``, ``worksheet_form`` and ``missing`` (gaps that have no
    action yet). The plan stays editable after submission.
    """
    assessment = get_assessment_for_user(request, assessment_id)
    if request.method != "POST":
        action_plan_ensure(assessment=assessment)
        return _plan_page(request, assessment)
    actions = assessment.actions.select_related("suggestion", "item")
    formset = ActionFormSet(request.POST, queryset=actions, prefix="actions")
    if not formset.is_valid():
        return _plan_page(request, assessment, formset=formset)
    saved = formset.save()
    messages.success(request, "The action plan is saved.")
    _warn_overdue(request, saved)
    direction, _, action_id = request.POST.get("move", "").partition(":")
    if action_id.isdigit() and direction in {"up", "down"}:
        offset = -1 if direction == "up" else 1
        action_move(assessment=assessment, action_id=int(action_id), offset=offset)
        # Back where the keyboard was: at the action just moved.
        return redirect(f"{_plan_url(assessment)}#action-{action_id}")
    remove = request.POST.get("remove", "")
    if remove.isdigit():
        return redirect("assessment_action_delete", assessment.pk, int(remove))
    return redirect(_plan_url(assessment))


@agency_member_required
def assessment_plan_add(request: HttpRequest, assessment_id) -> HttpResponse:
    """Add the agency's own action; on errors, show the plan page with them."""
    assessment = get_assessment_for_user(request, assessment_id)
    if request.method != "POST":
        return redirect(_plan_url(assessment))
    form = ActionForm(request.POST, prefix="new")
    if form.is_valid():
        try:
            action = action_add(assessment=assessment, action=form.save(commit=False))
        except PlanFull:
            form.add_error(None, _plan_full_message())
            return _plan_page(request, assessment, new_form=form)
        messages.success(request, f"Added “{action.title}” to the end of the plan.")
        _warn_overdue(request, [action])
        return redirect(_plan_url(assessment))
    return _plan_page(request, assessment, new_form=form)


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
    if not plan_room(assessment) and gaps_without_action(assessment, ranked_gaps(assessment)):
        messages.warning(request, _plan_full_message())
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
    return _plan_page(request, assessment, worksheet_form=form)


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
        return redirect(f"{_plan_url(assessment)}#actions-heading")
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
    except (PdfBusy, PdfTooSlow) as limit:
        return _pdf_later(request, assessment, too_slow=isinstance(limit, PdfTooSlow))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{plan_filename(assessment)}"'
    return response


def _pdf_later(request: HttpRequest, assessment, *, too_slow: bool) -> HttpResponse:
    """503 when the server is too busy to make the PDF now. Template:
    questionnaire/pdf_busy.html; context: ``too_slow`` and ``timeout`` (seconds)."""
    response = render(
        request,
        "questionnaire/pdf_busy.html",
        {"assessment": assessment, "too_slow": too_slow, "timeout": settings.PDF_RENDER_TIMEOUT},
        status=503,
    )
    response["Retry-After"] = "30"
    return response
