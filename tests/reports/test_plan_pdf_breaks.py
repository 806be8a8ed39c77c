"""The full plan PDF reads as a document: the plan right after the brief, the appendix after
the plan, no heading at the foot of a page, no table continued without its header row.

Checked on WeasyPrint's own layout of the largest realistic plan: a reassessment with
perspectives, every suggestion a gap, twenty actions with notes, the worksheet filled in.
"""

import pytest
from django.template.loader import render_to_string

from plans.models import ActionItem, InformationSharingWorksheet, PlanNeed
from tests.factories import engaged_reassessment
from tests.pdf import requires_pdf

pytestmark = [requires_pdf, pytest.mark.django_db]

HEADINGS = {"h1", "h2", "h3", "h4", "caption"}


@pytest.fixture
def largest(springfield, alice, no_noise):
    """Without the noise of the invitees' figures, so that every perspective is shown: the
    largest plan, whatever the draw."""
    assessment = engaged_reassessment(springfield, alice)
    start = assessment.actions.count()
    ActionItem.objects.bulk_create(
        ActionItem(
            assessment=assessment,
            title=f"Own action {n}: brief the {['council', 'mayor', 'union'][n % 3]}",
            owner="Lt. Diaz",
            notes="Progress so far. " * (n % 5) * 5 + f"End of own action {n}.",
            order=start + n,
        )
        for n in range(1, 21 - start)
    )
    InformationSharingWorksheet.objects.create(
        assessment=assessment,
        flow="two_way",
        information_kinds="Conflict updates without names. " * 8,
        recipients="The outreach supervisor. " * 6,
        protections="Kept on the city's server for 90 days. " * 6,
        sign_off="The chief and the executive director. " * 4,
    )
    for n in range(1, 4):
        PlanNeed.objects.create(assessment=assessment, position=n, text=f"Need number {n}")
    return assessment


def layout(assessment):
    from weasyprint import HTML

    from reports.pdf import make_url_fetcher, plan_document_context
    from reports.readiness import readiness_report

    assessment.refresh_from_db()
    html = render_to_string(
        "reports/plan_pdf.html", plan_document_context(readiness_report(assessment, plan=True))
    )
    return HTML(string=html, base_url="file:///", url_fetcher=make_url_fetcher()).render()


def boxes(box, ancestors=()):
    """Every box of a page in document order, with the tags of the elements around it."""
    for child in getattr(box, "children", []):
        tags = ancestors + ((child.element_tag,) if getattr(child, "element_tag", None) else ())
        yield child, tags
        yield from boxes(child, tags)


def last_line_tags(page) -> tuple:
    """The tags around the last line of text on a page (the running header and footer are
    in the page's margin boxes, not in its content)."""
    lines = [
        (tags, box)
        for box, tags in boxes(page._page_box.children[0])
        if type(box).__name__ == "LineBox" and box.children
    ]
    if not lines:
        return ()
    tags, line = lines[-1]
    words = "".join(getattr(child, "text", "") for child in line.children)
    return (*tags, words)


def test_no_page_ends_with_a_heading_and_no_table_goes_on_without_its_header(largest):
    document = layout(largest)
    pages = document.pages
    assert len(pages) > 6
    seen_tables = set()
    for number, page in enumerate(pages[:-1], start=1):
        tags = last_line_tags(page)
        assert not HEADINGS & set(tags), f"page {number} ends with a heading: {tags}"
    for number, page in enumerate(pages, start=1):
        for box, _ in boxes(page._page_box.children[0]):
            if type(box).__name__ != "TableBox":
                continue
            element = box.element
            groups = [g.element_tag for g in box.children]
            if element in seen_tables and element.find("thead") is not None and groups:
                assert groups[0] == "thead", f"a table goes on without its header on page {number}"
            seen_tables.add(element)


def test_the_plan_comes_right_after_the_brief_and_the_appendix_after_the_plan(largest):
    from tests.pdf import pdf_text

    document = layout(largest)
    text = pdf_text(document.write_pdf())
    assert text.index("The action plan") < text.index("Information-sharing parameters")
    assert text.index("Information-sharing parameters") < text.index("APPENDIX")
    worksheet = text[text.index("Information-sharing parameters") :]
    intro = " ".join(worksheet[: worksheet.index("Which way will information flow")].split())
    assert "by whom (Report, pp. 22-23)." in intro  # the suggestion's own page reference
    assert text.index("APPENDIX") < text.rindex("The statements behind each action")
    assert text.index("APPENDIX") < text.index("Other perspectives and perception gaps")
