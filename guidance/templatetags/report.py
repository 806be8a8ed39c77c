from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def page_ref(context, obj) -> str:
    """``{% page_ref suggestion %}``: "(Report, pp. 14-15)", or "" when the brief gives no page.

    Works on anything with a ``pages`` property (suggestions, example practices, survey
    findings), so every page reference on every page and in the PDF reads the same. Once
    editors set the report's web address (Report details, in the admin), it links there: the
    address is ``report_address`` in the context (guidance.context_processors for pages; the
    PDFs pass it themselves).
    """
    pages = getattr(obj, "pages", "")
    if not pages:
        return ""
    address = str(context.get("report_address") or "")
    if address:
        return format_html(
            '<span class="page-ref">(<a href="{}">Report, {}</a>)</span>', address, pages
        )
    return format_html('<span class="page-ref">(Report, {})</span>', pages)
