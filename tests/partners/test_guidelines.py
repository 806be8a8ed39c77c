"""Information-sharing guidelines drafted from both sides: where the answers agree, versions
(a changed text voids agreement), agreeing a version on each side, the agency's page, the
partner's side through its link, and the Word and PDF drafts."""

import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partners.guidelines import (
    GuidelinesError,
    guidelines_agree,
    guidelines_position_save,
    guidelines_state,
)
from partners.models import GuidelinesApproval, SharingGuidelines
from partners.questions import (
    AGREED,
    BLANK,
    OPEN,
    QUESTION_KEYS,
    WAITING_AGENCY,
    WAITING_PARTNER,
    Comparison,
    answer_digest,
    compare,
    still_to_agree,
)
from tests.conftest import client_for
from tests.factories import partner_link
from tests.html import page_text
from tests.pdf import pdf_text, requires_pdf

AGENCY = {
    "flow": "one_way",
    "kinds": "General information about ongoing conflicts, without names.",
    "recipients": "The outreach supervisor, by phone.",
    "protections": "Nothing is written down; nothing is used to make an arrest.",
    "disputes": "The chief and the executive director meet within a week.",
    "review_on": "2027-12-01",
}
# The partner agrees on everything but the kinds of information.
PARTNER = {**AGENCY, "kinds": "Only the places where retaliation is feared, never names."}


def answers_post(answers: dict, **extra) -> dict:
    return {**answers, **extra}


class TestWhereTheSidesAgree:
    """partners/questions.py: plain data, no database."""

    def test_the_same_words_agree_whatever_the_spaces_and_letter_case(self):
        [flow, kinds, *_] = compare(
            {"flow": "one_way", "kinds": "Conflicts,  without names"},
            {"flow": "one_way", "kinds": "conflicts, without NAMES "},
        )
        assert flow.state == AGREED and kinds.state == AGREED

    def test_different_words_are_an_open_point_and_a_missing_answer_waits(self):
        states = [
            c.state
            for c in compare(
                {"flow": "one_way", "kinds": "Names", "recipients": "Supervisor"},
                {"flow": "two_way", "kinds": "No names", "protections": "Never written"},
            )
        ]
        assert states == [OPEN, OPEN, WAITING_PARTNER, WAITING_AGENCY, BLANK, BLANK]

    def test_every_question_not_agreed_is_still_to_agree(self):
        comparisons = compare(AGENCY, PARTNER)
        assert [c.question.key for c in still_to_agree(comparisons)] == ["kinds"]
        assert [c.question.key for c in comparisons] == QUESTION_KEYS

    def test_blank_answers_never_count_as_agreed(self):
        assert not Comparison(compare({}, {})[1].question, "  ", "").agreed

    def test_the_fingerprint_of_an_answer_changes_with_its_words(self):
        assert answer_digest("a") == answer_digest("a") != answer_digest("b")


