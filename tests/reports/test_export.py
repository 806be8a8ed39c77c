"""Agencies export their assessments; editors export the guidance in the content format."""

import codecs
import io
import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from guidance.content import CONTENT_FILE, guidance_load
from guidance.models import Item, Suggestion
from plans.models import ActionItem, InformationSharingWorksheet
from questionnaire.models import Assessment, Response
from questionnaire.services import assessment_submit
from reports.export import TABLES
from tests.conftest import client_for
from tests.factories import answer_all, ensure_plan, exported_csv


@pytest.fixture
def answered(draft):
    Assessment.objects.filter(pk=draft.pk).update(
        has_participated="yes",
        participation_start_year=2020,
        local_cvi_types=["hospital"],
        funding_sources=["federal", "agency_budget"],
    )
    answer_all(draft, value="partly")
    item = Item.objects.get(slug="implementation-capacity-assessed")
    Response.objects.filter(assessment=draft, item=item).update(
        value="dont_know", note='=HYPERLINK("http://evil.example","click")'
    )
    return draft


@pytest.mark.django_db
class TestAgencyExport:
    def test_the_zip_has_the_context_and_every_answer_with_its_page_reference(
        self, alice_client, answered
    ):
        response = alice_client.get("/assessments/export.zip")
        assert response["Content-Type"] == "application/zip"
        assert 'filename="cvi-assessments-springfield-pd-' in response["Content-Disposition"]
        tables = exported_csv(alice_client)
        context, answers = tables["context"], tables["answers"]
        assert len(context) == 12 and len(answers) == 23
        year = next(r for r in context if "which year" in r["question"])
        assert year["answer"] == "2020"
        funding = next(r for r in context if "funded" in r["question"])
        assert funding["answer"] == "Federal grants; The agency's existing budget"
        capacity = next(r for r in answers if r["statement"].startswith("Before committing"))
        assert capacity["report_suggestion"] == (
            "Assess the agency's capacity before agreeing to the work"
        )
        assert (capacity["report_pages"], capacity["answer"]) == ("p. 15", "Don't know")

    def test_csv_cells_cannot_run_as_spreadsheet_formulas(self, alice_client, answered):
        notes = [r["note"] for r in exported_csv(alice_client)["answers"] if r["note"]]
        assert notes == ['\'=HYPERLINK("http://evil.example","click")']

    def test_the_csv_files_keep_curly_quotes_for_excel(self, alice_client, answered):
        Response.objects.filter(assessment=answered).update(note="“Roll-call” briefings — done")
        response = alice_client.get("/assessments/export.zip")
        with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
            name = next(n for n in archive.namelist() if n.endswith("/answers.csv"))
            content = archive.read(name)
        assert content.startswith(codecs.BOM_UTF8)
        assert "“Roll-call” briefings — done".encode() in content

    def test_json_has_the_same_content(self, alice_client, answered):
        data = json.loads(alice_client.get("/assessments/export.json").content)
        [assessment] = data["assessments"]
        assert assessment["assessment_id"] == str(answered.pk)
        assert assessment["agency"] == "Springfield Police Department"
        assert len(assessment["answers"]) == 23
        assert assessment["answers"][0]["section"] == "Organizational culture"
        assert {
            "question": "Which kinds of CVI operate in your jurisdiction?",
            "answer": "Hospital-based violence intervention",
            "code": "hospital",
        } in assessment["agency_context"]

    def test_each_table_has_the_documented_columns_in_the_zip_and_the_workbook(
        self, alice_client, answered
    ):
        readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
        tables = exported_csv(alice_client)
        workbook = load_workbook(io.BytesIO(alice_client.get("/assessments/export.xlsx").content))
        assert set(tables) == set(TABLES) == set(workbook.sheetnames)
        for name, columns in TABLES.items():
            assert f"| `{name}` |" in readme, name
            for column in columns:
                assert f"`{column}`" in readme, (name, column)
            assert [c.value for c in workbook[name][1]] == columns
            assert not tables[name] or list(tables[name][0]) == columns

    def test_the_workbook_keeps_text_as_text_and_numbers_as_numbers(
        self, alice, alice_client, answered
    ):
        assert assessment_submit(assessment=answered, user=alice)
        response = alice_client.get("/assessments/export.xlsx")
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        workbook = load_workbook(io.BytesIO(response.content))
        answers = list(workbook["answers"].iter_rows(values_only=True))
        note = next(row[-1] for row in answers[1:] if row[-1])
        assert note == '=HYPERLINK("http://evil.example","click")'
        cell = next(c for row in workbook["answers"].iter_rows() for c in row if c.value == note)
        assert cell.data_type == "s"  # a string, never a formula
        scores = list(workbook["scores"].iter_rows(values_only=True))
        assert scores[1][2:4] == ("Overall", 50)

    def test_scores_plan_and_worksheet_are_exported_and_formula_safe(
        self, alice, alice_client, answered
    ):
        assert assessment_submit(assessment=answered, user=alice)
        ensure_plan(answered)
        action = answered.actions.first()
        ActionItem.objects.filter(pk=action.pk).update(
            owner="Deputy Chief Ortiz", partner="+Safe Streets", timeframe="30",
            timeframe_set_on="2027-01-02", status="in_progress", notes="@SUM(1)",
        )  # fmt: skip
        InformationSharingWorksheet.objects.create(
            assessment=answered, flow="one_way", recipients="Outreach supervisor"
        )
        tables = exported_csv(alice_client)
        scores = {r["section"]: (r["score"], r["level"]) for r in tables["scores"]}
        assert scores["Overall"] == ("50", "Developing")
        assert scores["Implementation"] == ("50", "Developing")
        [assessment] = tables["assessments"]
        assert (assessment["overall_score"], assessment["overall_level"]) == ("50", "Developing")
        actions = tables["actions"]
        assert len(actions) == answered.actions.count()
        first = actions[0]
        assert (first["action"], first["owner"], first["partner"], first["timeframe"]) == (
            action.title, "Deputy Chief Ortiz", "'+Safe Streets", "Next 30 days",
        )  # fmt: skip
        # A timeframe chosen on a day is a date.
        assert (first["timeframe_chosen_on"], first["due_date"]) == ("2027-01-02", "2027-02-01")
        assert (first["status"], first["notes"]) == ("In progress", "'@SUM(1)")
        worksheet = {r["question"]: r["answer"] for r in tables["worksheet"]}
        assert worksheet["Who may receive it?"] == "Outreach supervisor"
        assert worksheet["Which way will information flow?"].startswith("One-way")
        data = json.loads(alice_client.get("/assessments/export.json").content)
        [exported] = data["assessments"]
        total = Item.objects.filter(is_active=True).count()
        assert exported["scores"]["overall"] == {
            "score": 50, "level": "Developing", "rated": total - 1, "dont_know": 1, "total": total,
        }  # fmt: skip
        assert exported["plan"][0]["owner"] == "Deputy Chief Ortiz"
        assert exported["plan"][0]["due_date"] == "2027-02-01"
        assert exported["assessment_name"] == answered.display_name

    def test_an_agency_exports_only_its_own_assessments(self, charlie, answered):
        data = json.loads(client_for(charlie).get("/assessments/export.json").content)
        assert data == {"assessments": []}
        assert all(rows == [] for rows in exported_csv(client_for(charlie)).values())
        workbook = load_workbook(
            io.BytesIO(client_for(charlie).get("/assessments/export.xlsx").content)
        )
        assert all(workbook[name].max_row == 1 for name in workbook.sheetnames)


@pytest.mark.django_db
class TestGuidanceExportInTheAdmin:
    def test_an_editor_downloads_the_guidance_as_the_content_file(self, eve):
        response = client_for(eve).get("/admin/guidance/domain/export/")
        assert response.status_code == 200
        assert response.content.decode() == CONTENT_FILE.read_text(encoding="utf-8")
        assert (
            "Export all guidance" in client_for(eve).get("/admin/guidance/domain/").content.decode()
        )

    def test_an_exported_edit_loads_back_unchanged(self, eve):
        Suggestion.objects.filter(slug="support-the-service-arm").update(title="Edited")
        data = json.loads(client_for(eve).get("/admin/guidance/domain/export/").content)
        Suggestion.objects.filter(slug="support-the-service-arm").update(title="Other")
        guidance_load(data=data, overwrite=True)
        assert Suggestion.objects.get(slug="support-the-service-arm").title == "Edited"

    def test_people_without_guidance_permissions_cannot_export(self, alice, db):
        alice.is_staff = True
        alice.save()
        assert client_for(alice).get("/admin/guidance/domain/export/").status_code == 403
