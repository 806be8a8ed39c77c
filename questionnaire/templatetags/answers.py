from django import template

from questionnaire.models import answer_label as label_of

register = template.Library()


@register.filter
def answer_label(value: str) -> str:
    """``{{ response.value|answer_label }}``: "Partly in place"; "" when unanswered."""
    return label_of(value)
