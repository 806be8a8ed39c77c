"""The attack a security review found, and why it now fails.

The review: an owner opened their own open link twice more after an officer answered, rated
"planned" everywhere, and the three-answer batch then gave away the officer's twenty ratings
and their note word for word; the exact per-link count also told the owner who took part.
Now open links count in batches of five, personal links answer once each and are batched on
their own, logged-in members cannot answer, counts show in bands, and notes come shuffled.
"""

import json
import random
import re
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from perspectives.models import Invitation, PerspectiveResponse
from questionnaire.models import Assessment
from tests.conftest import client_for
from tests.factories import answer_all, personal_links
from tests.html import Outline, page_text
from tests.pdf import pdf_text, requires_pdf
from tests.perspectives.test_invitations import answers_for, items_asked, respond_url

VICTIM_NOTE = "Sergeant Diaz buries every complaint about the CVI"


def answer(url_or_token, value: str, note: str = "") -> None:
    extra = {}
    if note:
        item = items_asked("line_officers")[0]
        extra = {"share_notes": "on", f"note-{item.pk}": note}
    response = Client().post(
        respond_url(url_or_token), answers_for("line_officers", value, **extra)
    )
    assert response.status_code == 302


def text_of(html: str) -> str:
    outline = Outline()
    outline.feed(html)
    return outline.text


def what_the_owner_sees(client, assessment: Assessment, *, pdf: bool = False) -> dict:
    """The perspectives as the results page, the exports and (optionally) the PDF show them."""
    html = client.get(reverse("assessment_results", args=[assessment.pk])).content.decode()
    section = re.search(r'<section id="perspectives".*?</section>', html, re.S).group(0)
    export = json.loads(client.get("/assessments/export.json").content)
    [entry] = [e for e in export["assessments"] if e["assessment_id"] == str(assessment.pk)]
    seen = {
        "page": text_of(section),
        "export": entry["perspectives"],
        "csv": client.get("/assessments/export.csv").content.decode(),
    }
    if pdf:
        text = pdf_text(client.get(reverse("assessment_plan_pdf", args=[assessment.pk])).content)
        seen["pdf"] = text
    return seen


@pytest.mark.django_db
class TestTheOwnerAnsweringThroughAnOpenLink:
    def test_two_answers_of_their_own_beside_one_officers_reveal_nothing(self, alice, draft):
        answer_all(draft, value="fully")
        link = Invitation.objects.create(assessment=draft, perspective="line_officers")
        answer(link, "fully", note=VICTIM_NOTE)  # the officer
        answer(link, "planned")  # the owner, logged out, twice
        answer(link, "planned")
        seen = what_the_owner_sees(client_for(alice), draft)
        assert "Line officers (" not in seen["page"]
        assert "Waiting for more answers: Line officers." in seen["page"]
        assert VICTIM_NOTE not in json.dumps(seen)
        assert seen["export"] == []
        assert "Line officers" not in seen["csv"]
        invitations = page_text(client_for(alice).get(reverse("assessment_invitations",
                                                                 args=[draft.pk])))  # fmt: skip
        assert "Line officers 1 to 4 Not yet" in invitations

    @requires_pdf
    def test_nor_does_the_pdf(self, alice, draft):
        answer_all(draft, value="fully")
        link = Invitation.objects.create(assessment=draft, perspective="line_officers")
        answer(link, "fully", note=VICTIM_NOTE)
        answer(link, "planned")
        answer(link, "planned")
        text = what_the_owner_sees(client_for(alice), draft, pdf=True)["pdf"]
        assert VICTIM_NOTE not in text and "Line officers (" not in text

    def test_once_a_batch_is_full_one_officers_answers_cannot_be_told_from_anothers(
        self, alice, springfield
    ):
        """Two worlds that differ only in which officer gave which answers look the same."""
        seen = []
        for victim, other in [("fully", "partly"), ("partly", "fully")]:
            assessment = Assessment.objects.create(agency=springfield, created_by=alice)
            answer_all(assessment, value="fully")
            link = Invitation.objects.create(assessment=assessment, perspective="line_officers")
            answer(link, victim)  # the officer the owner wants to unmask
            answer(link, "planned")  # the owner, twice
            answer(link, "planned")
            answer(link, other)  # two more officers
            answer(link, "partly")
            seen.append(what_the_owner_sees(client_for(alice), assessment))
        assert "Line officers (5 answers)" in seen[0]["page"]
        assert seen[0]["page"] == seen[1]["page"]
        assert seen[0]["export"] == seen[1]["export"] != []

    def test_a_logged_in_owner_cannot_answer_at_all(self, alice, draft):
        link = Invitation.objects.create(assessment=draft, perspective="line_officers")
        response = client_for(alice).post(respond_url(link), answers_for("line_officers"))
        assert response.status_code == 403
        assert not PerspectiveResponse.objects.exists()


