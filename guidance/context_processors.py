from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from guidance.selectors import report_address


def report_address_lazily(request: HttpRequest) -> dict:
    """``report_address`` for the ``page_ref`` tag: read once per page that cites a page of
    the report, and not at all on a page that cites none."""
    return {"report_address": SimpleLazyObject(report_address)}
