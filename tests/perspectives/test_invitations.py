"""Invitations: officers and community partners answer anonymously, through a personal link
emailed to each of them or through an open link shown at roll call."""

import datetime
import json
import re
import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from guidance.models import Item
from perspectives.invitations import token_digest
from perspectives.models import (
    Invitation,
    PersonalInvitation,
    PerspectiveAnswer,
    PerspectiveResponse,
)
from plans.models import ActionItem
from tests.conftest import client_for
from tests.factories import (
    answer_all,
    exported_csv,
    exported_csv_text,
    invitees_answer,
    personal_links,
)
from tests.html import page_text
from tests.pdf import pdf_text, requires_pdf


def invitations_url(assessment) -> str:
    return reverse("assessment_invitations", args=[assessment.pk])


def respond_url(invitation_or_token) -> str:
    token = getattr(invitation_or_token, "token", invitation_or_token)
    return reverse("respond", args=[token])


def items_asked(perspective: str) -> list[Item]:
    return [i for i in Item.objects.filter(is_active=True) if perspective in i.perspectives]


def answers_for(perspective: str, value: str = "partly", **extra) -> dict:
    data = {f"item-{item.pk}": value for item in items_asked(perspective)}
    data.update(extra)
    return data


def every_step_text(url: str) -> str:
    """The text of every step of the invitee questionnaire at ``url`` (which may carry
    ``?lang=``), one page after another, as an invitee reads them."""
    first = page_text(Client().get(url))
    found = re.search(r"Step 1 of (\d+)", first) or re.search(r"Paso 1 de (\d+)", first)
    if not found:
        return first
    joiner = "&" if "?" in url else "?"
    pages = [first] + [
        page_text(Client().get(f"{url}{joiner}step={n}")) for n in range(2, int(found[1]) + 1)
    ]
    return " ".join(pages)


def submit(invitation, value="partly", perspective=None, **extra):
    perspective = perspective or invitation.perspective
    return Client().post(respond_url(invitation), answers_for(perspective, value, **extra))


