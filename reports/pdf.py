"""The command brief and the action plan as tagged, accessible PDFs, rendered by WeasyPrint
without network access.

A rendered PDF is kept in the cache under a hash of the HTML it was rendered from (and of what
else shapes it: the renderer's version and the print stylesheet), so a second download of an
unchanged plan takes no render, whatever changed elsewhere, and nothing has to be invalidated:
a changed plan is different HTML, hence a new key.
"""

import functools
import hashlib
import mimetypes
import signal
import socket
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone

from cvi_assess.context_processors import REPORT
from guidance.models import ExamplePractice, Resource
from guidance.selectors import report_address
from partners.guidelines import guidelines_suggestion
from plans.models import ActionItem
from plans.promises import promises_overdue, promises_suggestion
from plans.services import OWNERS, worksheet_for
from questionnaire.models import Assessment
from reports.charts import BESIDE, svg_data_uri
from reports.readiness import ReadinessReport
from reports.results import StatementResult

STATIC_PREFIX = "/" + settings.STATIC_URL.strip("/") + "/"


def static_roots() -> list[Path]:
    """The folders static files come from: STATIC_ROOT and every finder's locations."""
    roots = [Path(settings.STATIC_ROOT)]
    for finder in finders.get_finders():
        roots.extend(Path(storage.location) for storage in getattr(finder, "storages", {}).values())
    return [root.resolve() for root in roots]


def local_static_file(url: str) -> Path | None:
    """The local file behind a file:///static/... URL, from STATIC_ROOT or the finders.

    None for anything else. The name is checked after decoding, since %2f and %2e%2e decode to
    "/" and "..", and the file found must lie inside one of the static folders.
    """
    parsed = urlparse(url)
    if parsed.scheme != "file" or not parsed.path.startswith(STATIC_PREFIX):
        return None
    name = unquote(parsed.path[len(STATIC_PREFIX) :])
    if (
        not name
        or name.startswith("/")
        or "\\" in name
        or "\0" in name
        or ".." in PurePosixPath(name).parts
    ):
        return None
    collected = Path(settings.STATIC_ROOT) / name
    found = collected if collected.is_file() else finders.find(name)
    if not found:
        return None
    resolved = Path(found).resolve()
    if not any(resolved.is_relative_to(root) for root in static_roots()):
        return None
    return Path(found)


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


_fonts = threading.local()


def _font_config():
    """One font configuration per thread (gunicorn's workers have one): building it
    (fontconfig, the fonts' metrics) cost about a quarter of every render when each render
    made its own. Not shared between threads, which Pango does not promise to support."""
    from weasyprint.text.fonts import FontConfiguration

    if not hasattr(_fonts, "config"):
        _fonts.config = FontConfiguration()
    return _fonts.config


def render_pdf(html: str) -> bytes:
    """HTML to a tagged PDF/UA-1 document. Imported late: WeasyPrint needs Pango."""
    from weasyprint import HTML

    document = HTML(string=html, base_url="file:///", url_fetcher=make_url_fetcher())
    return document.write_pdf(pdf_variant="pdf/ua-1", font_config=_font_config())


# Limits on rendering: a PDF must never hold every worker of a server (see the settings).


class PdfBusy(Exception):
    """PDF_RENDERS_MAX renders are running on this server; try again shortly."""


class PdfTooSlow(Exception):
    """The render took longer than PDF_RENDER_TIMEOUT seconds and was stopped."""


class _RenderInterrupted(BaseException):
    # A BaseException, so that no ``except Exception`` inside WeasyPrint can swallow it.
    pass


@contextmanager
def render_slot():
    """One of the server's PDF_RENDERS_MAX render slots, or PdfBusy.

    Slots live in the shared cache (Redis in production, so all workers see them), keyed by
    host name: the limit protects each server's processors. A slot frees itself after the time
    limit and a margin, should its worker die before releasing it.
    """
    host = socket.gethostname()
    lifetime = settings.PDF_RENDER_TIMEOUT + 10
    for number in range(settings.PDF_RENDERS_MAX):
        key = f"pdf-render-slot:{host}:{number}"
        if cache.add(key, "taken", lifetime):
            try:
                yield
            finally:
                cache.delete(key)
            return
    raise PdfBusy


def _interrupt(signum, frame):
    raise _RenderInterrupted


def _alarm_usable(seconds: float) -> bool:
    """Signals reach only the main thread, which is where gunicorn's sync workers serve
    requests; elsewhere (runserver, threaded workers), or when something else already set an
    alarm, the render runs without a time limit."""
    return (
        seconds > 0
        and hasattr(signal, "SIGALRM")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )


def _render_within(html: str, seconds: float) -> bytes:
    """``render_pdf``, interrupted by SIGALRM after ``seconds`` (PdfTooSlow)."""
    if not _alarm_usable(seconds):
        return render_pdf(html)
    previous = signal.signal(signal.SIGALRM, _interrupt)
    try:
        # The alarm repeats until the render has unwound: one that arrives while Python runs a
        # finalizer is printed and dropped, and the next one then stops the render.
        signal.setitimer(signal.ITIMER_REAL, seconds, 0.25)
        try:
            return render_pdf(html)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _RenderInterrupted:
        raise PdfTooSlow from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)  # again, in case an alarm cut the first short
        signal.signal(signal.SIGALRM, previous)


