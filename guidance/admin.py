"""The admin where guidance editors maintain the report's content.

Every model keeps a full history (django-simple-history): the "History" button on each
page lists past versions and can revert to one.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from guidance.content import dump_content, guidance_export
from guidance.models import (
    Benchmark,
    Domain,
    ExamplePractice,
    Item,
    Perspective,
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
    list_display = ["__str__", "domain", "page", "order"]
    list_filter = ["domain"]
    search_fields = ["text"]
    list_select_related = ["domain"]
    fields = ["domain", "slug", "text", "page", "order"]


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
            "text", "slug", "domain", "suggestion", "perspectives", "partner_text",
            "partner_text_es", "weight", "order", "is_active",
        ]  # fmt: skip


@admin.register(Item)
class ItemAdmin(SimpleHistoryAdmin):
    form = ItemForm
    list_display = ["__str__", "domain", "suggestion", "weight", "is_active", "order"]
    list_filter = ["domain", "is_active", "weight"]
    search_fields = ["text", "slug", "suggestion__title"]
    list_select_related = ["domain", "suggestion"]
    fieldsets = [
        (None, {"fields": ["text", "slug", "domain", "suggestion"]}),
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
