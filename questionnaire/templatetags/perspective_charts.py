import base64

from django import template
from django.template.loader import render_to_string

register = template.Library()


@register.simple_tag
def perspective_chart_src(perspectives) -> str:
    """The perspectives chart as a data: URL for an <img> in the PDF, where an image with alt
    text carries the chart's text alternative into the tagged document."""
    svg = render_to_string(
        "questionnaire/includes/perspective_chart.html", {"chart": perspectives.chart}
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
