from django import template

from questionnaire.scoring import whole as whole_number
from reports.charts import svg_data_uri

register = template.Library()


@register.filter
def whole(value: float | None) -> str:
    """``{{ spread.median|whole }}``: a peer figure as scores are shown, whole (halves up)."""
    return "" if value is None else str(whole_number(value))


@register.simple_tag
def chart_src(template_name: str, chart) -> str:
    """``{% chart_src "reports/includes/peers_chart.html" peer_chart %}``: a chart as a data:
    URL for an <img> in the PDF, where an image's alt text carries the chart's text
    alternative into the tagged document."""
    return svg_data_uri(template_name, {"chart": chart})
