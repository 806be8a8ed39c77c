from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def page_ref(obj) -> str:
    """``{{ suggestion|page_ref }}``: "(Report, pp. 14-15)", or "" when the brief gives no page.

    Works on anything with a ``pages`` property (suggestions, example practices, survey
    findings), so every page reference on every page and in the PDF reads the same.
    """
    pages = getattr(obj, "pages", "")
    if not pages:
        return ""
    return format_html('<span class="page-ref">(Report, {})</span>', pages)
