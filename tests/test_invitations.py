"""Invitations: officers and community partners answer anonymously through a link."""

import datetime
import json

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from guidance.models import Item
from questionnaire.models import (
    ActionItem,
    Invitation,
    PerspectiveAnswer,
    PerspectiveResponse,
)
from tests.conftest import client_for
from tests.factories import answer_all
from tests.html import page_text
from tests.pdf import pdf_text, requires_pdf


def invitations_url(assessment) -> str:
    return reverse("assessment_invitations", args=[assessment.pk])


def respond_url(invitation) -> str:
    return reverse("respond", args=[invitation.token])


def items_asked(perspective: str) -> list[Item]:
    return [i for i in Item.objects.filter(is_active=True) if perspective in i.perspectives]


def answers_for(perspective: str, value: str = "partly", **extra) -> dict:
    data = {f"item-{item.pk}": value for item in items_asked(perspective)}
    data.update(extra)
    return data


def submit(invitation, value="partly", **extra):
    return Client().post(
        respond_url(invitation), answers_for(invitation.perspective, value, **extra)
    )


@pytest.fixture
def officers(draft):
    return Invitation.objects.create(assessment=draft, perspective="line_officers")


@pytest.fixture
def residents(draft):
    return Invitation.objects.create(assessment=draft, perspective="residents")


@pytest.mark.django_db
class TestManagingInvitations:
    def test_the_owner_creates_a_link_and_sees_it(self, alice_client, draft):
        expires = (timezone.localdate() + datetime.timedelta(days=14)).isoformat()
        response = alice_client.post(
            invitations_url(draft),
            {"perspective": "line_officers", "label": "North roll call", "expires_on": expires,
             "max_responses": "40"},
            follow=True,
        )  # fmt: skip
        invitation = Invitation.objects.get()
        assert (invitation.label, invitation.max_responses) == ("North roll call", 40)
        assert len(invitation.token) >= 43
        text = page_text(response)
        assert "The link for line officers is ready" in text
        assert f"http://testserver/respond/{invitation.token}/" in response.content.decode()

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("expires_on", "2001-01-01", "Choose today or a later day."),
            ("expires_on", "2030-02-30", "Enter a real date"),
            ("max_responses", "0", "greater than or equal to 1"),
            ("max_responses", "5000", "less than or equal to 1000"),
            ("perspective", "chiefs", "Select a valid choice"),
        ],
    )
    def test_bad_values_are_refused_on_their_field(
        self, alice_client, draft, field, value, message
    ):
        data = {"perspective": "supervisors", "expires_on": "", "max_responses": "10"}
        data["expires_on"] = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
        data[field] = value
        response = alice_client.post(invitations_url(draft), data)
        assert message in page_text(response)
        assert not Invitation.objects.exists()

    def test_only_the_owner_manages_invitations(self, bob, draft, officers):
        response = client_for(bob).get(invitations_url(draft))
        assert response.status_code == 403
        assert "Only your agency's owner can manage invitations" in page_text(response)
        withdraw = reverse("invitation_revoke", args=[draft.pk, officers.pk])
        assert client_for(bob).post(withdraw).status_code == 403
        officers.refresh_from_db()
        assert officers.revoked_at is None

    def test_the_owner_sees_counts_per_perspective_never_who_answered(
        self, alice_client, draft, officers
    ):
        submit(officers)
        submit(officers)
        text = page_text(alice_client.get(invitations_url(draft)))
        assert "Line officers: 2 answers (results appear at 3)" in text

    def test_withdrawing_asks_first_then_closes_the_link(self, alice_client, draft, officers):
        url = reverse("invitation_revoke", args=[draft.pk, officers.pk])
        assert "Withdraw this link?" in page_text(alice_client.get(url))
        alice_client.post(url)
        officers.refresh_from_db()
        assert officers.revoked_at is not None
        assert submit(officers).status_code == 410

    def test_another_agency_cannot_withdraw_a_link(self, charlie_client, draft, officers):
        url = reverse("invitation_revoke", args=[draft.pk, officers.pk])
        assert charlie_client.post(url).status_code == 404


