"""The admin where guidance editors maintain the report's content.

Every model keeps a full history (django-simple-history): the "History" button on each
page lists past versions and can revert to one.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from guidance.content import dump_content, guidance_export
from guidance.models import (
    ANCHOR_FIELDS,
    ANCHOR_FIELDS_ES,
    Benchmark,
    Domain,
    ExamplePractice,
    Item,
    Perspective,
    ReportDetails,
    Resource,
    Suggestion,
)


class SuggestionInline(admin.TabularInline):
    model = Suggestion
    fields = ["order", "title", "page_start", "page_end", "is_foundational", "is_active"]
    extra = 0
    show_change_link = True


class ExampleInline(admin.StackedInline):
    model = ExamplePractice
    fields = ["order", "slug", "text", "page"]
    extra = 0
    show_change_link = True  # the suggestions an example illustrates are set on its own page


@admin.register(Domain)
class DomainAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "order", "ask_yourself"]
    list_editable = ["order"]
    list_filter = ["kind"]
    search_fields = ["title", "ask_yourself", "summary"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "order"]}),
        ("What the report asks", {"fields": ["ask_yourself", "summary"]}),
    ]
    inlines = [SuggestionInline, ExampleInline]
    change_list_template = "admin/guidance/domain/change_list.html"

    def get_urls(self):
        export = self.admin_site.admin_view(self.export_view)
        return [path("export/", export, name="guidance_export"), *super().get_urls()]

    def export_view(self, request: HttpRequest) -> HttpResponse:
        """All guidance in the content file's format, for review and for `load_guidance`."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        name = f"guidance-{timezone.localdate():%Y-%m-%d}.json"
        response = HttpResponse(
            dump_content(guidance_export()), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


@admin.register(Suggestion)
class SuggestionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "domain", "pages", "is_foundational", "is_active", "order"]
    list_filter = ["domain", "is_foundational", "is_active"]
    search_fields = ["title", "explanation", "slug"]
    list_select_related = ["domain"]
    fieldsets = [
        (None, {"fields": ["domain", "title", "slug", "explanation"]}),
        ("Where the report discusses it", {"fields": ["page_start", "page_end"]}),
        ("Ranking and status", {"fields": ["is_foundational", "order", "is_active"]}),
    ]

    @admin.display(description="pages")
    def pages(self, obj: Suggestion) -> str:
        return obj.pages or "—"


@admin.register(ExamplePractice)
class ExamplePracticeAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "domain", "illustrates", "page", "order"]
    list_filter = ["domain", "suggestions"]
    search_fields = ["text"]
    list_select_related = ["domain"]
    fields = ["domain", "slug", "text", "page", "suggestions", "order"]
    filter_horizontal = ["suggestions"]

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).prefetch_related("suggestions")

    @admin.display(description="suggestions it illustrates")
    def illustrates(self, obj: ExamplePractice) -> str:
        return (
            "; ".join(s.title for s in obj.suggestions.all()) or "— (shown as from the same part)"
        )


class ItemForm(forms.ModelForm):
    perspectives = forms.MultipleChoiceField(
        label="Asked of",
        choices=Perspective.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=Item._meta.get_field("perspectives").help_text,
    )

    class Meta:
        model = Item
        fields = [
            "text", "slug", "domain", "suggestion", *ANCHOR_FIELDS, *ANCHOR_FIELDS_ES,
            "evidence_hint",
            "perspectives", "partner_text",
            "partner_text_es", "weight", "order", "is_active",
        ]  # fmt: skip
        widgets = {
            name: AdminTextareaWidget(attrs={"rows": 2})
            for name in [*ANCHOR_FIELDS, "evidence_hint"]
        }

    def clean(self):
        cleaned = super().clean()
        # Every statement in use describes all five levels, so that two people rating the
        # same practice read the same description. A retired statement may lack them.
        if cleaned.get("is_active"):
            for name in ANCHOR_FIELDS:
                if name in cleaned and not cleaned[name].strip():
                    self.add_error(
                        name,
                        "Describe this level: every active statement needs all five "
                        "descriptions. (To save without them, untick Active.)",
                    )
        return cleaned


@admin.register(Item)
class ItemAdmin(SimpleHistoryAdmin):
    form = ItemForm
    list_display = ["__str__", "domain", "suggestion", "weight", "is_active", "order"]
    list_filter = ["domain", "is_active", "weight"]
    search_fields = ["text", "slug", "suggestion__title"]
    list_select_related = ["domain", "suggestion"]
    fieldsets = [
        (None, {"fields": ["text", "slug", "domain", "suggestion"]}),
        (
            "What each level looks like",
            {
                "description": "Shown under each answer on the questionnaire and the invitee "
                "pages, labeled as this tool's guidance, not the report's words. Describe the "
                "agency in the third person (“The agency…”, “Officers…”), so that the "
                "same words read well for your own staff and for community partners.",
                "fields": ANCHOR_FIELDS,
            },
        ),
        (
            "What each level looks like, in Spanish",
            {
                "classes": ["collapse"],
                "description": "Our translation of the five descriptions, shown to invitees who "
                "answer in Spanish (labeled as our translation). An empty one shows the English.",
                "fields": ANCHOR_FIELDS_ES,
            },
        ),
        (
            "Evidence",
            {
                "description": "Shown under the “Evidence or note” box of the agency's own "
                "questionnaire.",
                "fields": ["evidence_hint"],
            },
        ),
        ("Invited perspectives", {"fields": ["perspectives", "partner_text", "partner_text_es"]}),
        ("Scoring", {"fields": ["weight", "order", "is_active"]}),
    ]


@admin.register(Resource)
class ResourceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "url", "named_in_report", "order"]
    list_filter = ["named_in_report", "domains"]
    search_fields = ["name", "description", "url"]
    fields = ["name", "slug", "url", "description", "named_in_report", "domains", "order"]
    filter_horizontal = ["domains"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Benchmark)
class BenchmarkAdmin(SimpleHistoryAdmin):
    list_display = ["figure", "statement", "compares_with", "order"]
    list_filter = ["compares_with"]
    search_fields = ["figure", "statement"]
    fields = ["figure", "statement", "compares_with", "page", "order", "slug"]


@admin.register(ReportDetails)
class ReportDetailsAdmin(SimpleHistoryAdmin):
    """One row: the list opens it directly; it can be changed, never added twice or deleted."""

    fields = ["address"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and not ReportDetails.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        details = ReportDetails.objects.first()
        if details is None:
            return redirect("admin:guidance_reportdetails_add")
        return redirect("admin:guidance_reportdetails_change", details.pk)

    def save_model(self, request: HttpRequest, obj: ReportDetails, form, change: bool) -> None:
        obj.pk = 1  # the one row (a database constraint allows no other)
        super().save_model(request, obj, form, change)
