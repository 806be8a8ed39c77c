"""The agency's team: owners invite colleagues by email, remove members and hand ownership on."""

import re
import smtplib
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.membership import token_digest
from accounts.models import AgencyEvent, MemberInvitation, User
from tests.conftest import client_for
from tests.html import page_text

TEAM = "/accounts/team/"
NEWCOMER = {
    "full_name": "Dana Deputy",
    "password1": "a long passphrase",
    "password2": "a long passphrase",
}


def invite(client, email: str = "dana@springfield.example"):
    return client.post(TEAM, {"email": email}, follow=True)


def emailed_link(n: int = -1) -> str:
    return re.search(r"http://testserver(/accounts/join/\S+/)", mail.outbox[n].body).group(1)


@pytest.mark.django_db
class TestInviting:
    def test_the_owner_invites_a_colleague_by_email_and_sees_the_invitation_waiting(
        self, alice_client
    ):
        response = invite(alice_client)
        assert "An invitation is being emailed to dana@springfield.example" in page_text(response)
        [email] = mail.outbox
        assert email.to == ["dana@springfield.example"]
        assert "Alice Chief invites you to join Springfield Police Department" in email.body
        assert "Invitations waiting for an answer dana@springfield.example" in page_text(
            alice_client.get(TEAM)
        )

    def test_only_a_fingerprint_of_the_link_is_stored(self, alice_client):
        invite(alice_client)
        token = emailed_link().split("/")[-2]
        invitation = MemberInvitation.objects.get()
        assert invitation.token_hash == token_digest(token)
        stored = " ".join(str(v) for v in MemberInvitation.objects.values().get().values())
        assert token not in stored

    def test_inviting_the_same_address_again_sends_a_new_link_and_the_old_one_stops_working(
        self, alice_client
    ):
        invite(alice_client)
        first = emailed_link()
        invite(alice_client, "Dana@Springfield.example")
        second = emailed_link()
        assert MemberInvitation.objects.count() == 1 and first != second
        assert Client().get(first).status_code == 404
        assert Client().get(second).status_code == 200

    def test_a_member_cannot_be_invited_twice(self, alice_client, bob):
        response = invite(alice_client, bob.email)
        assert "bob@springfield.example is already a member" in page_text(response)
        assert not MemberInvitation.objects.exists() and mail.outbox == []

    def test_the_team_is_bounded(self, alice_client, bob, settings):
        settings.AGENCY_MEMBERS_MAX = 3
        invite(alice_client, "one@springfield.example")
        response = invite(alice_client, "two@springfield.example")
        assert "has reached its limit of 3 members and pending invitations" in page_text(response)
        assert MemberInvitation.objects.count() == 1

    def test_a_mail_server_that_refuses_is_tried_again_later_and_logged(
        self, alice_client, caplog
    ):
        with mock.patch(
            "django.core.mail.backends.locmem.EmailBackend.send_messages",
            side_effect=smtplib.SMTPException("down"),
        ):
            response = invite(alice_client)
        # The page does not wait for the mail server: it says nothing of it.
        assert "could not be sent" not in page_text(response)
        assert MemberInvitation.objects.exists()
        assert "Email not sent, giving up after 1 attempts: colleague's invitation" in caplog.text

    def test_a_bad_address_is_refused_on_its_field(self, alice_client):
        response = alice_client.post(TEAM, {"email": "not an address"})
        assert "Enter a valid email address." in page_text(response)
        assert "Please correct the following" in page_text(response)
        assert not MemberInvitation.objects.exists()

    def test_withdrawing_an_invitation_stops_its_link(self, alice_client):
        invite(alice_client)
        link = emailed_link()
        invitation = MemberInvitation.objects.get()
        alice_client.post(reverse("member_invitation_withdraw", args=[invitation.pk]))
        response = Client().get(link)
        assert response.status_code == 410
        assert "withdrew this invitation" in page_text(response)

    def test_only_owners_manage_the_team(self, bob, alice_client):
        invite(alice_client)
        invitation = MemberInvitation.objects.get()
        bob_client = client_for(bob)
        response = bob_client.get(TEAM)
        assert response.status_code == 403
        assert "ask Alice Chief" in page_text(response)
        for url in [
            reverse("member_invitation_withdraw", args=[invitation.pk]),
            reverse("member_invitation_resend", args=[invitation.pk]),
        ]:
            assert bob_client.post(url).status_code == 403
        invitation.refresh_from_db()
        assert invitation.withdrawn_at is None

    def test_another_agency_cannot_touch_this_team(self, charlie_client, alice_client, bob):
        invite(alice_client)
        invitation = MemberInvitation.objects.get()
        for url in [
            reverse("member_invitation_withdraw", args=[invitation.pk]),
            reverse("member_invitation_resend", args=[invitation.pk]),
            reverse("member_remove", args=[bob.pk]),
            reverse("member_make_owner", args=[bob.pk]),
            reverse("owner_make_member", args=[bob.pk]),
        ]:
            assert charlie_client.post(url).status_code == 404, url
        bob.refresh_from_db()
        assert bob.agency is not None and not bob.is_agency_owner