def render_pdf_within_limit(html: str) -> bytes:
    """``render_pdf``, stopped after PDF_RENDER_TIMEOUT seconds (PdfTooSlow)."""
    return _render_within(html, settings.PDF_RENDER_TIMEOUT)


@dataclass
class PlanAction:
    action: ActionItem
    statements: list[StatementResult]  # the gaps behind it, with your answers and notes
    examples: list[ExamplePractice]  # printed here: the first time they come up
    resources: list[Resource]
    see_also: int | None = None  # an earlier action that already printed the rest
    examples_from_same_part: bool = False  # none is tied to the suggestion: say so


def brief_context(report: ReadinessReport) -> dict:
    """What the one-page command brief shows: levels, the three priorities, the promises to
    the community not kept by their day, sign-off."""
    context = report.context(chart_layout=BESIDE)
    trend_chart = context["trend_chart"]
    overdue_promises = promises_overdue(report.scored.assessment.agency)
    return {
        **context,
        "overdue_promises": overdue_promises,
        "promises_suggestion": promises_suggestion() if overdue_promises else None,
        "report": REPORT,
        "report_address": report_address(),
        "chart_src": svg_data_uri("reports/includes/chart.html", {"chart": context["chart"]}),
        "trend_src": svg_data_uri(
            "reports/includes/trend_chart.html", {"trend_chart": trend_chart}
        )
        if trend_chart
        else "",
        # The day only: the same plan on the same day is the same document (and cache key).
        "generated": timezone.localdate(),
        "needs": list(report.scored.assessment.needs.all()),
    }


def plan_document_context(report: ReadinessReport) -> dict:
    """The brief, then the appendix: the whole plan, worksheet, survey, notes, sources."""
    context = brief_context(report)
    assessment = report.scored.assessment
    results = context["results"]
    by_suggestion = {entry.suggestion.pk: entry for entry in results.suggestions}
    actions = []
    printed_in: dict[tuple[str, int], int] = {}  # (kind, pk) -> number of the action
    for number, action in enumerate(assessment.actions.select_related("suggestion", *OWNERS), 1):
        if action.suggestion is not None:  # as the assessment showed it when submitted
            action.suggestion = results.shown.suggestion(action.suggestion)
        entry = by_suggestion.get(action.suggestion_id) if action.is_from_gaps else None
        plan_action = PlanAction(
            action=action,
            statements=entry.statements if entry else [],
            examples=[],
            resources=[],
            examples_from_same_part=bool(entry and not entry.examples.tied),
        )
        candidates = {
            "examples": (entry.examples.tied or entry.examples.same_part) if entry else [],
            "resources": entry.resources if entry else [],
        }
        # Print each example and resource once, at its first action; later ones refer back.
        for kind, found in (
            ("examples", plan_action.examples),
            ("resources", plan_action.resources),
        ):
            for obj in candidates[kind]:
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
        "worksheet_suggestion": guidelines_suggestion(),
        "resources": sorted(cited.values(), key=lambda r: (r.order, r.pk)),
        # Notes on statements behind an action are printed with the action.
        "other_notes": [(item, note) for item, note in results.notes if item.pk not in in_actions],
    }


def plan_filename(assessment: Assessment) -> str:
    return f"cvi-action-plan-{assessment.agency.slug}-{timezone.localdate():%Y-%m-%d}.pdf"


def brief_filename(assessment: Assessment) -> str:
    return f"cvi-command-brief-{assessment.agency.slug}-{timezone.localdate():%Y-%m-%d}.pdf"


# Kept a day: a plan downloaded again the same day is served from the cache.
PDF_CACHE_SECONDS = 24 * 60 * 60
PRINT_STYLESHEET = "css/plan-pdf.css"


@functools.cache
def _renderer_fingerprint() -> str:
    """What shapes a PDF besides its HTML: WeasyPrint's version and the print stylesheet."""
    import weasyprint

    stylesheet = finders.find(PRINT_STYLESHEET)
    css = Path(stylesheet).read_bytes() if stylesheet else b""
    return f"weasyprint {weasyprint.__version__} css {hashlib.sha256(css).hexdigest()}"


def pdf_key(html: str) -> str:
    content = f"{_renderer_fingerprint()}\n{html}".encode()
    return "pdf:" + hashlib.sha256(content).hexdigest()


def pdf_document(template: str, context: dict) -> bytes:
    """The PDF of ``template`` with ``context``: from the cache when the same HTML was rendered
    before; otherwise rendered within the server's limits, PdfBusy at once when every render
    slot is taken, PdfTooSlow past the time limit."""
    html = render_to_string(template, context)
    key = pdf_key(html)
    pdf = cache.get(key)
    if pdf is None:
        with render_slot():
            pdf = render_pdf_within_limit(html)
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    return pdf


def plan_pdf(report: ReadinessReport) -> bytes:
    """The command brief, then the whole plan."""
    return pdf_document("reports/plan_pdf.html", plan_document_context(report))


def brief_pdf(report: ReadinessReport) -> bytes:
    """The one-page command brief alone."""
    return pdf_document("reports/brief_pdf.html", brief_context(report))
