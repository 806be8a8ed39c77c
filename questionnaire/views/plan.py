from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from accounts.models import User
from questionnaire.forms import ActionForm, PlanFilterForm, WorksheetForm
from questionnaire.models import ActionItem, Assessment
from questionnaire.pdf import (
    PdfBusy,
    PdfTooSlow,
    brief_filename,
    brief_pdf,
    plan_filename,
    plan_pdf,
)
from questionnaire.plan import (
    PlanFull,
    action_add,
    action_mark_done,
    action_move,
    action_plan_add_gaps,
    action_plan_ensure,
    action_update,
    actions_with_closed_gaps,
    plan_room,
    ranked_suggestion_gaps,
    suggestions_without_action,
    worksheet_for,
)
from questionnaire.results import suggestion_statements
from questionnaire.views.access import agency_member_required, get_assessment_for_user


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
        ActionItem.objects.select_related("suggestion"), pk=action_id, assessment=assessment
    )


def _members(assessment: Assessment):
    """The people who can receive reminders about the plan's actions: the agency's members."""
    return User.objects.filter(agency_id=assessment.agency_id, is_active=True).order_by(
        "full_name", "email"
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
    request: HttpRequest, assessment: Assessment, *, new_form=None, worksheet_form=None
) -> HttpResponse:
    """The plan page, with whichever of its forms has errors."""
    actions = list(assessment.actions.select_related("suggestion"))
    groups = ranked_suggestion_gaps(assessment)
    owners = sorted({action.owner for action in actions if action.owner}, key=str.lower)
    filter_form = PlanFilterForm(request.GET or None, owners=owners)
    plan_filter = filter_form.plan_filter()
    return render(
        request,
        "questionnaire/plan.html",
        {
            "assessment": assessment,
            "actions": plan_filter.apply(actions),
            "total": len(actions),
            "filter_form": filter_form,
            "filtered": plan_filter.active,
            "overdue": [a for a in actions if a.is_overdue],
            "due_soon": [a for a in actions if a.is_due_soon],
            "new_form": new_form or ActionForm(prefix="new", members=_members(assessment)),
            "worksheet_form": worksheet_form or WorksheetForm(instance=worksheet_for(assessment)),
            "missing": len(suggestions_without_action(assessment, groups)),
            "closed": actions_with_closed_gaps(assessment, groups),
        },
    )


@agency_member_required
def assessment_plan(request: HttpRequest, assessment_id) -> HttpResponse:
    """The action plan as a table, the add form and the worksheet.

    Template: questionnaire/plan.html. Context: ``actions`` (in order, filtered by the GET
    form ``filter_form``: status and owner), ``total``, ``overdue`` and ``due_soon`` (of the
    whole plan), ``new_form``, ``worksheet_form`` and ``missing`` (suggestions with gaps that
    have no action). The plan stays editable after submission.
    """
    assessment = get_assessment_for_user(request, assessment_id)
    if request.method == "POST":
        return redirect(_plan_url(assessment))
    action_plan_ensure(assessment=assessment)
    return _plan_page(request, assessment)


@agency_member_required
def assessment_action_edit(request: HttpRequest, assessment_id, action_id: int) -> HttpResponse:
    """Edit one action. Template: questionnaire/action_edit.html.

    Context: ``action``, ``form``, ``statements`` (the statements behind the action's
    suggestion that are gaps, with your answers) and ``history`` (who set which status when).
    """
    assessment = get_assessment_for_user(request, assessment_id)
    action = _get_action(assessment, action_id)
    previous_timeframe, previous_status = action.timeframe, action.status
    form = ActionForm(
        request.POST if request.method == "POST" else None,
        instance=action,
        members=_members(assessment),
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
    return render(
        request,
        "questionnaire/action_edit.html",
        {
            "assessment": assessment,
            "action": action,
            "form": form,
            "statements": suggestion_statements(assessment, action.suggestion_id),
            "history": action.history.select_related("changed_by"),
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
    form = ActionForm(request.POST, prefix="new", members=_members(assessment))
    if form.is_valid():
        try:
            action = action_add(
                assessment=assessment, action=form.save(commit=False), user=request.user
            )
        except PlanFull:
            form.add_error(None, _plan_full_message())
            return _plan_page(request, assessment, new_form=form)
        messages.success(request, f"Added “{action.title}” to the end of the plan.")
        _warn_overdue(request, [action])
        return redirect(_plan_url(assessment, f"action-{action.pk}"))
    return _plan_page(request, assessment, new_form=form)


@agency_member_required
def assessment_plan_gaps(request: HttpRequest, assessment_id) -> HttpResponse:
    """Add actions for report suggestions with gaps that have none."""
    assessment = get_assessment_for_user(request, assessment_id)
    if request.method != "POST":
        return redirect(_plan_url(assessment))
    added = action_plan_add_gaps(assessment=assessment)
    messages.success(
        request, f"Added {added} action{'s' if added != 1 else ''} for gaps without one."
    )
    if not plan_room(assessment) and suggestions_without_action(
        assessment, ranked_suggestion_gaps(assessment)
    ):
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
    return _plan_page(request, assessment, worksheet_form=form)


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
        request, "questionnaire/action_delete.html", {"assessment": assessment, "action": action}
    )


def _pdf_download(request: HttpRequest, assessment: Assessment, render_pdf, filename: str):
    try:
        pdf = render_pdf(assessment)
    except OSError:  # WeasyPrint cannot load Pango: say so instead of failing with a 500
        return render(
            request, "questionnaire/pdf_unavailable.html", {"assessment": assessment}, status=503
        )
    except (PdfBusy, PdfTooSlow) as limit:
        return _pdf_later(request, assessment, too_slow=isinstance(limit, PdfTooSlow))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@agency_member_required
def assessment_plan_pdf(request: HttpRequest, assessment_id) -> HttpResponse:
    """The command brief and the whole plan as a PDF download (WeasyPrint)."""
    assessment = get_assessment_for_user(request, assessment_id)
    action_plan_ensure(assessment=assessment)
    return _pdf_download(request, assessment, plan_pdf, plan_filename(assessment))


@agency_member_required
def assessment_brief_pdf(request: HttpRequest, assessment_id) -> HttpResponse:
    """The one-page command brief alone, as a PDF download."""
    assessment = get_assessment_for_user(request, assessment_id)
    action_plan_ensure(assessment=assessment)
    return _pdf_download(request, assessment, brief_pdf, brief_filename(assessment))


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