@pytest.mark.django_db
class TestAccepting:
    def test_a_newcomer_creates_an_account_in_the_agency_and_sees_its_assessments(
        self, alice_client, draft
    ):
        invite(alice_client)
        link = emailed_link()
        newcomer = Client()
        assert "Create your account" in page_text(newcomer.get(link))
        response = newcomer.post(link, NEWCOMER, follow=True)
        assert "Welcome to Springfield Police Department" in page_text(response)
        dana = User.objects.get(email="dana@springfield.example")
        assert dana.agency == draft.agency and not dana.is_agency_owner
        assert str(draft.pk) in newcomer.get("/assessments/").content.decode()
        assert AgencyEvent.objects.filter(action="joined", actor=dana).exists()

    def test_a_link_works_once(self, alice_client):
        invite(alice_client)
        link = emailed_link()
        Client().post(link, NEWCOMER)
        response = Client().get(link)
        assert response.status_code == 410
        assert "was already accepted" in page_text(response)

    def test_an_expired_link_is_refused_until_it_is_sent_again(self, alice_client):
        invite(alice_client)
        link = emailed_link()
        MemberInvitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
        response = Client().get(link)
        assert response.status_code == 410
        assert "expired on" in page_text(response)
        assert "Expired" in page_text(alice_client.get(TEAM))
        invitation = MemberInvitation.objects.get()
        alice_client.post(reverse("member_invitation_resend", args=[invitation.pk]))
        assert Client().get(link).status_code == 404
        assert Client().get(emailed_link()).status_code == 200

    def test_an_existing_account_with_the_address_is_asked_to_log_in_then_joins(
        self, alice_client, draft
    ):
        dana = User.objects.create_user(
            "dana@springfield.example", "dana-password-123", full_name="Dana"
        )
        invite(alice_client)
        link = emailed_link()
        response = Client().get(link)
        assert "An account with this address exists" in page_text(response)
        assert f"/accounts/login/?next={link}" in response.content.decode()
        dana_client = client_for(dana)
        assert "Join Springfield Police Department" in page_text(dana_client.get(link))
        dana_client.post(link)
        dana.refresh_from_db()
        assert dana.agency == draft.agency

    def test_the_wrong_account_is_refused_clearly_and_nothing_changes(self, alice_client, charlie):
        invite(alice_client)
        link = emailed_link()
        response = client_for(charlie).post(link)
        assert response.status_code == 403
        assert (
            "This invitation is for dana@springfield.example, and you are logged in as "
            "charlie@shelbyville.example" in page_text(response)
        )
        charlie.refresh_from_db()
        assert charlie.agency.name == "Shelbyville Police Department"
        assert MemberInvitation.objects.get().accepted_at is None

    def test_a_member_of_another_agency_must_leave_it_first(self, alice_client, charlie):
        invite(alice_client, charlie.email)
        response = client_for(charlie).post(emailed_link())
        assert response.status_code == 403
        assert "You belong to Shelbyville Police Department" in page_text(response)
        charlie.refresh_from_db()
        assert charlie.agency.name == "Shelbyville Police Department"

    def test_an_unknown_link_is_not_found(self, db):
        response = Client().get("/accounts/join/" + "A" * 43 + "/")
        assert response.status_code == 404
        assert "This invitation link is not valid" in page_text(response)


