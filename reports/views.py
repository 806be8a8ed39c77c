"""The agency's home (its assessments and its plan at a glance), the results page, progress
over time, the PDFs and the exports."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from guidance.selectors import guidance_domains
from plans.my_actions import actions_owned_by
from plans.services import plan_overview, reassessment_start
from questionnaire.access import agency_member_required, get_assessment_for_user
from questionnaire.forms import StartAssessmentForm
from questionnaire.models import Assessment
from questionnaire.records import overall_scores
from questionnaire.sections import questionnaire_sections, statement_counts
from questionnaire.services import AssessmentsFull
from reports.export import export_json, export_xlsx, export_zip
from reports.forms import ProgressForm
from reports.pdf import PdfBusy, PdfTooSlow, brief_filename, brief_pdf, plan_filename, plan_pdf
from reports.progress import chart_of, compare, submitted_assessments, trend_of
from reports.readiness import readiness_report


@agency_member_required
def assessment_list(request: HttpRequest) -> HttpResponse:
    """The agency's home: its assessments, its current plan at a glance, starting a new one.

    Template: questionnaire/list.html. Context: ``assessments`` (each with ``answered``,
    ``total`` and, once submitted, ``overall``: its overall score as submitted), ``plan`` (the
    current plan's counts by status, overdue and due-soon actions; or None), ``mine`` (the
    person's own actions, plans.my_actions.MyActions) and ``start_form``.
    """
    sections = questionnaire_sections()
    active_ids = [item.pk for section in sections for item in section.items]
    assessments = list(
        Assessment.objects.for_user(request.user)
        .select_related("created_by")
        .with_answered_count(active_ids)
    )
    start_form = StartAssessmentForm(
        request.POST if request.method == "POST" else None, previous=assessments
    )
    if request.method == "POST" and start_form.is_valid():
        try:
            assessment = reassessment_start(
                agency=request.user.agency,
                user=request.user,
                copy_from=start_form.source(),
                name=start_form.cleaned_data["name"],
            )
        except AssessmentsFull:
            start_form.add_error(
                None,
                f"Your agency has {settings.ASSESSMENTS_PER_AGENCY_MAX} assessments, the most "
                "it can keep. Continue one of your drafts, or ask the administrator of this "
                "service to raise the limit.",
            )
        else:
            return redirect("assessment_context", assessment.pk)
    overall = overall_scores([a.pk for a in assessments if a.is_submitted])
    for assessment in assessments:
        assessment.answered, assessment.total = statement_counts(
            assessment, answered=assessment.answered, active=len(active_ids)
        )
        assessment.overall = overall.get(assessment.pk)
    return render(
        request,
        "reports/list.html",
        {
            "assessments": assessments,
            "plan": plan_overview(assessments),
            "mine": actions_owned_by(request.user),
            "start_form": start_form,
        },
    )


@agency_member_required
def assessment_results_view(request: HttpRequest, assessment_id) -> HttpResponse:
    """Where the agency stands and where to start, then the detail behind it.

    Template: reports/results.html, with ``results``, ``chart``, ``perspectives`` and
    ``perspective_chart``, ``peers`` and ``peer_chart``, ``bands`` and the progress over time
    (``comparison``, ``trend``, ``trend_chart``): see reports.readiness. Available for drafts,
    marked provisional.
    """
    assessment = get_assessment_for_user(request, assessment_id)
    return render(
        request, "reports/results.html", readiness_report(assessment).context()
    )


@agency_member_required
def assessment_progress(request: HttpRequest) -> HttpResponse:
    """Any two of the agency's submitted assessments side by side, and the trend of all.

    Template: reports/progress.html. Context: ``form`` (a GET form: ``earlier`` and
    ``later``, the two latest by default, preselected as shown), ``comparison`` (None when
    the form has an error, such as an assessment compared with itself), ``trend`` and
    ``trend_chart`` (all None with fewer than two submitted assessments).
    """
    submitted = submitted_assessments(request.user.agency_id)
    form = ProgressForm(request.GET or None, submitted=submitted)
    context = {"form": form, "comparison": None, "trend": None, "trend_chart": None}
    if len(submitted) >= 2:
        domains = guidance_domains()
        trend = trend_of(submitted, domains=domains)
        points = {p.assessment.pk: p for p in trend.points}
        pair = form.chosen()
        context.update(
            comparison=compare(points[pair[0].pk], points[pair[1].pk], domains=domains)
            if pair
            else None,
            trend=trend,
            trend_chart=chart_of(trend),
        )
    return render(request, "reports/progress.html", context)


EXPORT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
    "json": "application/json; charset=utf-8",
}


@agency_member_required
def assessment_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every assessment of the agency: a workbook (one sheet per table), the same tables as
    CSV files in a zip, or JSON (reports/export.py; the columns are in the README)."""
    assessments = list(Assessment.objects.for_user(request.user).select_related("agency"))
    agency = request.user.agency
    stem = f"cvi-assessments-{agency.slug}-{timezone.localdate():%Y-%m-%d}"
    if fmt == "xlsx":
        content = export_xlsx(assessments)
    elif fmt == "zip":
        content = export_zip(assessments, folder=stem)
    else:
        content = export_json(assessments)
    response = HttpResponse(content, content_type=EXPORT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response


def _pdf_download(request: HttpRequest, assessment: Assessment, render_pdf, filename: str):
    try:
        report = readiness_report(assessment, peers=render_pdf is plan_pdf, plan=True)
        pdf = render_pdf(report)
    except OSError:  # WeasyPrint cannot load Pango: say so instead of failing with a 500
        return render(
            request, "reports/pdf_unavailable.html", {"assessment": assessment}, status=503
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
    return _pdf_download(request, assessment, plan_pdf, plan_filename(assessment))


@agency_member_required
def assessment_brief_pdf(request: HttpRequest, assessment_id) -> HttpResponse:
    """The one-page command brief alone, as a PDF download."""
    assessment = get_assessment_for_user(request, assessment_id)
    return _pdf_download(request, assessment, brief_pdf, brief_filename(assessment))


def _pdf_later(request: HttpRequest, assessment, *, too_slow: bool) -> HttpResponse:
    """503 when the server is too busy to make the PDF now. Template:
    reports/pdf_busy.html; context: ``too_slow`` and ``timeout`` (seconds)."""
    response = render(
        request,
        "reports/pdf_busy.html",
        {"assessment": assessment, "too_slow": too_slow, "timeout": settings.PDF_RENDER_TIMEOUT},
        status=503,
    )
    response["Retry-After"] = "30"
    return response