def in_days(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def open_link_data(**changes) -> dict:
    data = {
        "create": "open",
        "open-perspective": "line_officers",
        "open-language": "en",
        "open-label": "North roll call",
        "open-expires_on": in_days(14),
        "open-max_responses": "40",
    }
    data.update(changes)
    return data


def personal_data(emails: str, **changes) -> dict:
    data = {
        "create": "personal",
        "personal-perspective": "residents",
        "personal-emails": emails,
        "personal-language": "en",
        "personal-expires_on": in_days(21),
        "personal-message": "",
        "personal-label": "",
    }
    data.update(changes)
    return data


def emailed_links() -> list[str]:
    return [re.search(r"http://testserver(/respond/\S+/)", m.body).group(1) for m in mail.outbox]


@pytest.fixture
def officers(draft):
    return Invitation.objects.create(assessment=draft, perspective="line_officers")


@pytest.fixture
def residents(draft):
    return Invitation.objects.create(assessment=draft, perspective="residents")


@pytest.mark.django_db
class TestOpenLinks:
    def test_the_owner_creates_a_link_and_gets_its_kit(self, alice_client, draft):
        response = alice_client.post(invitations_url(draft), open_link_data(), follow=True)
        invitation = Invitation.objects.get()
        assert (invitation.label, invitation.max_responses) == ("North roll call", 40)
        assert invitation.kind == "open" and len(invitation.token) >= 43
        text = page_text(response)
        assert "The link for Line officers is ready" in text
        html = response.content.decode()
        link = f"http://testserver/respond/{invitation.token}/"
        assert f'<code id="link-{invitation.pk}-url" data-copy=' in html and link in html
        assert 'alt="QR code of the link for Line officers"' in html
        assert "Ready-to-edit email" in text and "Ready-to-edit roll-call announcement" in text
        assert "Scan the QR code or open the link on the screen" in text
        assert "Anyone who has an open link can answer through it" in text

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("open-expires_on", "2001-01-01", "Choose today or a later day."),
            ("open-expires_on", "2030-02-30", "Enter a real date"),
            ("open-max_responses", "9", "Allow at least 10 answers"),
            ("open-max_responses", "5000", "less than or equal to 1000"),
            ("open-perspective", "chiefs", "Select a valid choice"),
            ("open-language", "fr", "Select a valid choice"),
        ],
    )
    def test_bad_values_are_refused_on_their_field(
        self, alice_client, draft, field, value, message
    ):
        response = alice_client.post(invitations_url(draft), open_link_data(**{field: value}))
        assert message in page_text(response)
        assert not Invitation.objects.exists()

    def test_an_assessment_has_a_bounded_number_of_links_withdrawn_ones_too(
        self, alice_client, draft, settings
    ):
        settings.INVITATIONS_PER_ASSESSMENT_MAX = 2
        alice_client.post(invitations_url(draft), open_link_data())
        Invitation.objects.update(revoked_at=timezone.now())
        alice_client.post(invitations_url(draft), open_link_data())
        response = alice_client.post(invitations_url(draft), open_link_data())
        assert "This assessment has 2 links and rounds of invitations, the most" in page_text(
            response
        )
        assert Invitation.objects.count() == 2

    def test_only_the_owner_manages_invitations(self, bob, draft, officers):
        client = client_for(bob)
        response = client.get(invitations_url(draft))
        assert response.status_code == 403
        assert "Only your agency's owner can manage invitations" in page_text(response)
        for name in ["invitation_revoke", "invitation_remind", "invitation_qr"]:
            url = reverse(name, args=[draft.pk, officers.pk])
            assert client.post(url).status_code == 403, name
        officers.refresh_from_db()
        assert officers.revoked_at is None

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

    def test_the_page_runs_a_fixed_number_of_queries(self, alice_client, draft):
        def count() -> int:
            with CaptureQueriesContext(connection) as queries:
                assert alice_client.get(invitations_url(draft)).status_code == 200
            return len(queries)

        Invitation.objects.create(assessment=draft, perspective="supervisors")
        personal_links(draft, "residents", 2)
        few = count()
        for perspective in ["line_officers", "command_staff", "civilian_staff"]:
            link = Invitation.objects.create(assessment=draft, perspective=perspective)
            submit(link)
            personal_links(draft, "service_providers", 5)
        assert count() == few