@pytest.mark.django_db
class TestRemovalAndOwnership:
    def test_removing_a_member_cuts_their_access_at_their_next_request(
        self, alice_client, bob, draft
    ):
        bob_client = client_for(bob)
        results = reverse("assessment_results", args=[draft.pk])
        assert bob_client.get(results).status_code == 200
        url = reverse("member_remove", args=[bob.pk])
        assert "Remove Bob Deputy from Springfield Police Department?" in page_text(
            alice_client.get(url)
        )
        alice_client.post(url)
        response = bob_client.get(results)
        assert response.status_code == 403
        assert "not linked to an agency" in page_text(response)
        assert "Bob Deputy (bob@springfield.example)" in page_text(alice_client.get(TEAM))

    def test_the_last_owner_can_neither_leave_nor_be_removed(self, alice, alice_client, bob):
        response = alice_client.get(reverse("agency_leave"))
        assert "You are the agency's only owner" in page_text(response)
        response = alice_client.post(reverse("agency_leave"), follow=True)
        assert "You are the only owner of Springfield Police Department" in page_text(response)
        alice.refresh_from_db()
        assert alice.agency is not None and alice.is_agency_owner

    def test_making_a_member_an_owner_keeps_the_giver_an_owner(self, alice, alice_client, bob):
        response = alice_client.post(reverse("member_make_owner", args=[bob.pk]), follow=True)
        assert "Bob Deputy is now an owner of Springfield Police Department, as you are." in (
            page_text(response)
        )
        alice.refresh_from_db()
        bob.refresh_from_db()
        assert bob.is_agency_owner and alice.is_agency_owner
        assert client_for(bob).get(TEAM).status_code == 200
        assert alice_client.get(TEAM).status_code == 200
        event = AgencyEvent.objects.get(action="made_owner")
        assert (event.actor, event.subject) == (alice, "Bob Deputy (bob@springfield.example)")
        assert "Alice Chief (alice@springfield.example). Made an owner: Bob Deputy" in page_text(
            alice_client.get(TEAM)
        )
        # With another owner, Alice may leave: Bob owns the agency.
        alice_client.post(reverse("agency_leave"))
        alice.refresh_from_db()
        assert alice.agency is None

    def test_an_owner_can_step_down_but_never_the_last_one(self, alice, alice_client, bob):
        step_down = reverse("owner_make_member", args=[alice.pk])
        assert "You are the agency's only owner" in page_text(alice_client.get(step_down))
        response = alice_client.post(step_down, follow=True)
        assert "You are the only owner of Springfield Police Department" in page_text(response)
        alice.refresh_from_db()
        assert alice.is_agency_owner
        alice_client.post(reverse("member_make_owner", args=[bob.pk]))
        response = alice_client.post(step_down, follow=True)
        assert "You are now a member of Springfield Police Department, not an owner." in (
            page_text(response)
        )
        alice.refresh_from_db()
        assert not alice.is_agency_owner
        assert AgencyEvent.objects.filter(action="owner_made_member", actor=alice).exists()
        bob_client = client_for(bob)
        response = bob_client.post(reverse("owner_make_member", args=[bob.pk]), follow=True)
        assert "You are the only owner" in page_text(response)

    def test_an_owner_can_make_another_owner_a_member(self, alice, alice_client, bob):
        alice_client.post(reverse("member_make_owner", args=[bob.pk]))
        alice_client.post(reverse("owner_make_member", args=[bob.pk]))
        bob.refresh_from_db()
        assert not bob.is_agency_owner and bob.agency is not None
        assert "No longer an owner: Bob Deputy" in page_text(alice_client.get(TEAM))

    def test_a_member_cannot_change_who_owns_the_agency(self, alice, bob):
        response = client_for(bob).post(reverse("owner_make_member", args=[alice.pk]))
        assert response.status_code == 403
        alice.refresh_from_db()
        assert alice.is_agency_owner

    def test_a_member_can_leave(self, bob):
        client_for(bob).post(reverse("agency_leave"))
        bob.refresh_from_db()
        assert bob.agency is None
        assert AgencyEvent.objects.filter(action="left", actor_name__contains="Bob").exists()

    def test_every_change_is_shown_to_the_owner_with_who_and_when(self, alice_client, bob):
        invite(alice_client)
        alice_client.post(reverse("member_remove", args=[bob.pk]))
        text = page_text(alice_client.get(TEAM))
        assert "Alice Chief (alice@springfield.example). Removed a member: Bob Deputy" in text
        assert "Alice Chief (alice@springfield.example). Invited a colleague: dana@" in text
        assert f"{timezone.localdate():%B} " in text

    def test_the_team_page_runs_a_fixed_number_of_queries(self, alice, alice_client, springfield):
        def count() -> int:
            with CaptureQueriesContext(connection) as queries:
                assert alice_client.get(TEAM).status_code == 200
            return len(queries)

        few = count()
        for n in range(10):
            User.objects.create_user(f"m{n}@springfield.example", "member-password-1",
                                     full_name=f"Member {n}", agency=springfield)  # fmt: skip
            invite(alice_client, f"new{n}@springfield.example")
        assert count() == few
