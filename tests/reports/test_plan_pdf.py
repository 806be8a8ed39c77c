"""The action plan as a PDF: content, accessibility metadata, isolation, no network."""

import io
import socket
import threading
import time

import pytest
from django.urls import reverse

from accounts.models import Agency
from plans.models import InformationSharingWorksheet
from questionnaire.models import Response
from reports.pdf import render_pdf
from tests.factories import answer_all, ensure_plan, results_of
from tests.html import page_text
from tests.pdf import pdf_text, requires_pdf

pytestmark = [requires_pdf, pytest.mark.django_db]


def pdf_url(assessment) -> str:
    return reverse("assessment_plan_pdf", args=[assessment.pk])


@pytest.fixture
def planned(draft):
    """Every item a gap, so the plan has every suggestion; owners, dates and a worksheet."""
    answer_all(draft, value="planned", **{"buy-in-promises-kept": "dont_know"})
    Response.objects.filter(assessment=draft, item__slug="buy-in-officers-told-why").update(
        note="Roll-call briefings started"
    )

    ensure_plan(draft)
    draft.actions.filter(title__startswith="Assess the agency's capacity").update(
        owner="Deputy Chief Ortiz", target_date="2027-03-31", status="in_progress"
    )
    InformationSharingWorksheet.objects.create(
        assessment=draft, flow="one_way", information_kinds="Conflict updates without names"
    )
    return draft


def test_it_downloads_with_a_dated_file_name(alice_client, planned):
    response = alice_client.get(pdf_url(planned))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="cvi-action-plan-springfield-pd-20')
    assert disposition.endswith('.pdf"')


def test_it_contains_every_gap_with_its_page_reference_and_the_action_details(
    alice_client, planned
):
    text = pdf_text(alice_client.get(pdf_url(planned)).content)
    assert "Springfield Police Department" in text
    for entry in results_of(planned).suggestions:
        assert entry.suggestion.title in text
        assert f"(Report, {entry.suggestion.pages})" in text
    assert "Deputy Chief Ortiz" in text and "March 31, 2027" in text and "In progress" in text
    assert "Conflict updates without names" in text
    assert "Roll-call briefings started" in text
    assert "85% of the agencies that answered PERF's 2023 survey" in text
    assert "Enhancing Law Enforcement's Role in Community Violence Interventions" in text
    assert "Page 1 of" in text


def test_it_is_a_tagged_pdf_with_title_author_language_and_embedded_fonts(alice_client, planned):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(alice_client.get(pdf_url(planned)).content))
    assert reader.metadata.title == "CVI action plan: Springfield Police Department"
    assert reader.metadata.author == "Springfield Police Department"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    fonts = [
        font.get_object() for page in reader.pages for font in page["/Resources"]["/Font"].values()
    ]
    assert fonts
    for font in fonts:
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_user_text_is_escaped_in_the_pdf(alice_client, planned):
    Agency.objects.filter(pk=planned.agency_id).update(name="<b>Bold</b> & Co PD")
    planned.actions.update(owner="<script>x</script>")
    text = pdf_text(alice_client.get(pdf_url(planned)).content)
    assert "<b>Bold</b> & Co PD" in text
    assert "<script>x</script>" in text


def test_another_agency_cannot_download_the_plan(charlie_client, planned):
    assert charlie_client.get(pdf_url(planned)).status_code == 404