@pytest.mark.django_db
class TestVersionsAndAgreement:
    def test_each_change_makes_a_new_version_and_no_change_makes_none(self, safe_streets):
        assert guidelines_position_save(
            partner=safe_streets, side="agency", answers=AGENCY, by="Alice"
        )
        assert not guidelines_position_save(
            partner=safe_streets, side="agency", answers=AGENCY, by="Alice"
        )
        guidelines_position_save(partner=safe_streets, side="partner", answers=PARTNER, by="Dana")
        state = guidelines_state(safe_streets)
        assert state.version == 2
        assert [c.question.key for c in state.open_points] == ["kinds"]

    def test_a_version_with_an_open_point_cannot_be_agreed(self, safe_streets):
        guidelines_position_save(partner=safe_streets, side="agency", answers=AGENCY, by="A")
        guidelines_position_save(partner=safe_streets, side="partner", answers=PARTNER, by="D")
        with pytest.raises(GuidelinesError, match="1 still to agree"):
            guidelines_agree(partner=safe_streets, side="agency", version=2, name="Alice Chief")
        assert not GuidelinesApproval.objects.exists()

    def test_agreeing_a_version_read_earlier_is_refused(self, safe_streets):
        for side in ("agency", "partner"):
            guidelines_position_save(partner=safe_streets, side=side, answers=AGENCY, by="x")
        with pytest.raises(GuidelinesError, match="now version 2"):
            guidelines_agree(partner=safe_streets, side="partner", version=1, name="Dana Reyes")

    def test_a_changed_text_needs_a_new_agreement_and_the_old_one_stays_on_record(
        self, safe_streets, alice
    ):
        for side in ("agency", "partner"):
            guidelines_position_save(partner=safe_streets, side=side, answers=AGENCY, by="x")
        guidelines_agree(partner=safe_streets, side="agency", version=2, name="A", user=alice)
        guidelines_agree(partner=safe_streets, side="partner", version=2, name="Dana Reyes")
        assert guidelines_state(safe_streets).agreed_by_both
        changed = {**AGENCY, "review_on": "2028-01-15"}
        guidelines_position_save(partner=safe_streets, side="agency", answers=changed, by="x")
        state = guidelines_state(safe_streets)
        assert state.version == 3 and not state.agreed_by_both and state.current == {}
        assert state.last_agreed_version == 2
        assert GuidelinesApproval.objects.count() == 2

    def test_agreeing_twice_records_one_agreement(self, safe_streets):
        for side in ("agency", "partner"):
            guidelines_position_save(partner=safe_streets, side=side, answers=AGENCY, by="x")
        for _ in range(2):
            guidelines_agree(partner=safe_streets, side="partner", version=2, name="Dana Reyes")
        assert GuidelinesApproval.objects.count() == 1

    def test_reading_guidelines_nobody_wrote_saves_nothing(self, safe_streets):
        state = guidelines_state(safe_streets)
        assert state.version == 0 and not state.can_be_agreed
        assert not SharingGuidelines.objects.exists()


def guidelines_url(partner) -> str:
    return reverse("partner_guidelines", args=[partner.pk])


