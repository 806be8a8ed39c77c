from django import template
from django.utils.translation import get_language

from questionnaire.models import answer_label as label_of

register = template.Library()


@register.filter
def answer_label(value: str) -> str:
    """``{{ response.value|answer_label }}``: "Partly in place"; "" when unanswered."""
    return label_of(value)


@register.filter
def level_anchor(item, value: str) -> str:
    """``{{ item|level_anchor:value }}``: what that answer level looks like for the statement
    (the tool's description, edited in the admin), in the page's language (the invitee pages
    can be in Spanish); "" for "don't know"."""
    return item.anchor(value, (get_language() or "en")[:2])


@register.filter
def rate_again(hints: dict, item) -> str:
    """``{{ hints|rate_again:item }}``: why to rate the statement again (an action on it was
    marked done since the assessment this one was copied from); "" otherwise."""
    return hints.get(item.pk, "") if hints else ""