@pytest.mark.django_db
class TestPersonalLinks:
    def test_the_owner_holds_no_link_to_answer_through_and_each_answers_once(self, alice, draft):
        [token] = personal_links(draft, "line_officers", 1)
        page = client_for(alice).get(reverse("assessment_invitations", args=[draft.pk]))
        assert token not in page.content.decode()
        answer(token, "fully", note=VICTIM_NOTE)
        again = Client().post(respond_url(token), answers_for("line_officers", "planned"))
        assert again.status_code == 410
        assert PerspectiveResponse.objects.count() == 1

    def test_answers_of_ones_own_through_an_open_link_never_complete_their_batch(
        self, alice, draft
    ):
        answer_all(draft, value="fully")
        [token] = personal_links(draft, "line_officers", 1)
        answer(token, "fully", note=VICTIM_NOTE)  # the officer, personally invited
        link = Invitation.objects.create(assessment=draft, perspective="line_officers")
        answer(link, "planned")  # the owner, through an open link for the same group
        answer(link, "planned")
        seen = what_the_owner_sees(client_for(alice), draft)
        assert seen["export"] == [] and "Line officers (" not in seen["page"]
        assert VICTIM_NOTE not in json.dumps(seen)


@pytest.mark.django_db
class TestCountsAndNotes:
    @pytest.mark.parametrize(
        ("answers", "band"), [(0, "None yet"), (1, "1 to 4"), (4, "1 to 4"), (5, "5 to 9")]
    )
    def test_the_invitations_page_shows_answers_in_bands(self, alice, draft, answers, band):
        link = Invitation.objects.create(assessment=draft, perspective="line_officers")
        for _ in range(answers):
            answer(link, "partly")
        text = page_text(client_for(alice).get(reverse("assessment_invitations",
                                                        args=[draft.pk])))  # fmt: skip
        counted = "5 answers counted" if answers == 5 else "Not yet"
        assert f"Line officers {band} {counted}" in text

    def test_a_note_appears_with_its_whole_batch_never_beside_a_count_up_by_one(self, alice, draft):
        tokens = personal_links(draft, "line_officers", 6)
        for token in tokens[:3]:
            answer(token, "partly")
        client = client_for(alice)
        before = what_the_owner_sees(client, draft)
        answer(tokens[3], "fully", note=VICTIM_NOTE)  # a fourth officer, with a note
        after = what_the_owner_sees(client, draft)
        assert after == before and VICTIM_NOTE not in after["page"]
        answer(tokens[4], "partly")
        answer(tokens[5], "partly")
        final = what_the_owner_sees(client, draft)["page"]
        assert VICTIM_NOTE in final and "Line officers (6 answers)" in final

    def test_notes_are_shuffled_within_each_statement(self, alice, draft):
        first, second = items_asked("line_officers")[:2]
        for n, token in enumerate(personal_links(draft, "line_officers", 6)):
            notes = {f"note-{first.pk}": f"First {n}", f"note-{second.pk}": f"Second {n}"}
            Client().post(respond_url(token), answers_for("line_officers", share_notes="on",
                                                          **notes))  # fmt: skip
        seeded = random.Random(14)
        with mock.patch("perspectives.results.random.SystemRandom", return_value=seeded):
            text = what_the_owner_sees(client_for(alice), draft)["page"]
        order = [int(text[m + 6]) for m in _find_all(text, "First ")]
        assert sorted(order) == list(range(6)) and order != list(range(6))
        pairing = [int(text[m + 7]) for m in _find_all(text, "Second ")]
        assert pairing != order  # one person's notes on two statements are not lined up


def _find_all(text: str, needle: str) -> list[int]:
    found, start = [], text.find(needle)
    while start != -1:
        found.append(start)
        start = text.find(needle, start + 1)
    return found
