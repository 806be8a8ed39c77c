"""Perception gaps into the plan."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from questionnaire.perspectives import perspective_results
from questionnaire.plan import action_plan_add_perception_gap
from questionnaire.views.access import agency_member_required, get_assessment_for_user


@agency_member_required
def perception_gap_add(request: HttpRequest, assessment_id, item_id: int) -> HttpResponse:
    """Confirm, then add an action for one perception gap to the plan (jointly with the
    community partner when one is involved). Template: questionnaire/perception_gap_add.html,
    with ``gap``. A confirmation page rather than a button on the results page, whose body is
    cached for every member and so cannot carry anyone's CSRF token."""
    assessment = get_assessment_for_user(request, assessment_id)
    results = perspective_results(assessment)
    gap = next((g for g in (results.gaps if results else []) if g.item.pk == item_id), None)
    if gap is None:
        raise Http404("No such perception gap")
    if request.method == "POST":
        action, added = action_plan_add_perception_gap(
            assessment=assessment,
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
        request, "questionnaire/perception_gap_add.html", {"assessment": assessment, "gap": gap}
    )