@pytest.mark.django_db
class TestTheAgencysPage:
    def test_a_member_saves_the_agencys_side(self, bob, safe_streets):
        response = client_for(bob).post(guidelines_url(safe_streets), answers_post(AGENCY))
        assert response.status_code == 302
        state = guidelines_state(safe_streets)
        assert state.positions["agency"].kinds == AGENCY["kinds"]
        assert state.positions["agency"].updated_by == "Bob Deputy"

    def test_the_page_shows_the_agreement_and_the_open_point(self, alice_client, safe_streets):
        guidelines_position_save(partner=safe_streets, side="agency", answers=AGENCY, by="A")
        guidelines_position_save(partner=safe_streets, side="partner", answers=PARTNER, by="D")
        text = page_text(alice_client.get(guidelines_url(safe_streets)))
        assert "Version 2" in text and "1 point still to agree." in text
        assert "Still to agree: the answers differ" in text
        assert AGENCY["kinds"] in text and PARTNER["kinds"] in text
        assert text.count("Agreed") >= 5
        assert "Take Safe Streets Springfield's answer instead of mine" in text

    def test_taking_the_partners_answer_agrees_the_point(self, alice_client, safe_streets):
        guidelines_position_save(partner=safe_streets, side="agency", answers=AGENCY, by="A")
        guidelines_position_save(partner=safe_streets, side="partner", answers=PARTNER, by="D")
        alice_client.post(
            guidelines_url(safe_streets),
            answers_post(AGENCY, take_kinds="on", seen_kinds=answer_digest(PARTNER["kinds"])),
        )
        state = guidelines_state(safe_streets)
        assert state.open_points == [] and state.version == 3

    def test_an_answer_changed_since_the_page_was_read_is_never_taken_unseen(
        self, alice_client, safe_streets
    ):
        guidelines_position_save(partner=safe_streets, side="agency", answers=AGENCY, by="A")
        guidelines_position_save(partner=safe_streets, side="partner", answers=PARTNER, by="D")
        seen = answer_digest(PARTNER["kinds"])
        newer = {**PARTNER, "kinds": "Names of people at highest risk."}
        guidelines_position_save(partner=safe_streets, side="partner", answers=newer, by="D")
        response = alice_client.post(
            guidelines_url(safe_streets), answers_post(AGENCY, take_kinds="on", seen_kinds=seen)
        )
        assert response.status_code == 400
        text = page_text(response)
        assert text.startswith("Error:")
        assert "Safe Streets Springfield changed this answer after you opened the page" in text
        assert guidelines_state(safe_streets).positions["agency"].kinds == AGENCY["kinds"]

    def test_bad_answers_change_nothing(self, alice_client, safe_streets):
        response = alice_client.post(
            guidelines_url(safe_streets),
            answers_post(AGENCY, flow="sideways", review_on="2027-02-30", kinds="x" * 2001),
        )
        text = page_text(response)
        assert "Choose one of the listed answers." in text
        assert "Enter a real date, e.g. 2027-12-01." in text
        assert "Ensure this value has at most 2000 characters" in text
        assert not SharingGuidelines.objects.exists()

    def test_only_an_owner_marks_the_agencys_agreement(self, alice, bob, safe_streets):
        for side in ("agency", "partner"):
            guidelines_position_save(partner=safe_streets, side=side, answers=AGENCY, by="x")
        url = reverse("partner_guidelines_agree", args=[safe_streets.pk])
        data = {"agree-version": "2", "agree-name": "Alice Chief", "agree-role": "Chief"}
        assert client_for(bob).post(url, data).status_code == 403
        assert "Only your agency's owner can mark a version agreed." in page_text(
            client_for(bob).get(guidelines_url(safe_streets))
        )
        assert client_for(alice).post(url, data).status_code == 302
        approval = GuidelinesApproval.objects.get()
        assert (approval.side, approval.version, approval.user) == ("agency", 2, alice)

    def test_agreeing_a_version_that_changed_meanwhile_says_so(self, alice_client, safe_streets):
        for side in ("agency", "partner"):
            guidelines_position_save(partner=safe_streets, side=side, answers=AGENCY, by="x")
        url = reverse("partner_guidelines_agree", args=[safe_streets.pk])
        response = alice_client.post(url, {"agree-version": "1", "agree-name": "Alice Chief"})
        assert response.status_code == 400
        assert "The guidelines changed after you read them: they are now version 2." in page_text(
            response
        )
        assert not GuidelinesApproval.objects.exists()

    def test_the_page_takes_a_fixed_number_of_queries(self, alice_client, safe_streets):
        def count() -> int:
            with CaptureQueriesContext(connection) as queries:
                assert alice_client.get(guidelines_url(safe_streets)).status_code == 200
            return len(queries)

        empty = count()
        for side in ("agency", "partner"):
            guidelines_position_save(partner=safe_streets, side=side, answers=AGENCY, by="x")
        guidelines_agree(partner=safe_streets, side="partner", version=2, name="Dana Reyes")
        assert count() <= empty + 2 <= 12


@pytest.mark.django_db
class TestThePartnersSide:
    def test_the_partner_fills_its_side_through_its_link(self, safe_streets):
        token = partner_link(safe_streets)
        response = Client().post(
            reverse("partner_page_guidelines", args=[token]), answers_post(PARTNER)
        )
        assert response.status_code == 302
        position = guidelines_state(safe_streets).positions["partner"]
        assert position.kinds == PARTNER["kinds"] and position.updated_by == safe_streets.name

    def test_the_partner_agrees_a_version_in_its_own_name(self, safe_streets):
        for side in ("agency", "partner"):
            guidelines_position_save(partner=safe_streets, side=side, answers=AGENCY, by="x")
        token = partner_link(safe_streets)
        Client().post(
            reverse("partner_page_agree", args=[token]),
            {"agree-version": "2", "agree-name": "Dana Reyes", "agree-role": "Executive director"},
        )
        approval = GuidelinesApproval.objects.get()
        assert (approval.side, approval.name, approval.user) == ("partner", "Dana Reyes", None)

    def test_the_partner_can_never_write_the_agencys_side(self, safe_streets):
        token = partner_link(safe_streets)
        Client().post(
            reverse("partner_page_guidelines", args=[token]), answers_post(PARTNER, side="agency")
        )
        state = guidelines_state(safe_streets)
        assert state.positions["agency"].pk is None


def docx_paragraphs(content: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(content))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells), doc


