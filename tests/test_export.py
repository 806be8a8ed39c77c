"""Agencies export their assessments; editors export the guidance in the content format."""

import csv
import io
import json

import pytest

from guidance.content import CONTENT_FILE, guidance_load
from guidance.models import Item, Suggestion
from questionnaire.models import Assessment, Response
from tests.conftest import client_for
from tests.factories import answer_all


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
        context = [r for r in rows if r["section"] == "Agency context"]
        answers = [r for r in rows if r["section"] != "Agency context"]
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
