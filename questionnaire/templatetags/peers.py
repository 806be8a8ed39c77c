import base64

from django import template
from django.template.loader import render_to_string

from questionnaire.scoring import whole as whole_number

register = template.Library()


@register.filter
def whole(value: float | None) -> str:
    """``{{ spread.median|whole }}``: a peer figure as scores are shown, whole (halves up)."""
    return "" if value is None else str(whole_number(value))


@register.simple_tag
def peer_chart_src(chart) -> str:
    """The peer chart as a data: URL for an <img> in the PDF, whose alt text carries it."""
    svg = render_to_string("questionnaire/includes/peers_chart.html", {"chart": chart})
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
