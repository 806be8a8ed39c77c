"""The action plan as a PDF: content, accessibility metadata, isolation, no network."""

import io
import socket

import pytest
from django.urls import reverse

from accounts.models import Agency
from questionnaire.models import InformationSharingWorksheet, Response
from questionnaire.pdf import render_pdf
from questionnaire.results import assessment_results
from tests.factories import answer_all
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
    from questionnaire.plan import action_plan_ensure

    action_plan_ensure(assessment=draft)
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
    for gap in assessment_results(planned).gaps:
        assert gap.suggestion.title in text
        assert f"(Report, {gap.suggestion.pages})" in text
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
    ],
)
def test_any_fetch_outside_the_local_static_files_fails_the_render(tag):
    from weasyprint.urls import FatalURLFetchingError

    with pytest.raises(FatalURLFetchingError):
        render_pdf(f"<html lang='en'><head><title>t</title></head><body>{tag}</body></html>")


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
