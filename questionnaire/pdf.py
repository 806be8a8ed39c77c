"""The action plan as a tagged, accessible PDF, rendered by WeasyPrint without network access."""

import base64
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from cvi_assess.context_processors import REPORT
from guidance.models import ExamplePractice, Resource
from questionnaire.chart import BESIDE, results_chart
from questionnaire.models import ActionItem, Assessment
from questionnaire.perspectives import perspective_results
from questionnaire.plan import worksheet_for
from questionnaire.progress import progress_context
from questionnaire.results import StatementResult, assessment_results
from questionnaire.scoring import level_bands

STATIC_PREFIX = "/" + settings.STATIC_URL.strip("/") + "/"


def local_static_file(url: str) -> Path | None:
    """The local file behind a file:///static/... URL, from STATIC_ROOT or the finders."""
    parsed = urlparse(url)
    if parsed.scheme != "file" or not parsed.path.startswith(STATIC_PREFIX):
        return None
    name = unquote(parsed.path[len(STATIC_PREFIX) :])
    collected = Path(settings.STATIC_ROOT) / name
    if collected.is_file():
        return collected
    found = finders.find(name)
    return Path(found) if found else None


def make_url_fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalStaticFetcher(URLFetcher):
        """Serves /static/... from disk and data: URLs; refuses everything else."""

        def __init__(self):
            super().__init__(fail_on_errors=True, allowed_protocols={"file", "data"})

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = local_static_file(url)
            if path is None:
                raise ValueError(f"The PDF may only use local static files, not {url}")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                url, path.read_bytes(), headers={"Content-Type": content_type}
            )

    return LocalStaticFetcher()


def render_pdf(html: str) -> bytes:
    """HTML to a tagged PDF/UA-1 document. Imported late: WeasyPrint needs Pango."""
    from weasyprint import HTML

    document = HTML(string=html, base_url="file:///", url_fetcher=make_url_fetcher())
    return document.write_pdf(pdf_variant="pdf/ua-1")


@dataclass
class PlanAction:
    action: ActionItem
    statements: list[StatementResult]  # the gaps behind it, with your answers and notes
    examples: list[ExamplePractice]  # printed here: the first time they come up
    resources: list[Resource]
    see_also: int | None = None  # an earlier action that already printed the rest


def _svg_src(template: str, context: dict) -> str:
    """A chart as an <img> source, so the tagged PDF carries its text alternative."""
    svg = render_to_string(template, context)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def brief_context(assessment: Assessment) -> dict:
    """What the one-page command brief shows: levels, the three priorities, sign-off."""
    perspectives = perspective_results(assessment)
    flagged = [gap.item.pk for gap in perspectives.gaps] if perspectives else []
    results = assessment_results(assessment, perception_items=flagged)
    chart = results_chart(results, BESIDE)
    progress = progress_context(assessment)
    trend_chart = progress["trend_chart"]
    return {
        **progress,
        "assessment": assessment,
        "report": REPORT,
        "results": results,
        "perspectives": perspectives,
        "chart": chart,
        "chart_src": _svg_src("questionnaire/includes/chart.html", {"chart": chart}),
        "trend_src": _svg_src(
            "questionnaire/includes/trend_chart.html", {"trend_chart": trend_chart}
        )
        if trend_chart
        else "",
        "bands": level_bands(),
        "generated": timezone.localtime(),
    }


def plan_document_context(assessment: Assessment) -> dict:
    """The brief, then the appendix: the whole plan, worksheet, survey, notes, sources."""
    context = brief_context(assessment)
    results = context["results"]
    by_suggestion = {entry.suggestion.pk: entry for entry in results.suggestions}
    actions = []
    printed_in: dict[tuple[str, int], int] = {}  # (kind, pk) -> number of the action
    for number, action in enumerate(assessment.actions.select_related("suggestion"), 1):
        entry = by_suggestion.get(action.suggestion_id) if action.is_from_gaps else None
        plan_action = PlanAction(
            action=action,
            statements=entry.statements if entry else [],
            examples=[],
            resources=[],
        )
        # Print each example and resource once, at its first action; later ones refer back.
        for kind, found in (
            ("examples", plan_action.examples),
            ("resources", plan_action.resources),
        ):
            for obj in getattr(entry, kind) if entry else []:
                if (kind, obj.pk) in printed_in:
                    plan_action.see_also = plan_action.see_also or printed_in[(kind, obj.pk)]
                else:
                    printed_in[(kind, obj.pk)] = number
                    found.append(obj)
        actions.append(plan_action)
    in_actions = {s.item.pk for a in actions for s in a.statements}
    cited = {r.pk: r for entry in results.suggestions for r in entry.resources}
    return {
        **context,
        "actions": actions,
        "worksheet": worksheet_for(assessment),
        "resources": sorted(cited.values(), key=lambda r: (r.order, r.pk)),
        # Notes on statements behind an action are printed with the action.
        "other_notes": [(item, note) for item, note in results.notes if item.pk not in in_actions],
    }


def plan_filename(assessment: Assessment) -> str:
    return f"cvi-action-plan-{assessment.agency.slug}-{timezone.localdate():%Y-%m-%d}.pdf"


def brief_filename(assessment: Assessment) -> str:
    return f"cvi-command-brief-{assessment.agency.slug}-{timezone.localdate():%Y-%m-%d}.pdf"


def render_plan_pdf(assessment: Assessment) -> bytes:
    html = render_to_string("questionnaire/plan_pdf.html", plan_document_context(assessment))
    return render_pdf(html)


def render_brief_pdf(assessment: Assessment) -> bytes:
    html = render_to_string("questionnaire/brief_pdf.html", brief_context(assessment))
    return render_pdf(html)
