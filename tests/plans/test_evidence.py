"""Evidence files: attached to an action or a statement, typed by content, limited in size,
served only to the agency as an attachment, deleted with what they belong to, exported."""

import io
import json
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from guidance.models import Item
from plans.evidence import evidence_kind, evidence_name
from plans.models import ActionItem, Evidence
from tests.html import page_text

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
MAIN = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "docm": "application/vnd.ms-word.document.macroEnabled.main+xml",
}


def office(kind: str) -> bytes:
    """The smallest zip that Word or Excel content types describe."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<Types><Override PartName="/main.xml" ContentType="{MAIN[kind]}"/></Types>',
        )
        archive.writestr("main.xml", "<doc/>")
    return out.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.fixture
def action(draft):
    return ActionItem.objects.create(assessment=draft, title="Sign the MOU", order=1)


def attach(client, action, name="Signed MOU.pdf", content=PDF):
    url = reverse("action_evidence_add", args=[action.assessment_id, action.pk])
    return client.post(url, {"file": upload(name, content)}, follow=True)


class TestTypeByContent:
    @pytest.mark.parametrize(
        "content,kind",
        [(PDF, "pdf"), (PNG, "png"), (JPEG, "jpeg"), (office("docx"), "docx"),
         (office("xlsx"), "xlsx"), (office("docm"), None), (b"MZ\x90\x00 a program", None),
         (b"<html><script>alert(1)</script>", None), (b"PK\x03\x04 not a zip", None)],
    )  # fmt: skip
    def test_the_type_is_read_from_the_content(self, content, kind):
        assert evidence_kind(io.BytesIO(content)) == kind

    @pytest.mark.parametrize(
        "name,kind,shown",
        [("MOU.PDF", "pdf", "MOU.pdf"), ("../../etc/passwd", "pdf", "passwd.pdf"),
         ("roster.exe", "xlsx", "roster.exe.xlsx"), ("photo.jpeg", "jpeg", "photo.jpeg"),
         ("C:\\Users\\chief\\plan.docx", "docx", "plan.docx"), ("\x00.pdf", "pdf", "evidence.pdf")],
    )  # fmt: skip
    def test_the_name_shown_ends_with_the_type_found(self, name, kind, shown):
        assert evidence_name(name, kind) == shown


@pytest.mark.django_db
class TestAttaching:
    def test_a_pdf_is_attached_to_an_action_and_listed_on_its_page(self, alice_client, action):
        response = attach(alice_client, action)
        assert "Attached “Signed MOU.pdf”." in page_text(response)
        evidence = Evidence.objects.get()
        assert (evidence.kind, evidence.size, evidence.agency_id) == (
            "pdf", len(PDF), action.assessment.agency_id
        )
        assert "Signed MOU" not in evidence.file.name  # stored under a random name
        assert evidence.file.name.startswith(f"evidence/{evidence.agency_id}/")
        assert f"Signed MOU.pdf (PDF document, {len(PDF)} bytes" in page_text(response)

    def test_a_program_renamed_pdf_is_refused_and_nothing_is_kept(self, alice_client, action):
        response = attach(alice_client, action, "policy.pdf", b"MZ\x90\x00 not a pdf")
        assert "“policy.pdf” is not a PDF, a Word document" in page_text(response)
        assert not Evidence.objects.exists()

    def test_a_file_over_the_size_limit_is_refused(self, alice_client, action, settings):
        settings.EVIDENCE_FILE_MAX_MB = 1
        response = attach(alice_client, action, content=PDF + b"0" * (1024 * 1024))
        assert "a file can be at most 1 MB. Nothing was saved." in page_text(response)
        assert not Evidence.objects.exists()

    def test_an_agency_over_its_room_is_refused(self, alice_client, action, settings):
        settings.EVIDENCE_AGENCY_MAX_MB = 1
        attach(alice_client, action, content=PDF + b"0" * (700 * 1024))
        response = attach(alice_client, action, content=PDF + b"0" * (400 * 1024))
        assert "of the 1 MB it can keep" in page_text(response)
        assert Evidence.objects.count() == 1

    def test_an_action_keeps_at_most_the_set_number_of_files(self, alice_client, action, settings):
        settings.EVIDENCE_FILES_MAX = 2
        attach(alice_client, action)
        attach(alice_client, action)
        response = attach(alice_client, action)
        assert "already has 2 files, the most it can have" in page_text(response)

    def test_a_statement_gets_files_beside_its_evidence_note(self, alice_client, draft):
        item = Item.objects.filter(is_active=True).first()
        url = reverse("statement_evidence", args=[draft.pk, item.pk])
        assert item.text in page_text(alice_client.get(url))
        data = {"file": upload("roster.xlsx", office("xlsx"))}
        response = alice_client.post(url, data, follow=True)
        assert "Attached “roster.xlsx”." in page_text(response)
        assert Evidence.objects.get().item == item
        response = alice_client.post(url, {"file": upload("x.xlsx", b"nope")})
        assert response.status_code == 400
        assert "Attach a file: “x.xlsx” is not a PDF" in page_text(response)


@pytest.mark.django_db
class TestServing:
    def test_the_file_comes_back_as_an_attachment_that_is_not_sniffed(self, alice_client, action):
        attach(alice_client, action)
        evidence = Evidence.objects.get()
        url = reverse("evidence_download", args=[action.assessment_id, evidence.pk])
        response = alice_client.get(url)
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith('attachment; filename="Signed MOU.pdf"')
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content) == PDF
        assert "no-store" in response["Cache-Control"]

    def test_another_agency_gets_404_for_the_file_and_its_removal(
        self, alice_client, charlie_client, charlie, action
    ):
        from questionnaire.models import Assessment

        attach(alice_client, action)
        evidence = Evidence.objects.get()
        theirs = Assessment.objects.create(agency=charlie.agency)
        for assessment in (action.assessment, theirs):
            url = reverse("evidence_download", args=[assessment.pk, evidence.pk])
            assert charlie_client.get(url).status_code == 404
            remove = reverse("evidence_remove", args=[assessment.pk, evidence.pk])
            assert charlie_client.post(remove).status_code == 404
        add = reverse("action_evidence_add", args=[theirs.pk, action.pk])
        assert charlie_client.post(add, {"file": upload("a.pdf", PDF)}).status_code == 404
        assert Evidence.objects.count() == 1
        assert default_storage.exists(evidence.file.name)

    def test_files_are_never_at_a_public_address(self, client, alice_client, action):
        attach(alice_client, action)
        evidence = Evidence.objects.get()
        assert client.get("/media/" + evidence.file.name).status_code == 404
        assert client.get("/" + evidence.file.name).status_code == 404
        url = reverse("evidence_download", args=[action.assessment_id, evidence.pk])
        assert client.get(url).status_code == 302  # to the log-in page


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("migrated_data")
class TestDeleting:
    def test_removing_a_file_deletes_it_from_storage(self, alice_client, action):
        attach(alice_client, action)
        evidence = Evidence.objects.get()
        alice_client.post(reverse("evidence_remove", args=[action.assessment_id, evidence.pk]))
        assert not Evidence.objects.exists()
        assert not default_storage.exists(evidence.file.name)

    def test_files_leave_storage_with_their_action_and_their_assessment(
        self, alice_client, action, draft
    ):
        attach(alice_client, action)
        item = Item.objects.filter(is_active=True).first()
        url = reverse("statement_evidence", args=[draft.pk, item.pk])
        alice_client.post(url, {"file": upload("photo.png", PNG)})
        names = list(Evidence.objects.values_list("file", flat=True))
        assert len(names) == 2 and all(default_storage.exists(n) for n in names)
        alice_client.post(reverse("assessment_action_delete", args=[draft.pk, action.pk]))
        assert not default_storage.exists(names[0]) and default_storage.exists(names[1])
        draft.delete()
        assert not default_storage.exists(names[1])


@pytest.mark.django_db
class TestExport:
    def test_the_json_export_lists_each_file_and_what_it_is_attached_to(
        self, alice_client, action
    ):
        attach(alice_client, action)
        data = json.loads(alice_client.get(reverse("assessment_export_json")).content)
        [entry] = data["assessments"][0]["evidence"]
        assert (entry["file"], entry["type"], entry["attached_to"], entry["action"]) == (
            "Signed MOU.pdf", "PDF document", "action", "Sign the MOU"
        )
        assert entry["uploaded"].startswith(f"{timezone.localdate():%Y-%m-%d}")
