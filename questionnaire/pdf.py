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
from questionnaire.chart import results_chart
from questionnaire.models import ActionItem, Assessment, Response, answer_label
from questionnaire.peers import peer_comparison
from questionnaire.perspectives import perspective_results
from questionnaire.plan import worksheet_for
from questionnaire.results import assessment_results, related
from questionnaire.scoring import level_bands

STATIC_PREFIX = "/" + settings.STATIC_URL.strip("/") + "/"


def plan_filename(assessment: Assessment) -> str:
    return f"cvi-action-plan-{assessment.agency.slug}-{timezone.localdate():%Y-%m-%d}.pdf"


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
    answer: str
    examples: list[ExamplePractice]  # printed here: first time they come up
    resources: list[Resource]
    see_also: int | None = None  # an earlier action that already printed the rest
    explain: bool = True  # False when an earlier action printed the same explanation
    note: str = ""  # the respondent's note on the rated item behind the action


def plan_document_context(assessment: Assessment) -> dict:
    results = assessment_results(assessment)
    domains = results.guidance
    responses = {r.item_id: r for r in Response.objects.filter(assessment=assessment)}
    actions = []
    printed_in: dict[tuple[str, int], int] = {}  # (kind, pk) -> number of the action
    for number, action in enumerate(assessment.actions.select_related("suggestion", "item"), 1):
        owners = []
        if action.item_id and action.item.domain_id in domains:
            owners.append(domains[action.item.domain_id])
        if action.suggestion_id and action.suggestion.domain_id in domains:
            owners.append(domains[action.suggestion.domain_id])
        response = responses.get(action.item_id)
        entry = PlanAction(
            action=action,
            answer=answer_label(response.value) if response else "",
            examples=[],
            resources=[],
            explain=("suggestion", action.suggestion_id) not in printed_in,
            note=response.note if response else "",
        )
        printed_in.setdefault(("suggestion", action.suggestion_id), number)
        # Print each example and resource once, at its first action; later ones refer back.
        for kind, found in (("examples", entry.examples), ("resources", entry.resources)):
            for obj in related(*owners, name=kind):
                if (kind, obj.pk) in printed_in:
                    entry.see_also = entry.see_also or printed_in[(kind, obj.pk)]
                else:
                    printed_in[(kind, obj.pk)] = number
                    found.append(obj)
        actions.append(entry)
    in_actions = {a.action.item_id for a in actions}
    cited = {r.pk: r for a in actions for r in a.resources}
    for gap in results.gaps:
        cited.update({r.pk: r for r in gap.resources})
    chart = results_chart(results)
    # An <img> with alt text, so the tagged PDF carries the chart's text alternative.
    svg = render_to_string("questionnaire/includes/chart.html", {"chart": chart})
    chart_src = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    return {
        "assessment": assessment,
        "report": REPORT,
        "results": results,
        "actions": actions,
        "worksheet": worksheet_for(assessment),
        "chart": chart,
        "chart_src": chart_src,
        "bands": level_bands(),
        "generated": timezone.localtime(),
        "resources": sorted(cited.values(), key=lambda r: (r.order, r.pk)),
        # Notes on items that have an action are printed with the action.
        "other_notes": [(item, note) for item, note in results.notes if item.pk not in in_actions],
        "perspectives": perspective_results(assessment),
        "peers": peer_comparison(assessment),
    }


def render_plan_pdf(assessment: Assessment) -> bytes:
    html = render_to_string("questionnaire/plan_pdf.html", plan_document_context(assessment))
    return render_pdf(html)
