"""The report's guidance: the content file, and syncing it with load_guidance."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from guidance.content import (
    CONTENT_FILE,
    ContentError,
    dump_content,
    guidance_export,
    guidance_load,
    read_content_file,
)
from guidance.models import Benchmark, Domain, ExamplePractice, Item, Resource, Suggestion

# Every suggestion of the brief with the page reference it prints.
BRIEF_PAGE_REFERENCES = {
    "hire-and-promote-for-community": "p. 14",
    "reward-community-connections": "p. 14",
    "partner-with-experienced-organizations": "pp. 14-15",
    "conduct-a-capacity-assessment": "p. 15",
    "educate-partners-and-choose-leads": "p. 16",
    "explain-why-and-how": "pp. 17-18",
    "address-officers-concerns": "pp. 18-19",
    "deliver-on-promises": "pp. 19-20",
    "develop-and-maintain-partnerships": "pp. 20-21",
    "build-trust-and-accountability": "pp. 21-22",
    "establish-information-sharing-parameters": "pp. 22-23",
    "support-the-service-arm": "p. 23",
}


def sync(**kwargs) -> str:
    out = StringIO()
    call_command("load_guidance", stdout=out, **kwargs)
    return out.getvalue()


@pytest.mark.django_db
class TestContent:
    def test_migrate_loads_every_suggestion_with_the_brief_page_reference(self):
        pages = {s.slug: s.pages for s in Suggestion.objects.all()}
        assert pages == BRIEF_PAGE_REFERENCES

    def test_it_has_the_four_domains_and_information_sharing_in_the_brief_order(self):
        assert list(Domain.objects.values_list("slug", "kind")) == [
            ("organizational-culture", "domain"),
            ("implementation", "domain"),
            ("buy-in", "domain"),
            ("partnerships", "domain"),
            ("information-sharing", "topic"),
        ]
        for domain in Domain.objects.filter(kind="domain"):
            assert domain.ask_yourself.endswith("?")

    def test_only_the_culture_example_carries_a_page_as_in_the_brief(self):
        pages = dict(ExamplePractice.objects.values_list("domain__slug", "page"))
        assert pages == {
            "organizational-culture": 14,
            "implementation": None,
            "buy-in": None,
            "partnerships": None,
        }
        culture = ExamplePractice.objects.get(domain__slug="organizational-culture")
        assert "5.5 percent" in culture.text and "corporal" in culture.text

    def test_it_has_the_seven_survey_figures_with_the_brief_wording_of_each_figure(self):
        figures = list(Benchmark.objects.values_list("figure", flat=True))
        assert figures == [
            "85%",
            "Nearly three times",
            "Nearly half",
            "2017",
            "More than half",
            "Nearly all",
            "13%",
        ]

    def test_nnsc_and_nicjr_are_resources_named_in_the_report(self):
        named = set(Resource.objects.filter(named_in_report=True).values_list("slug", flat=True))
        assert named == {"nnsc", "nicjr"}

    def test_each_section_has_two_to_six_statements_each_tied_to_a_paged_suggestion(self):
        for domain in Domain.objects.all():
            count = Item.objects.filter(domain=domain, is_active=True).count()
            assert 2 <= count <= 6, domain.slug
        for item in Item.objects.select_related("suggestion"):
            assert item.suggestion.page_start is not None

    def test_information_sharing_items_point_to_the_partnership_suggestions(self):
        suggestions = set(
            Item.objects.filter(domain__slug="information-sharing").values_list(
                "suggestion__domain__slug", flat=True
            )
        )
        assert suggestions == {"partnerships"}

    def test_every_active_statement_has_a_spanish_wording(self):
        missing = Item.objects.filter(is_active=True, partner_text_es="")
        assert list(missing.values_list("slug", flat=True)) == []

    def test_a_statement_reads_in_spanish_only_when_spanish_is_asked_for(self):
        promises = Item.objects.get(slug="buy-in-promises-kept")
        assert promises.text_for("residents") == promises.partner_text
        assert promises.text_for("line_officers") == promises.text
        assert promises.text_for("residents", "es").startswith("El departamento de policía")
        promises.partner_text_es = ""
        assert promises.text_for("residents", "es") == promises.partner_text


@pytest.mark.django_db
class TestLoadGuidance:
    def test_running_it_again_changes_nothing(self):
        before = dump_content(guidance_export())
        output = sync()
        assert "0 created, 0 updated, 0 kept as edited, 65 unchanged" in output
        assert dump_content(guidance_export()) == before

    def test_it_recreates_deleted_content_without_duplicating_the_rest(self):
        Benchmark.objects.filter(slug="have-participated").delete()
        output = sync()
        assert "1 created" in output
        assert Benchmark.objects.filter(slug="have-participated").count() == 1
        assert Benchmark.objects.count() == 7

    def test_an_admin_edit_survives_a_sync(self):
        suggestion = Suggestion.objects.get(slug="support-the-service-arm")
        suggestion.title = "Back the organizations delivering services"
        suggestion.save()
        output = sync()
        suggestion.refresh_from_db()
        assert suggestion.title == "Back the organizations delivering services"
        assert "Kept the admin's edit of suggestion “support-the-service-arm”" in output

    def test_overwrite_replaces_the_admin_edit_with_the_file(self):
        Suggestion.objects.filter(slug="support-the-service-arm").update(page_start=30)
        sync(overwrite=True)
        assert Suggestion.objects.get(slug="support-the-service-arm").pages == "p. 23"

    def test_a_changed_file_updates_rows_nobody_edited(self, tmp_path):
        data = read_content_file()
        data["domains"][0]["suggestions"][0]["explanation"] = "A clearer explanation."
        path = tmp_path / "guidance.json"
        path.write_text(dump_content(data))
        sync(file=path)
        assert Suggestion.objects.get(slug="hire-and-promote-for-community").explanation == (
            "A clearer explanation."
        )

    def test_the_rule_applies_field_by_field(self, tmp_path):
        suggestion = Suggestion.objects.get(slug="deliver-on-promises")
        suggestion.title = "Keep the promises made to the community"
        suggestion.save()
        data = read_content_file()
        data["domains"][2]["suggestions"][2]["explanation"] = "A corrected explanation."
        path = tmp_path / "guidance.json"
        path.write_text(dump_content(data))
        output = sync(file=path)
        suggestion.refresh_from_db()
        assert suggestion.title == "Keep the promises made to the community"
        assert suggestion.explanation == "A corrected explanation."
        assert "Kept the admin's edit of suggestion “deliver-on-promises”" in output

    def test_it_never_deletes_rows_missing_from_the_file(self, tmp_path):
        data = read_content_file()
        data["benchmarks"] = []
        path = tmp_path / "guidance.json"
        path.write_text(dump_content(data))
        sync(file=path)
        assert Benchmark.objects.count() == 7

    def test_a_bad_page_in_the_file_is_refused_with_its_slug_and_nothing_changes(self, tmp_path):
        data = read_content_file()
        data["domains"][1]["suggestions"][0]["page_end"] = 3  # before page_start 14
        data["benchmarks"][0]["figure"] = "Changed"
        path = tmp_path / "guidance.json"
        path.write_text(dump_content(data))
        with pytest.raises(CommandError, match="partner-with-experienced-organizations"):
            sync(file=path, overwrite=True)
        assert Benchmark.objects.get(slug="community-shares-responsibility").figure == "85%"

    def test_an_item_pointing_to_an_unknown_suggestion_is_refused(self):
        data = read_content_file()
        data["domains"][0]["items"][0]["suggestion"] = "no-such-suggestion"
        with pytest.raises(ContentError, match="unknown suggestion"):
            guidance_load(data=data)

    def test_a_file_that_is_not_json_gets_a_clear_message(self, tmp_path):
        path = tmp_path / "guidance.json"
        path.write_text("{not json")
        with pytest.raises(CommandError, match="not valid JSON"):
            sync(file=path)

    def test_export_reproduces_the_checked_in_file_exactly(self):
        assert dump_content(guidance_export()) == CONTENT_FILE.read_text(encoding="utf-8")

    def test_an_exported_admin_edit_round_trips_through_load(self, tmp_path):
        Suggestion.objects.filter(slug="deliver-on-promises").update(title="Keep every promise")
        path = tmp_path / "export.json"
        call_command("export_guidance", output=path, stderr=StringIO())
        Suggestion.objects.filter(slug="deliver-on-promises").update(title="Something else")
        sync(file=path, overwrite=True)
        assert Suggestion.objects.get(slug="deliver-on-promises").title == "Keep every promise"
        assert json.loads(path.read_text())["format"] == 1