@pytest.mark.django_db
class TestAnsweringThroughALink:
    def test_officers_get_their_items_and_the_confidentiality_promise(self, officers):
        text = page_text(Client().get(respond_url(officers)))
        assert "Springfield Police Department" in text
        assert "asks line officers how things look from where you stand" in text
        assert "only once at least 3 people in it have answered" in text
        assert "We do not record your email address, internet address or device" in text
        hiring = Item.objects.get(slug="culture-hiring-looks-for-community-commitment")
        assert hiring.text in text

    def test_invitees_see_what_each_level_looks_like_and_a_plain_note(self, residents):
        text = page_text(Client().get(respond_url(residents)))
        promises = Item.objects.get(slug="buy-in-promises-kept")
        assert f"Largely in place {promises.anchor_largely}" in text
        assert "The descriptions are this tool's guidance" in text
        # Invitees are not asked for evidence: it could point to who they are.
        assert "Evidence or note" not in text and promises.evidence_hint not in text
        assert "Note (optional)" in text

    def test_community_partners_get_adapted_wording_and_no_internal_items(self, residents):
        text = page_text(Client().get(respond_url(residents)))
        assert "wants to know how its community partners see it" in text
        promises = Item.objects.get(slug="buy-in-promises-kept")
        assert promises.partner_text in text and promises.text not in text
        hiring = Item.objects.get(slug="culture-hiring-looks-for-community-commitment")
        assert hiring.text not in text

    def test_answers_are_stored_once_without_anything_that_identifies_the_person(self, officers):
        response = submit(officers, value="largely")
        assert response.status_code == 302
        assert response["Location"] == reverse("respond_thanks", args=[officers.token])
        stored = PerspectiveResponse.objects.get()
        assert stored.perspective == "line_officers"
        assert isinstance(stored.submitted_on, datetime.date)
        assert not isinstance(stored.submitted_on, datetime.datetime)
        names = {f.name for m in (PerspectiveResponse, PerspectiveAnswer)
                 for f in m._meta.get_fields()}  # fmt: skip
        assert not {n for n in names if "ip" in n.split("_") or "agent" in n or "user" in n}
        assert PerspectiveAnswer.objects.count() == len(items_asked("line_officers"))

    def test_notes_are_kept_only_with_permission(self, officers):
        item = items_asked("line_officers")[0]
        response = submit(officers, **{f"note-{item.pk}": "We never hear back"})
        assert response.status_code == 200
        assert "tick this box to share them" in page_text(response)
        assert not PerspectiveResponse.objects.exists()
        submit(officers, **{f"note-{item.pk}": "We never hear back", "share_notes": "on"})
        assert PerspectiveAnswer.objects.get(item=item).note == "We never hear back"

    def test_an_empty_form_is_refused(self, officers):
        response = Client().post(respond_url(officers), {})
        assert "Answer at least one statement before sending." in page_text(response)
        assert not PerspectiveResponse.objects.exists()

    def test_a_tampered_answer_is_refused_and_nothing_is_stored(self, officers):
        item = items_asked("line_officers")[0]
        response = submit(officers, **{f"item-{item.pk}": "superb"})
        assert "Choose one of the listed answers." in page_text(response)
        assert not PerspectiveResponse.objects.exists()

    def test_an_item_not_asked_of_the_perspective_is_ignored(self, residents):
        hiring = Item.objects.get(slug="culture-hiring-looks-for-community-commitment")
        submit(residents, **{f"item-{hiring.pk}": "fully"})
        assert not PerspectiveAnswer.objects.filter(item=hiring).exists()


@pytest.mark.django_db
class TestTokenSecurity:
    def test_an_unknown_or_malformed_token_is_not_found(self, officers):
        assert Client().get("/respond/" + "A" * 43 + "/").status_code == 404
        assert Client().get("/respond/abc$def/").status_code == 404
        assert Client().post("/respond/" + officers.token[:-1] + "x/").status_code == 404

    def test_a_withdrawn_link_explains_itself_and_accepts_nothing(self, officers):
        Invitation.objects.filter(pk=officers.pk).update(revoked_at=timezone.now())
        response = Client().get(respond_url(officers))
        assert response.status_code == 410
        assert "has withdrawn this invitation" in page_text(response)
        assert submit(officers).status_code == 410
        assert not PerspectiveResponse.objects.exists()

    def test_an_expired_link_explains_itself_and_accepts_nothing(self, officers):
        yesterday = timezone.localdate() - datetime.timedelta(days=1)
        Invitation.objects.filter(pk=officers.pk).update(expires_on=yesterday)
        response = submit(officers)
        assert response.status_code == 410
        assert "was open until" in page_text(response)
        assert not PerspectiveResponse.objects.exists()

    def test_a_link_closes_when_its_cap_is_reached(self, officers):
        Invitation.objects.filter(pk=officers.pk).update(max_responses=2)
        assert submit(officers).status_code == 302
        assert submit(officers).status_code == 302
        response = submit(officers)
        assert response.status_code == 410
        assert "has received all the answers" in page_text(response)
        assert PerspectiveResponse.objects.count() == 2

    @override_settings(INVITATION_RATE_LIMIT=3)
    def test_bursts_through_one_link_are_slowed_down(self, officers):
        codes = [submit(officers).status_code for _ in range(5)]
        assert codes == [302, 302, 302, 429, 429]
        assert PerspectiveResponse.objects.count() == 3
        busy = submit(officers, value="largely")
        assert "Please try again in a few minutes" in page_text(busy)
        item = items_asked("line_officers")[0]
        assert f'id="id_item-{item.pk}_3" value="largely" checked' in busy.content.decode()

    @override_settings(INVITATION_RATE_LIMIT=3)
    def test_broken_or_empty_forms_do_not_use_up_the_limit(self, officers):
        for _ in range(10):
            assert Client().post(respond_url(officers), {}).status_code == 200
        assert submit(officers).status_code == 302