@pytest.mark.django_db
class TestPersonalInvitations:
    def test_each_address_gets_its_own_link_and_the_owner_never_sees_one(self, alice_client, draft):
        pasted = "a@partners.example, B@Partners.example\nc@partners.example a@partners.example"
        response = alice_client.post(invitations_url(draft), personal_data(pasted), follow=True)
        assert "3 personal invitations for Community partners: residents are being emailed" in (
            page_text(response)
        )
        assert sorted(m.to[0] for m in mail.outbox) == [
            "a@partners.example", "b@partners.example", "c@partners.example",
        ]  # fmt: skip
        links = emailed_links()
        assert len(set(links)) == 3
        page = alice_client.get(invitations_url(draft)).content.decode()
        stored = json.dumps(list(PersonalInvitation.objects.values()), default=str)
        for link in links:
            token = link.split("/")[-2]
            assert token not in page and token not in stored
            assert PersonalInvitation.objects.filter(token_hash=token_digest(token)).exists()
        assert "3 addresses, in English" in page_text(alice_client.get(invitations_url(draft)))

    def test_the_email_carries_the_owners_note_and_the_promise(self, alice_client, draft):
        alice_client.post(
            invitations_url(draft),
            personal_data("a@partners.example", **{"personal-message": "Your view matters."}),
        )
        [email] = mail.outbox
        assert email.subject == "Springfield Police Department asks for your view"
        assert "Your view matters." in email.body
        assert "nothing ties your answers to this link or to your email address" in email.body
        assert "approximate totals for your group, released once with random noise" in email.body

    def test_a_spanish_round_sends_spanish_emails(self, alice_client, draft):
        alice_client.post(
            invitations_url(draft),
            personal_data("a@partners.example", **{"personal-language": "es"}),
        )
        [email] = mail.outbox
        assert email.subject == "Springfield Police Department le pide su opinión"
        assert "Su enlace personal" in email.body
        assert Client().get(emailed_links()[0]).content.decode().count('lang="es"') >= 1

    @pytest.mark.parametrize(
        ("emails", "message"),
        [
            ("a@partners.example, not-an-address", "These are not email addresses: not-an-address"),
            ("   ", "This field is required."),
            (", ".join(f"p{n}@partners.example" for n in range(101)), "send at most 100"),
        ],
    )
    def test_bad_lists_are_refused_and_nothing_is_sent(self, alice_client, draft, emails, message):
        response = alice_client.post(invitations_url(draft), personal_data(emails))
        assert message in page_text(response)
        assert not Invitation.objects.exists() and mail.outbox == []

    def test_an_address_is_invited_once_per_assessment_answered_or_not(self, alice_client, draft):
        alice_client.post(invitations_url(draft), personal_data("a@partners.example"))
        Client().post(emailed_links()[0], answers_for("residents"))
        response = alice_client.post(
            invitations_url(draft), personal_data("b@partners.example, A@partners.example")
        )
        assert "these already were: a@partners.example" in page_text(response)
        assert PersonalInvitation.objects.count() == 1 and len(mail.outbox) == 1

    def test_members_of_the_agency_cannot_be_invited_as_a_perspective(
        self, alice_client, draft, bob
    ):
        response = alice_client.post(invitations_url(draft), personal_data(bob.email))
        assert "Members of your agency take part in the assessment itself" in page_text(response)
        assert not PersonalInvitation.objects.exists()

    def test_the_number_of_personal_invitations_is_bounded(self, alice_client, draft, settings):
        settings.PERSONAL_INVITATIONS_MAX = 2
        emails = "a@partners.example b@partners.example c@partners.example"
        response = alice_client.post(invitations_url(draft), personal_data(emails))
        assert "at most 2 personal invitations" in page_text(response)
        assert not PersonalInvitation.objects.exists()

    def test_a_mail_server_that_refuses_is_tried_again_later_and_logged(
        self, alice_client, draft, caplog
    ):
        with mock.patch(
            "django.core.mail.backends.locmem.EmailBackend.send_messages",
            side_effect=smtplib.SMTPException("down"),
        ):
            response = alice_client.post(
                invitations_url(draft), personal_data("a@p.example"), follow=True
            )
        assert "could not be sent" not in page_text(response)
        assert PersonalInvitation.objects.get().email == "a@p.example"
        assert "Email not sent, giving up after 1 attempts: personal invitation" in caplog.text

    def test_a_personal_link_answers_once_and_then_forgets_its_address(self, draft):
        [token] = personal_links(draft, "line_officers", 1)
        assert submit(token, perspective="line_officers").status_code == 302
        link = PersonalInvitation.objects.get()
        assert link.used and link.email == ""
        second = submit(token, perspective="line_officers")
        assert second.status_code == 410
        assert "This link has already been used" in page_text(second)
        assert PerspectiveResponse.objects.count() == 1
        response_fields = {f.name for f in PerspectiveResponse._meta.get_fields()}
        assert not {"personal", "personal_invitation", "token", "email"} & response_fields

    def test_a_reminder_goes_with_new_links_to_those_who_have_not_answered(
        self, alice_client, draft
    ):
        emails = "a@partners.example b@partners.example c@partners.example"
        alice_client.post(invitations_url(draft), personal_data(emails))
        first = dict(zip([m.to[0] for m in mail.outbox], emailed_links(), strict=True))
        Client().post(first["a@partners.example"], answers_for("residents"))
        mail.outbox.clear()
        round_ = Invitation.objects.get()
        remind = reverse("invitation_remind", args=[draft.pk, round_.pk])
        text = page_text(alice_client.post(remind, follow=True))
        assert "A reminder is being emailed to everyone in this round who has not answered" in text
        assert not re.search(r"\b2\b.*remind", text)  # never how many were reminded
        assert sorted(m.to[0] for m in mail.outbox) == ["b@partners.example", "c@partners.example"]
        assert mail.outbox[0].subject.startswith("Reminder:")
        assert "This link replaces the one in our earlier email." in mail.outbox[0].body
        assert Client().get(first["b@partners.example"]).status_code == 404
        assert Client().get(emailed_links()[0]).status_code == 200
        again = page_text(alice_client.post(remind, follow=True))
        assert "A reminder already went out today" in again and len(mail.outbox) == 2

    def test_withdrawing_a_round_closes_every_link_in_it(self, alice_client, draft):
        tokens = personal_links(draft, "residents", 2)
        round_ = Invitation.objects.get()
        url = reverse("invitation_revoke", args=[draft.pk, round_.pk])
        assert "Withdraw these personal invitations?" in page_text(alice_client.get(url))
        alice_client.post(url)
        assert all(Client().get(respond_url(t)).status_code == 410 for t in tokens)


