"""Agencies export their assessments; editors export the guidance in the content format."""

import csv
import io
import json

import pytest

from guidance.content import CONTENT_FILE, guidance_load
from guidance.models import Item, Suggestion
from plans.models import ActionItem, InformationSharingWorksheet
from questionnaire.models import Assessment, Response
from questionnaire.services import assessment_submit
from tests.conftest import client_for
from tests.factories import answer_all, ensure_plan


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
    def test_csv_has_the_context_and_every_answer_with_its_page_reference(
        self, alice_client, answered
    ):
        response = alice_client.get("/assessments/export.csv")
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert 'filename="cvi-assessments-springfield-pd-' in response["Content-Disposition"]
        rows = list(csv.DictReader(io.StringIO(response.content.decode())))
        context = [r for r in rows if r["record"] == "context"]
        answers = [r for r in rows if r["record"] == "answer"]
        assert len(context) == 12 and len(answers) == 23
        year = next(r for r in context if "which year" in r["statement"])
        assert year["answer"] == "2020"
        funding = next(r for r in context if "funded" in r["statement"])
        assert funding["answer"] == "Federal grants; The agency's existing budget"
        capacity = next(r for r in answers if r["statement"].startswith("Before committing"))
        assert capacity["report_suggestion"] == (
            "Assess the agency's capacity before agreeing to the work"
        )
        assert (capacity["report_pages"], capacity["answer"]) == ("p. 15", "Don't know")

    def test_csv_cells_cannot_run_as_spreadsheet_formulas(self, alice_client, answered):
        rows = list(
            csv.DictReader(
                io.StringIO(alice_client.get("/assessments/export.csv").content.decode())
            )
        )
        notes = [r["note"] for r in rows if r["note"]]
        assert notes == ['\'=HYPERLINK("http://evil.example","click")']

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

    def test_csv_columns_are_the_documented_ones(self, alice_client, answered):
        header = alice_client.get("/assessments/export.csv").content.decode().splitlines()[0]
        assert header == (
            "assessment_id,assessment_name,started,status,submitted,record,section,statement,"
            "report_suggestion,report_pages,answer,answer_code,note,score,level,owner,partner,"
            "timeframe,target_date"
        )

    def test_scores_plan_and_worksheet_are_exported_and_formula_safe(
        self, alice, alice_client, answered
    ):
        assert assessment_submit(assessment=answered, user=alice)
        ensure_plan(answered)
        action = answered.actions.first()
        ActionItem.objects.filter(pk=action.pk).update(
            owner="Deputy Chief Ortiz", partner="+Safe Streets", timeframe="30",
            target_date="2027-03-31", status="in_progress", notes="@SUM(1)",
        )  # fmt: skip
        InformationSharingWorksheet.objects.create(
            assessment=answered, flow="one_way", recipients="Outreach supervisor"
        )
        rows = list(
            csv.DictReader(
                io.StringIO(alice_client.get("/assessments/export.csv").content.decode())
            )
        )
        scores = {r["section"]: (r["score"], r["level"]) for r in rows if r["record"] == "score"}
        assert scores["Overall"] == ("50", "Developing")
        assert scores["Implementation"] == ("50", "Developing")
        actions = [r for r in rows if r["record"] == "action"]
        assert len(actions) == answered.actions.count()
        first = actions[0]
        assert (first["statement"], first["owner"], first["partner"], first["timeframe"]) == (
            action.title, "Deputy Chief Ortiz", "'+Safe Streets", "Next 30 days",
        )  # fmt: skip
        assert (first["target_date"], first["answer"], first["note"]) == (
            "2027-03-31", "In progress", "'@SUM(1)",
        )  # fmt: skip
        worksheet = {r["statement"]: r["answer"] for r in rows if r["record"] == "worksheet"}
        assert worksheet["Who may receive it?"] == "Outreach supervisor"
        assert worksheet["Which way will information flow?"].startswith("One-way")
        data = json.loads(alice_client.get("/assessments/export.json").content)
        [exported] = data["assessments"]
        total = Item.objects.filter(is_active=True).count()
        assert exported["scores"]["overall"] == {
            "score": 50, "level": "Developing", "rated": total - 1, "dont_know": 1, "total": total,
        }  # fmt: skip
        assert exported["plan"][0]["owner"] == "Deputy Chief Ortiz"
        assert exported["plan"][0]["due_date"] == "2027-03-31"
        assert exported["assessment_name"] == answered.display_name

    def test_an_agency_exports_only_its_own_assessments(self, charlie, answered):
        data = json.loads(client_for(charlie).get("/assessments/export.json").content)
        assert data == {"assessments": []}


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
