"""Agreement per statement, for the guidance editors: a read-only list of every statement rated
in a workshop (those people read most differently first), and for each statement the agreement
before and after each change of its level descriptions (workshops/editors.py)."""

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from guidance.models import ANCHOR_LEVELS
from questionnaire.models import answer_label
from workshops.editors import anchor_versions, statement_agreement
from workshops.models import StatementAgreement


@admin.register(StatementAgreement)
class StatementAgreementAdmin(admin.ModelAdmin):
    """Nothing to add, change or delete: the figures are computed from the ratings."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def _context(self, request: HttpRequest, title: str) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "min_agencies": settings.PEER_MIN_AGENCIES,
        }

    def changelist_view(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        """Template: admin/workshops/statement_agreement.html; context: ``rows``."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        rows = statement_agreement(min_agencies=settings.PEER_MIN_AGENCIES)
        context = {**self._context(request, "Agreement per statement"), "rows": rows}
        return TemplateResponse(request, "admin/workshops/statement_agreement.html", context)

    def change_view(self, request: HttpRequest, object_id, form_url="", extra_context=None):
        """Template: admin/workshops/statement_agreement_history.html; context: ``item`` and
        ``versions`` (each version of its level descriptions, with its agreement)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        item = get_object_or_404(StatementAgreement, pk=object_id)
        versions = anchor_versions(item, min_agencies=settings.PEER_MIN_AGENCIES)
        levels = [answer_label(level) for level in ANCHOR_LEVELS]
        for version in versions:
            version.described = list(zip(levels, version.anchors, strict=True))
        context = {
            **self._context(request, f"Agreement on “{item}”"),
            "item": item,
            "versions": list(reversed(versions)),
        }
        return TemplateResponse(
            request, "admin/workshops/statement_agreement_history.html", context
        )