@pytest.mark.django_db
class TestAnsweringThroughALink:
    def test_officers_get_their_items_and_the_confidentiality_promise(self, officers):
        text = page_text(Client().get(respond_url(officers)))
        assert "Springfield Police Department" in text
        assert "asks line officers how things look from where you stand" in text
        assert "only once about 10 people have answered" in text
        assert "This is called differential privacy" in text
        assert "We do not record your email address, internet address or device" in text
        hiring = Item.objects.get(slug="culture-hiring-looks-for-community-commitment")
        assert hiring.text in text

    def test_a_personal_link_promises_its_own_minimum_and_one_answer(self, draft):
        [token] = personal_links(draft, "supervisors", 1)
        text = page_text(Client().get(respond_url(token)))
        assert "only once about 10 people have answered" in text
        assert "This link is yours alone: it accepts one set of answers" in text

    def test_the_page_shows_no_log_in_or_sign_up(self, officers):
        text = page_text(Client().get(respond_url(officers)))
        assert "Log in" not in text and "Sign up" not in text
        assert "Español" in text

    def test_invitees_see_what_each_level_looks_like_and_a_plain_note(self, residents):
        text = every_step_text(respond_url(residents))
        promises = Item.objects.get(slug="buy-in-promises-kept")
        assert f"Largely in place {promises.anchor_largely}" in text
        assert "The descriptions are this tool's guidance" in text
        # Invitees are not asked for evidence: it could point to who they are.
        assert "Evidence or note" not in text and promises.evidence_hint not in text
        assert "Note (optional)" in text

    def test_community_partners_get_adapted_wording_and_no_internal_items(self, residents):
        text = every_step_text(respond_url(residents))
        assert "wants to know how its community partners see it" in text
        promises = Item.objects.get(slug="buy-in-promises-kept")
        assert promises.partner_text in text and promises.text not in text
        hiring = Item.objects.get(slug="culture-hiring-looks-for-community-commitment")
        assert hiring.text not in text

    def test_answers_are_stored_once_without_anything_that_identifies_the_person(self, officers):
        response = submit(officers, value="largely")
        assert response.status_code == 302
        assert response["Location"] == reverse("respond_thanks", args=[officers.token]) + "?lang=en"
        stored = PerspectiveResponse.objects.get()
        assert stored.perspective == "line_officers"
        assert isinstance(stored.submitted_on, datetime.date)
        assert not isinstance(stored.submitted_on, datetime.datetime)
        names = {f.name for m in (PerspectiveResponse, PerspectiveAnswer)
                 for f in m._meta.get_fields()}  # fmt: skip
        assert not {n for n in names if "ip" in n.split("_") or "agent" in n or "user" in n}
        assert PerspectiveAnswer.objects.count() == len(items_asked("line_officers"))

    def test_a_logged_in_member_cannot_answer_through_the_agencys_own_links(
        self, alice, bob, draft, officers
    ):
        [token] = personal_links(draft, "command_staff", 1)
        for person in (alice, bob):
            client = client_for(person)
            for url in (respond_url(officers), respond_url(token)):
                response = client.post(url, answers_for("line_officers"))
                assert response.status_code == 403
                assert "This invitation is not for members of the agency" in page_text(response)
        assert not PerspectiveResponse.objects.exists()
        assert not PersonalInvitation.objects.get().used

    def test_someone_logged_in_elsewhere_can_still_answer(self, charlie, officers):
        response = client_for(charlie).post(respond_url(officers), answers_for("line_officers"))
        assert response.status_code == 302

    def test_notes_are_kept_only_with_permission(self, officers):
        item = items_asked("line_officers")[0]
        response = submit(officers, **{f"note-{item.pk}": "We never hear back"})
        assert response.status_code == 200
        assert "check this box to have them quoted" in page_text(response)
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
        assert f"was open until {yesterday:%B %-d, %Y}" in page_text(response)
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


