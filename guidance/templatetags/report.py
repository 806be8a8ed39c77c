from django import template
from django.utils.html import format_html

from guidance.selectors import report_address

register = template.Library()


@register.filter
def page_ref(obj) -> str:
    """``{{ suggestion|page_ref }}``: "(Report, pp. 14-15)", or "" when the brief gives no page.

    Works on anything with a ``pages`` property (suggestions, example practices, survey
    findings), so every page reference on every page and in the PDF reads the same. Once
    editors set the report's web address (Report details, in the admin), it links there.
    """
    pages = getattr(obj, "pages", "")
    if not pages:
        return ""
    address = report_address()
    if address:
        return format_html(
            '<span class="page-ref">(<a href="{}">Report, {}</a>)</span>', address, pages
        )
    return format_html('<span class="page-ref">(Report, {})</span>', pages)
