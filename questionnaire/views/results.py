from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from questionnaire.chart import results_chart
from questionnaire.models import answer_label
from questionnaire.page_cache import cached_part
from questionnaire.peers import peer_comparison
from questionnaire.perspectives import perspective_results
from questionnaire.progress import progress_context
from questionnaire.results import assessment_results
from questionnaire.scoring import POINTS, level_bands
from questionnaire.views.access import agency_member_required, get_assessment_for_user


@agency_member_required
def assessment_results_view(request: HttpRequest, assessment_id) -> HttpResponse:
    """Where the agency stands and where to start, then the detail behind it.

    Template: questionnaire/results.html. Its body (questionnaire/results_body.html, with
    ``results``, ``chart``, ``perspectives`` and ``bands``) is rendered once per state of the
    agency's records and the guidance (questionnaire/page_cache.py). Available for drafts,
    marked provisional.
    """
    assessment = get_assessment_for_user(request, assessment_id)
    owner = request.user.is_agency_owner

    def render_body() -> str:
        perspectives = perspective_results(assessment)
        flagged = [gap.item.pk for gap in perspectives.gaps] if perspectives else []
        results = assessment_results(assessment, perception_items=flagged)
        return render_to_string(
            "questionnaire/results_body.html",
            {
                "assessment": assessment,
                "results": results,
                "chart": results_chart(results),
                "perspectives": perspectives,
                "bands": level_bands(),
                **progress_context(assessment),
                "user": request.user,
                "peers": peer_comparison(assessment),
            },
        )

    body = cached_part("results", assessment, render_body, owner)
    return render(request, "questionnaire/results.html", {"assessment": assessment, "body": body})


def scoring_explained(request: HttpRequest) -> HttpResponse:
    """How scores are calculated, public. Template: questionnaire/scoring.html."""
    scale = [(answer_label(value), points) for value, points in POINTS.items()]
    return render(request, "questionnaire/scoring.html", {"scale": scale, "bands": level_bands()})