def officers_and_residents(draft, officers: int = 12, residents: int = 6) -> None:
    """Closed rounds: officers rate every statement "not in place"; residents "fully", with a
    note they agree to have quoted (too few residents for their group to be shown)."""
    invitees_answer(draft, "line_officers", ["not_in_place"] * officers)
    item = items_asked("residents")[0]
    invitees_answer(
        draft, "residents", ["fully"] * residents, notes={item: "Residents-only remark"}
    )


def results_text(client, draft) -> str:
    return page_text(client.get(reverse("assessment_results", args=[draft.pk])))


@pytest.mark.django_db
class TestResultsAcrossPerspectives:
    def test_a_perspective_with_too_few_answers_never_shows(self, alice_client, draft, no_noise):
        answer_all(draft, value="fully")
        officers_and_residents(draft)
        text = results_text(alice_client, draft)
        assert "Line officers (about 10 answers, ± " in text
        assert "Not shown yet (an invitation still open, or fewer than about 10 answers): " \
            "Community partners: residents." in text
        assert "Residents-only remark" not in text
        assert "Community partners: residents (" not in text
        export = json.loads(alice_client.get("/assessments/export.json").content)
        [group] = export["assessments"][0]["perspectives"]
        assert (group["perspective"], group["answers"]) == ("Line officers", "about 10")
        perspectives = exported_csv(alice_client)["perspectives"]
        assert {(row["perspective"], row["respondents"]) for row in perspectives} == {
            ("Line officers", "10")
        }
        assert all(float(row["margin"]) > 0 for row in perspectives)
        assert "residents" not in exported_csv_text(alice_client).lower()

    @requires_pdf
    def test_nor_in_the_pdf_which_charts_the_perspectives(self, alice_client, draft, no_noise):
        answer_all(draft, value="fully")
        officers_and_residents(draft)
        text = pdf_text(alice_client.get(reverse("assessment_plan_pdf", args=[draft.pk])).content)
        assert "Line officers (about 10, ± " in text
        assert "Residents-only remark" not in text
        assert "residents (" not in text.lower()
        assert "with random noise (differential privacy)" in " ".join(text.split())

    def test_domain_scores_come_to_the_nearest_5_with_their_margin(
        self, alice_client, draft, no_noise
    ):
        invitees_answer(draft, "line_officers", ["partly"] * 11 + ["fully"] * 9)
        export = json.loads(alice_client.get("/assessments/export.json").content)
        [group] = export["assessments"][0]["perspectives"]
        assert {d["score"] for d in group["domains"]} == {70}  # 72.5 by the exact answers
        assert group["items"] == []  # statement figures wait for about 50 answers
        assert group["margin"] > 0

    def test_perception_gaps_by_domain_show_first_then_statement_by_statement(
        self, alice_client, draft, no_noise
    ):
        answer_all(draft, value="fully")
        invitees_answer(draft, "line_officers", ["not_in_place"] * 12)
        text = results_text(alice_client, draft)
        assert "Buy-in ⚑ perception gap 100 0" in text
        assert "Statement by statement figures appear once about 50 people" in text
        invitees_answer(draft, "line_officers", ["not_in_place"] * 40)
        response = alice_client.get(reverse("assessment_results", args=[draft.pk]))
        text = page_text(response)
        assert "100 of 100 for Your own assessment; 0 for Line officers." in text
        assert "Report suggestion: Hire and promote people who are committed to the community " \
            "(Report, p. 14)" in text
        assert "the 3 widest are here" in text and "20 more perception gaps" in text
        assert "Talk each one through in a joint meeting: ask each side what it sees" in text
        assert "Add a meeting with Line officers to the plan" in text
        html = response.content.decode()
        assert 'class="perspective-chart" role="img"' in html
        assert "Buy-in (perception gap): Your own assessment 100; Line officers 0." in html

    def test_notes_show_without_names_when_their_writers_agreed_to_be_quoted(
        self, alice_client, draft, no_noise
    ):
        item = items_asked("line_officers")[0]
        invitees_answer(draft, "line_officers", ["partly"] * 12, notes={item: "Remark 2"})
        text = results_text(alice_client, draft)
        assert "Line officers, on “" in text and "Remark 2" in text

    def test_the_results_run_a_fixed_number_of_queries_however_many_answered(
        self, alice_client, draft
    ):
        def count() -> int:
            with CaptureQueriesContext(connection) as queries:
                response = alice_client.get(reverse("assessment_results", args=[draft.pk]))
                assert response.status_code == 200
            return len(queries)

        answer_all(draft, value="fully")
        item = items_asked("line_officers")[0]
        invitees_answer(draft, "line_officers", ["not_in_place"] * 12, notes={item: "A remark"})
        count()  # the first page releases the closed round and builds the guidance it keeps
        invitees_answer(draft, "line_officers", ["partly"] * 3, close=False)
        few = count()
        invitees_answer(draft, "line_officers", ["planned"] * 30, close=False,
                        notes={item: "Another remark"})  # fmt: skip
        invitees_answer(draft, "residents", ["partly"] * 3, close=False)
        assert count() == few

    def test_actions_can_be_owned_jointly_with_a_partner(self, alice_client, draft):
        action = ActionItem.objects.create(assessment=draft, title="Joint patrol debriefs",
                                           order=1)  # fmt: skip
        draft.plan_created_at = timezone.now()
        draft.save()
        data = {
            "title": action.title, "partner": "Safe Streets outreach team",
            "status": "not_started",
        }  # fmt: skip
        alice_client.post(reverse("assessment_action_edit", args=[draft.pk, action.pk]), data)
        action.refresh_from_db()
        assert action.partner == "Safe Streets outreach team"


@pytest.mark.django_db
class TestFindingTheInvitations:
    def test_the_owner_reaches_them_from_the_steps_the_list_the_banner_and_the_results(
        self, alice_client, draft
    ):
        url = invitations_url(draft)
        pages = [
            reverse("assessment_section", args=[draft.pk, "buy-in"]),
            reverse("assessment_list"),
            reverse("assessment_results", args=[draft.pk]),
        ]
        for page in pages:
            assert f'href="{url}' in alice_client.get(page).content.decode(), page

    def test_members_are_not_offered_a_page_they_cannot_open(self, bob, draft):
        client = client_for(bob)
        for page in [reverse("assessment_list"), reverse("assessment_results", args=[draft.pk])]:
            assert invitations_url(draft) not in client.get(page).content.decode()
