"""Every label of every chart fits inside the chart, on the page and in the PDF: checked in
Chromium against each text's drawn box, with the longest names a chart meets."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from guidance.models import Domain
from questionnaire.models import Assessment
from questionnaire.scoring import THRESHOLDS
from reports.charts import BESIDE, PEERS, STACKED, fit, text_width
from tests.browser import browser_test, log_in
from tests.factories import engaged_reassessment

LONG_TITLE = "Organizational culture, recruitment, promotion and the rewards of community work"

# Each text's box against the view box of its own chart, in the chart's units.
OUTSIDE = """() => {
  const found = [];
  for (const svg of document.querySelectorAll('svg')) {
    const box = svg.viewBox.baseVal;
    if (!box || !box.width) continue;
    for (const text of svg.querySelectorAll('text')) {
      const b = text.getBBox();
      if (b.x < box.x - 0.5 || b.x + b.width > box.x + box.width + 0.5 || b.y < box.y - 0.5
          || b.y + b.height > box.y + box.height + 0.5) {
        const where = `${Math.round(b.x)}..${Math.round(b.x + b.width)} of ${box.width}`;
        found.push(`${svg.getAttribute('class')}: "${text.textContent}" at ${where}`);
      }
    }
  }
  return found;
}"""


def test_a_figure_with_the_longest_level_name_fits_right_of_the_track():
    for layout in (STACKED, BESIDE):
        for _, _, label in THRESHOLDS:
            assert text_width(f"100 ({label})", 13) <= layout.text_room(), (layout, label)


def test_a_label_too_long_for_its_room_is_shortened_with_an_ellipsis():
    shown = fit(LONG_TITLE, PEERS.label_room(), 14)
    assert shown.endswith("…") and LONG_TITLE.startswith(shown[:-1])
    assert text_width(shown, 14) <= PEERS.label_room()
    assert fit("Buy-in", PEERS.label_room(), 14) == "Buy-in"


def in_browser(test):
    for mark in browser_test:
        test = mark(test)
    return test


@pytest.fixture
def long_names(springfield, alice, no_noise):
    Domain.objects.filter(slug="organizational-culture").update(title=LONG_TITLE)
    assessment = engaged_reassessment(springfield, alice)
    Assessment.objects.filter(name="Baseline 2026").update(name="2026 baseline, before the grant")
    Assessment.objects.filter(pk=assessment.pk).update(
        name="Spring 2027 reassessment after the first year"
    )
    return Assessment.objects.get(pk=assessment.pk)


@in_browser
def test_no_label_leaves_its_chart_on_the_results_page(
    page, phone_page, live_server, alice, long_names
):
    url = live_server.url + reverse("assessment_results", args=[long_names.pk])
    for tab in (page, phone_page):
        log_in(tab, live_server, alice)
        tab.goto(url)
        tab.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        assert tab.locator("svg.trend-chart").count() == 1
        assert tab.locator("svg.perspective-chart").count() == 1
        assert tab.evaluate(OUTSIDE) == []


@in_browser
def test_no_label_leaves_its_chart_in_the_pdfs(page, alice, long_names):
    from reports.pdf import brief_context
    from reports.readiness import readiness_report

    context = brief_context(readiness_report(long_names, plan=True))
    charts = [
        render_to_string("reports/includes/chart.html", {"chart": context["chart"]}),
        render_to_string("reports/includes/trend_chart.html", context),
        render_to_string(
            "reports/includes/perspective_chart.html", {"chart": context["perspective_chart"]}
        ),
    ]
    page.set_content("<!doctype html><html lang=en><body>" + "".join(charts) + "</body></html>")
    assert page.locator("svg").count() == 3
    assert page.evaluate(OUTSIDE) == []