def test_rendering_makes_no_network_connection(alice_client, planned, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the PDF tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    assert alice_client.get(pdf_url(planned)).status_code == 200


@pytest.mark.parametrize(
    "tag",
    [
        '<img src="https://example.com/logo.png" alt="">',
        '<link rel="stylesheet" href="http://example.com/x.css">',
        '<img src="file:///etc/passwd" alt="">',
        '<link rel="stylesheet" href="/static/%2fetc/passwd">',
        '<link rel="stylesheet" href="/static/css/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd">',
    ],
)
def test_any_fetch_outside_the_local_static_files_fails_the_render(tag):
    from weasyprint.urls import FatalURLFetchingError

    with pytest.raises(FatalURLFetchingError):
        render_pdf(f"<html lang='en'><head><title>t</title></head><body>{tag}</body></html>")


def brief_url(assessment) -> str:
    return reverse("assessment_brief_pdf", args=[assessment.pk])


def pages_text(content: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages]


def test_the_first_page_is_the_command_brief(alice_client, planned):
    first = pages_text(alice_client.get(pdf_url(planned)).content)[0]
    flat = " ".join(first.split())
    assert "COMMAND BRIEF" in flat and "Springfield Police Department" in flat
    priorities = results_of(planned).priorities
    assert len(priorities) == 3
    for priority in priorities:
        title = priority.result.action.title
        assert " ".join(title.split()) in flat
    assert all(f"{n}." in first.splitlines() or f"{n}. " in first for n in (1, 2, 3))
    assert "Owner: Deputy Chief Ortiz" in flat  # the capacity action, first priority
    for line in ("Sign-off", "Prepared by", "Reviewed by", "Approved by"):
        assert line in flat


def test_the_brief_alone_is_one_page(alice_client, planned):
    response = alice_client.get(brief_url(planned))
    assert response["Content-Disposition"].startswith(
        'attachment; filename="cvi-command-brief-springfield-pd-'
    )
    pages = pages_text(response.content)
    assert len(pages) == 1
    assert "Three priorities" in pages[0] and "Approved by" in pages[0]


def test_an_empty_owner_or_date_prints_as_a_line_to_fill_in(alice_client, planned):
    text = pdf_text(alice_client.get(pdf_url(planned)).content)
    assert "not assigned" not in text and "not set" not in text
    assert "Owner: · Due: · Status: Not started" in text


HEADER_OR_FOOTER = ("Springfield Police Department · CVI action plan", "Guidance: PERF report")


def last_content_line(page_text: str) -> str:
    """The page's last line of content: list markers and the page's margins come after it."""
    lines = [line.strip() for line in page_text.splitlines()]
    content = [
        line
        for line in lines
        if line and line not in {"•", "1.", "2.", "3."} and not line.startswith(HEADER_OR_FOOTER)
    ]
    return content[-1] if content else ""


def test_a_40_action_plan_never_leaves_a_heading_alone_or_splits_an_action(alice, planned):
    import re

    from django.template.loader import render_to_string

    from plans.models import ActionItem
    from reports.pdf import plan_document_context, render_pdf
    from reports.readiness import readiness_report

    start = planned.actions.count()
    ActionItem.objects.bulk_create(
        ActionItem(
            assessment=planned,
            title=f"Own action {n}: brief the {['council', 'mayor', 'union'][n % 3]}",
            notes="Progress so far. " * (n % 7) * 6 + f"End of own action {n}.",
            order=start + n,
        )
        for n in range(1, 41 - start)
    )
    assert planned.actions.count() == 40
    context = plan_document_context(readiness_report(planned))
    html = render_to_string("reports/plan_pdf.html", context)
    headings = [
        " ".join(re.sub(r"<[^>]+>", "", h).split())
        for h in re.findall(r"<h[1-3][^>]*>(.*?)</h[1-3]>", html, flags=re.S)
    ]
    raw_pages = pages_text(render_pdf(html))
    pages = [" ".join(text.split()) for text in raw_pages]
    assert len(pages) > 8
    for number, text in enumerate(raw_pages[:-1], start=1):
        last = last_content_line(text)
        assert not any(last in heading for heading in headings), (number, last)
    for n in range(1, 41 - start):
        [page] = [p for p in pages if f"Own action {n}:" in p]
        assert f"End of own action {n}." in page, f"own action {n} is split across pages"


TRAVERSALS = [
    "file:///static/%2fetc/passwd",
    "file:///static/%2Fetc%2Fpasswd",
    "file:///static/../../../../../../etc/passwd",
    "file:///static/css/../../../../../../../etc/passwd",
    "file:///static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "file:///static/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
    "file:///static/css/..%5c..%5c..%5cetc%5cpasswd",
    "file:///static/css%00/app.css",
]


@pytest.fixture
def collected_static(settings, tmp_path):
    """A STATIC_ROOT that exists, as in production after collectstatic."""
    root = tmp_path / "collected" / "static"
    (root / "css").mkdir(parents=True)
    (root / "css" / "collected.css").write_text("body { margin: 0; }")
    (tmp_path / "collected" / "secret.txt").write_text("not a static file")
    settings.STATIC_ROOT = root
    return root


@pytest.mark.parametrize("url", TRAVERSALS)
def test_the_file_fetcher_refuses_any_path_outside_the_static_files(url, collected_static):
    from reports.pdf import local_static_file

    assert local_static_file(url) is None


def test_the_file_fetcher_refuses_an_encoded_way_out_of_static_root(collected_static):
    from reports.pdf import local_static_file

    assert local_static_file("file:///static/..%2fsecret.txt") is None
    assert local_static_file("file:///static/%2e%2e/secret.txt") is None


def test_the_file_fetcher_serves_collected_and_source_static_files(collected_static):
    from reports.pdf import local_static_file

    assert local_static_file("file:///static/css/collected.css") == collected_static / "css" / (
        "collected.css"
    )
    found = local_static_file("file:///static/css/plan-pdf.css")
    assert found is not None and found.name == "plan-pdf.css" and found.is_file()


def slow_render(finished: list):
    """A stand-in for WeasyPrint on a plan that takes far too long."""

    def render(html: str) -> bytes:
        for _ in range(100):
            time.sleep(0.05)
        finished.append(True)
        return b"%PDF-1.7 late"

    return render


def test_a_render_past_the_time_limit_is_stopped_and_answers_503_with_retry_after(
    alice_client, planned, settings, monkeypatch
):
    settings.PDF_RENDER_TIMEOUT = 1
    finished = []
    monkeypatch.setattr("reports.pdf.render_pdf", slow_render(finished))
    response = alice_client.get(pdf_url(planned))
    assert finished == []
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    text = page_text(response)
    assert "Making this PDF took longer than the server allows" in text
    assert "Your plan is safe" in text


def test_the_time_limit_leaves_no_alarm_behind(alice_client, planned, settings):
    import signal

    handler = signal.getsignal(signal.SIGALRM)
    assert alice_client.get(pdf_url(planned)).status_code == 200
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is handler


def test_while_every_render_slot_is_taken_a_pdf_request_answers_503_at_once(
    alice_client, planned, settings
):
    from reports.pdf import render_slot

    settings.PDF_RENDERS_MAX = 2
    with render_slot(), render_slot():
        response = alice_client.get(pdf_url(planned))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Many PDFs are being made at this moment" in page_text(response)
    # The slots are free again.
    assert alice_client.get(pdf_url(planned)).status_code == 200


def test_a_stopped_render_frees_its_slot(alice_client, planned, settings, monkeypatch):
    settings.PDF_RENDER_TIMEOUT, settings.PDF_RENDERS_MAX = 1, 1
    monkeypatch.setattr("reports.pdf.render_pdf", slow_render([]))
    assert alice_client.get(pdf_url(planned)).status_code == 503
    monkeypatch.undo()
    settings.PDF_RENDER_TIMEOUT = 20
    assert alice_client.get(pdf_url(planned)).status_code == 200


def test_outside_the_main_thread_the_render_runs_without_an_alarm(settings, monkeypatch):
    """Threaded servers (runserver, gthread workers) cannot use signals: no limit, no crash."""
    from reports.pdf import render_pdf_within_limit

    settings.PDF_RENDER_TIMEOUT = 1
    monkeypatch.setattr(
        "reports.pdf.render_pdf", lambda html: (time.sleep(1.5), b"%PDF-1.7")[1]
    )
    results = []
    thread = threading.Thread(target=lambda: results.append(render_pdf_within_limit("<p>x</p>")))
    thread.start()
    thread.join()
    assert results == [b"%PDF-1.7"]


def test_examples_are_printed_as_what_others_did_or_as_from_the_same_part_of_the_report(
    alice_client, planned
):
    text = pdf_text(alice_client.get(pdf_url(planned)).content)
    # Tied by editors to the experienced-partner suggestion: what other agencies did.
    assert "Other agencies: Organizations such as the National Network for Safe Communities" in text
    # The information-sharing action (foundational, so early) has no example of its own: the
    # partnerships example is printed there as coming from the same part of the report.
    assert "From the same part of the report: Some police leaders have publicly" in text
    assert "Other agencies: Some police leaders" not in text
