from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from questionnaire.forms import ProgressForm
from questionnaire.progress import chart_of, compare, submitted_assessments, trend_of
from questionnaire.views.access import agency_member_required


@agency_member_required
def assessment_progress(request: HttpRequest) -> HttpResponse:
    """Any two of the agency's submitted assessments side by side, and the trend of all.

    Template: questionnaire/progress.html. Context: ``form`` (a GET form: ``earlier`` and
    ``later``, the two latest by default), ``comparison``, ``trend`` and ``trend_chart`` (all
    None with fewer than two submitted assessments).
    """
    submitted = submitted_assessments(request.user.agency_id)
    form = ProgressForm(request.GET or None, submitted=submitted)
    context = {"form": form, "comparison": None, "trend": None, "trend_chart": None}
    if len(submitted) >= 2:
        trend = trend_of(submitted)
        points = {p.assessment.pk: p for p in trend.points}
        earlier, later = form.chosen()
        context.update(
            comparison=compare(points[earlier.pk], points[later.pk]),
            trend=trend,
            trend_chart=chart_of(trend),
        )
    return render(request, "questionnaire/progress.html", context)