@pytest.mark.django_db
class TestTheDrafts:
    @pytest.fixture
    def drafted(self, safe_streets):
        guidelines_position_save(partner=safe_streets, side="agency", answers=AGENCY, by="A")
        guidelines_position_save(partner=safe_streets, side="partner", answers=PARTNER, by="D")
        return safe_streets

    def test_the_word_draft_has_both_positions_the_open_point_and_the_signature_lines(
        self, alice_client, drafted
    ):
        response = alice_client.get(reverse("partner_guidelines_docx", args=[drafted.pk]))
        assert response["Content-Disposition"].endswith('-v2.docx"')
        text, doc = docx_paragraphs(response.content)
        assert doc.core_properties.title == (
            "Information-sharing guidelines: Springfield Police Department and Safe Streets "
            "Springfield"
        )
        assert "Between Springfield Police Department and Safe Streets Springfield" in text
        assert "Version 2 of" in text
        assert "Draft for discussion, not legal advice; review with counsel." in text
        assert AGENCY["kinds"] in text and PARTNER["kinds"] in text
        assert "Not yet agreed: 1 point still to agree." in text
        assert "Still to agree" in text and "What kinds of information will be shared?" in text
        assert f"Agreed: {AGENCY['recipients']}" in text
        assert "One-way: from the police to the partner" in text and "December 1, 2027" in text
        assert "the report, pp. 22-23" in text
        assert "“Agencies and their partners can begin building trust" in text
        assert "(the wording of the CVI Readiness Self-Assessment tool, not of the report)" in text
        assert [row.cells[0].text for row in doc.tables[-1].rows] == [
            "For", "Springfield Police Department", "Safe Streets Springfield",
        ]  # fmt: skip
        assert [c.text for c in doc.tables[-1].rows[0].cells] == [
            "For", "Name", "Title", "Signature", "Date",
        ]  # fmt: skip

    def test_the_partner_downloads_the_same_draft_through_its_link(self, drafted):
        token = partner_link(drafted, language="es")
        response = Client().get(reverse("partner_page_docx", args=[token]))
        text, _doc = docx_paragraphs(response.content)
        assert PARTNER["kinds"] in text and "Version 2 of" in text

    def test_agreement_by_both_is_printed_with_names_and_dates(self, drafted, alice):
        guidelines_position_save(partner=drafted, side="agency", answers=PARTNER, by="A")
        guidelines_agree(partner=drafted, side="agency", version=3, name="Alice Chief", user=alice)
        guidelines_agree(
            partner=drafted, side="partner", version=3, name="Dana Reyes", role="Director"
        )
        response = client_for(alice).get(reverse("partner_guidelines_docx", args=[drafted.pk]))
        text, doc = docx_paragraphs(response.content)
        assert "Agreed by both organizations as version 3." in text
        rows = [[c.text for c in row.cells] for row in doc.tables[0].rows]
        assert rows[1][:3] == ["Springfield Police Department", "Alice Chief", ""]
        assert rows[2][:3] == ["Safe Streets Springfield", "Dana Reyes", "Director"]

    @requires_pdf
    def test_the_pdf_draft_is_tagged_and_carries_both_sides(self, alice_client, drafted):
        from pypdf import PdfReader

        response = alice_client.get(reverse("partner_guidelines_pdf", args=[drafted.pk]))
        assert response["Content-Type"] == "application/pdf"
        reader = PdfReader(io.BytesIO(response.content))
        root = reader.trailer["/Root"]
        assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
        assert root["/Lang"] == "en"
        assert reader.metadata.title.startswith("Information-sharing guidelines: Springfield")
        text = pdf_text(response.content)
        assert AGENCY["kinds"] in text and PARTNER["kinds"] in text
        assert "Draft for discussion, not legal advice; review with counsel." in text
        assert "Still to agree" in text and "pp. 22-23" in text
        assert "Signatures" in text and "Version 2" in text

    @requires_pdf
    def test_the_partner_gets_the_pdf_through_its_link(self, drafted):
        token = partner_link(drafted)
        response = Client().get(reverse("partner_page_pdf", args=[token]))
        assert response["Content-Type"] == "application/pdf"
        assert "no-store" in response["Cache-Control"]