def three_officers_and_two_residents(officers, residents):
    for _ in range(3):
        submit(officers, value="not_in_place")
    item = items_asked("residents")[0]
    for _ in range(2):
        submit(residents, value="fully", share_notes="on",
               **{f"note-{item.pk}": "Residents-only remark"})  # fmt: skip


@pytest.mark.django_db
class TestResultsAcrossPerspectives:
    def test_a_perspective_with_two_answers_never_shows(
        self, alice_client, draft, officers, residents
    ):
        answer_all(draft, value="fully")
        three_officers_and_two_residents(officers, residents)
        text = page_text(alice_client.get(reverse("assessment_results", args=[draft.pk])))
        assert "Line officers (3 answers)" in text
        assert "Waiting for more answers: Community partners: residents." in text
        assert "Residents-only remark" not in text
        assert "Community partners: residents (" not in text
        export = json.loads(alice_client.get("/assessments/export.json").content)
        groups = [g["perspective"] for g in export["assessments"][0]["perspectives"]]
        assert groups == ["Line officers"]
        csv_text = alice_client.get("/assessments/export.csv").content.decode()
        assert "Line officers (3 answers" in csv_text and "residents" not in csv_text.lower()

    @requires_pdf
    def test_nor_in_the_pdf(self, alice_client, draft, officers, residents):
        answer_all(draft, value="fully")
        three_officers_and_two_residents(officers, residents)
        text = pdf_text(alice_client.get(reverse("assessment_plan_pdf", args=[draft.pk])).content)
        assert "Line officers (3)" in text
        assert "Residents-only remark" not in text
        assert "residents (" not in text.lower()

    def test_one_persons_answers_never_show_behind_two_dont_knows(
        self, alice_client, draft, officers
    ):
        submit(officers, value="dont_know")
        submit(officers, value="dont_know")
        submit(officers, value="fully")
        text = page_text(alice_client.get(reverse("assessment_results", args=[draft.pk])))
        assert "Line officers (3 answers)" in text
        export = json.loads(alice_client.get("/assessments/export.json").content)
        [group] = export["assessments"][0]["perspectives"]
        assert group["items"] == [] and group["domains"] == []

    def test_one_more_answer_changes_nothing_until_a_whole_batch_has_arrived(
        self, alice_client, draft, officers
    ):
        for _ in range(3):
            submit(officers, value="partly")
        before = json.loads(alice_client.get("/assessments/export.json").content)
        submit(officers, value="fully")  # "Officer Jones" through a link of their own
        after = json.loads(alice_client.get("/assessments/export.json").content)
        assert after["assessments"][0]["perspectives"] == before["assessments"][0]["perspectives"]
        for _ in range(2):
            submit(officers, value="fully")
        final = json.loads(alice_client.get("/assessments/export.json").content)
        [group] = final["assessments"][0]["perspectives"]
        assert group["respondents"] == 6
        assert {item["score"] for item in group["items"]} == {75}  # the mean of six, whole

    def test_perception_gaps_are_flagged_with_their_suggestion_and_a_prompt(
        self, alice_client, draft, officers
    ):
        answer_all(draft, value="fully")
        for _ in range(3):
            submit(officers, value="not_in_place")
        text = page_text(alice_client.get(reverse("assessment_results", args=[draft.pk])))
        assert "Buy-in ⚑ perception gap 100 0" in text
        assert "Your assessment: 100; Line officers: 0 (a difference of 100 points)." in text
        assert "Report suggestion: Explain why the agency supports the CVI" in text
        assert "ask your assessment and line officers what each sees" in text.lower()

    def test_shared_notes_show_without_names_once_the_group_is_large_enough(
        self, alice_client, draft, officers
    ):
        item = items_asked("line_officers")[0]
        for n in range(3):
            submit(officers, share_notes="on", **{f"note-{item.pk}": f"Remark {n}"})
        text = page_text(alice_client.get(reverse("assessment_results", args=[draft.pk])))
        assert "Line officers, on “" in text and "Remark 2" in text

    def test_actions_can_be_owned_jointly_with_a_partner(self, alice_client, draft):
        action = ActionItem.objects.create(assessment=draft, title="Joint patrol debriefs",
                                           order=1)  # fmt: skip
        draft.plan_created_at = timezone.now()
        draft.save()
        data = {
            "actions-TOTAL_FORMS": "1", "actions-INITIAL_FORMS": "1",
            "actions-MIN_NUM_FORMS": "0", "actions-MAX_NUM_FORMS": "500",
            "actions-0-id": action.pk, "actions-0-title": action.title,
            "actions-0-partner": "Safe Streets outreach team", "actions-0-status": "not_started",
        }  # fmt: skip
        alice_client.post(reverse("assessment_plan", args=[draft.pk]), data)
        action.refresh_from_db()
        assert action.partner == "Safe Streets outreach team"
