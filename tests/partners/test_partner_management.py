"""The agency's partner organizations: the list, adding, changing and removing them (owners
only), their personal links (emailed, only a fingerprint kept, withdrawn, renewed), and the
invitations sent to a partner's people."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partners.links import token_digest
from partners.models import PartnerInvitation, PartnerLink, SharingGuidelines
from perspectives.models import Invitation
from plans.models import ActionItem, PartnerOrganization
from tests.conftest import client_for
from tests.factories import partner_link
from tests.html import page_text

pytestmark = pytest.mark.django_db

NEW_PARTNER = {
    "name": "Mercy Hospital Violence Intervention",
    "kind": "hospital",
    "contact_name": "Dr. Lee",
    "contact_email": "lee@mercy.example",
}


def detail_url(partner) -> str:
    return reverse("partner_detail", args=[partner.pk])


class TestTheListOfPartners:
    def test_a_member_sees_the_agencys_partners_and_not_another_agencys(
        self, bob, safe_streets, charlie
    ):
        PartnerOrganization.objects.create(agency=charlie.agency, name="Shelbyville Outreach")
        text = page_text(client_for(bob).get(reverse("partner_list")))
        assert "Safe Streets Springfield" in text and "Shelbyville Outreach" not in text
        assert "Add a partner organization" not in text
        assert "Only your agency's owner can add" in text

    def test_the_list_takes_the_same_queries_for_one_partner_or_ten(
        self, alice_client, safe_streets, draft
    ):
        def count() -> int:
            with CaptureQueriesContext(connection) as queries:
                assert alice_client.get(reverse("partner_list")).status_code == 200
            return len(queries)

        partner_link(safe_streets)
        one = count()
        draft.plan_created_at = draft.created_at
        draft.save()
        for n in range(9):
            partner = PartnerOrganization.objects.create(agency=draft.agency, name=f"Partner {n}")
            partner_link(partner)
            ActionItem.objects.create(assessment=draft, title=f"A{n}", partner_organization=partner)
        assert count() == one


class TestAddingChangingAndRemoving:
    def test_an_owner_adds_a_partner(self, alice_client, springfield):
        response = alice_client.post(reverse("partner_add"), NEW_PARTNER)
        partner = PartnerOrganization.objects.get(name=NEW_PARTNER["name"])
        assert response["Location"] == detail_url(partner)
        assert partner.agency == springfield and partner.kind == "hospital"

    def test_a_member_may_not_add_change_or_remove(self, alice, bob, safe_streets):
        client = client_for(bob)
        for url in [
            reverse("partner_add"),
            reverse("partner_edit", args=[safe_streets.pk]),
            reverse("partner_remove", args=[safe_streets.pk]),
            reverse("partner_link", args=[safe_streets.pk]),
            reverse("partner_link_withdraw", args=[safe_streets.pk]),
            reverse("partner_invitations", args=[safe_streets.pk]),
        ]:
            response = client.post(url, NEW_PARTNER)
            assert response.status_code == 403, url
            assert "Alice Chief" in page_text(response)
        assert PartnerOrganization.objects.count() == 1
        assert not PartnerLink.objects.exists() and not mail.outbox

    def test_a_second_partner_of_the_same_name_is_refused_with_a_message(
        self, alice_client, safe_streets
    ):
        response = alice_client.post(
            reverse("partner_add"), {**NEW_PARTNER, "name": "safe streets  springfield"}
        )
        assert response.status_code == 200
        assert "already has a partner named safe streets springfield" in page_text(response)
        assert PartnerOrganization.objects.count() == 1

    def test_a_tampered_kind_or_a_bad_address_changes_nothing(self, alice_client, safe_streets):
        url = reverse("partner_edit", args=[safe_streets.pk])
        response = alice_client.post(
            url, {**NEW_PARTNER, "kind": "police", "contact_email": "not-an-address"}
        )
        text = page_text(response)
        assert text.startswith("Error:")
        assert "Choose one of the listed kinds." in text
        assert "Enter a valid email address." in text
        safe_streets.refresh_from_db()
        assert safe_streets.name == "Safe Streets Springfield"

    def test_the_number_of_partners_is_limited(self, alice_client, springfield, settings):
        settings.PARTNERS_PER_AGENCY_MAX = 1
        PartnerOrganization.objects.create(agency=springfield, name="First")
        response = alice_client.post(reverse("partner_add"), NEW_PARTNER)
        assert "has 1 partner organizations, the most it can record" in page_text(response)
        assert PartnerOrganization.objects.count() == 1

    def test_removing_a_partner_keeps_its_actions_and_ends_its_link(
        self, alice_client, safe_streets, draft
    ):
        token = partner_link(safe_streets)
        action = ActionItem.objects.create(
            assessment=draft, title="Joint walk", partner_organization=safe_streets
        )
        SharingGuidelines.objects.create(partner=safe_streets)
        alice_client.post(reverse("partner_remove", args=[safe_streets.pk]))
        assert not PartnerOrganization.objects.exists()
        assert not SharingGuidelines.objects.exists()
        action.refresh_from_db()
        assert action.partner_organization is None
        assert Client().get(reverse("partner_page", args=[token])).status_code == 404


class TestAnotherAgency:
    @pytest.mark.parametrize(
        "name",
        [
            "partner_detail",
            "partner_edit",
            "partner_remove",
            "partner_link",
            "partner_link_withdraw",
            "partner_invitations",
            "partner_guidelines",
            "partner_guidelines_agree",
            "partner_guidelines_docx",
            "partner_guidelines_pdf",
        ],
    )
    def test_charlie_gets_404_on_every_page_of_springfields_partner(
        self, charlie_client, safe_streets, name
    ):
        url = reverse(name, args=[safe_streets.pk])
        assert charlie_client.get(url).status_code == 404
        assert charlie_client.post(url, NEW_PARTNER).status_code == 404
        safe_streets.refresh_from_db()
        assert safe_streets.name == "Safe Streets Springfield"


class TestThePersonalLink:
    def send(self, client, partner, language="en"):
        return client.post(reverse("partner_link", args=[partner.pk]), {"language": language})

    def test_it_is_emailed_to_the_contact_and_only_its_fingerprint_is_kept(
        self, alice_client, safe_streets
    ):
        response = self.send(alice_client, safe_streets)
        assert response.status_code == 302
        [email] = mail.outbox
        assert email.to == ["dana@safestreets.example"]
        assert "Safe Streets Springfield and Springfield Police Department" in email.subject
        token = re.search(r"/partner/([\w-]+)/", email.body).group(1)
        link = PartnerLink.objects.get()
        assert link.token_hash == token_digest(token) and token not in link.token_hash
        page = page_text(alice_client.get(detail_url(safe_streets)))
        assert token not in page and "Sent to dana@safestreets.example" in page
        assert Client().get(reverse("partner_page", args=[token])).status_code == 200

    def test_a_spanish_link_is_emailed_in_spanish(self, alice_client, safe_streets):
        self.send(alice_client, safe_streets, "es")
        [email] = mail.outbox
        assert "su página" in email.subject
        assert "Hola Dana Reyes" in email.body and "no lo reenvíe" in email.body

    def test_a_new_link_ends_the_one_before(self, alice_client, safe_streets):
        self.send(alice_client, safe_streets)
        self.send(alice_client, safe_streets)
        first, second = (re.search(r"/partner/([\w-]+)/", m.body).group(1) for m in mail.outbox)
        assert Client().get(reverse("partner_page", args=[first])).status_code == 410
        assert Client().get(reverse("partner_page", args=[second])).status_code == 200
        assert PartnerLink.objects.filter(revoked_at=None).count() == 1

    def test_without_a_contact_address_nothing_is_sent(self, alice_client, safe_streets):
        PartnerOrganization.objects.filter(pk=safe_streets.pk).update(contact_email="")
        response = self.send(alice_client, safe_streets)
        assert response.status_code == 400
        assert "Add a contact's email address for Safe Streets Springfield first" in page_text(
            response
        )
        assert not PartnerLink.objects.exists() and not mail.outbox

    def test_the_page_says_it_is_on_its_way_and_the_worker_sends_it(
        self, alice_client, safe_streets
    ):
        response = self.send(alice_client, safe_streets)
        assert "A personal link is on its way to dana@safestreets.example" in page_text(
            alice_client.get(response["Location"])
        )
        assert len(mail.outbox) == 1  # sent by the task (immediately, in tests)

    def test_when_the_email_fails_the_earlier_link_keeps_working(
        self, alice_client, safe_streets, settings, caplog
    ):
        token = partner_link(safe_streets)
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
        self.send(alice_client, safe_streets)
        assert "Email not sent, giving up after" in caplog.text
        assert PartnerLink.objects.count() == 1
        assert Client().get(reverse("partner_page", args=[token])).status_code == 200

    def test_past_the_daily_limit_for_the_address_nothing_is_sent(
        self, alice_client, safe_streets, settings
    ):
        settings.INVITATION_EMAILS_PER_ADDRESS_DAILY = 2
        for _ in range(2):
            assert self.send(alice_client, safe_streets).status_code == 302
        response = self.send(alice_client, safe_streets)
        assert response.status_code == 400
        assert "dana@safestreets.example was already emailed 2 times today" in page_text(
            response
        )
        assert len(mail.outbox) == 2 and PartnerLink.objects.filter(revoked_at=None).count() == 1

    def test_a_tampered_language_changes_nothing(self, alice_client, safe_streets):
        response = self.send(alice_client, safe_streets, "fr")
        assert "Choose English or Spanish." in page_text(response)
        assert not PartnerLink.objects.exists()

    def test_withdrawing_the_link_closes_the_page(self, alice_client, safe_streets):
        token = partner_link(safe_streets)
        url = reverse("partner_link_withdraw", args=[safe_streets.pk])
        assert "Withdraw Safe Streets Springfield's link?" in page_text(alice_client.get(url))
        alice_client.post(url)
        response = Client().get(reverse("partner_page", args=[token]))
        assert response.status_code == 410
        assert "withdrew this link" in page_text(response)


class TestInvitationsSentToAPartnersPeople:
    def test_an_owner_ties_a_community_partner_invitation_to_the_partner(
        self, alice_client, safe_streets, draft
    ):
        residents = Invitation.objects.create(assessment=draft, perspective="residents")
        Invitation.objects.create(assessment=draft, perspective="line_officers")
        page = page_text(alice_client.get(detail_url(safe_streets)))
        assert "Community partners: residents" in page and "Line officers" not in page
        alice_client.post(
            reverse("partner_invitations", args=[safe_streets.pk]), {"invitations": [residents.pk]}
        )
        assert PartnerInvitation.objects.get().invitation == residents

    def test_another_agencys_invitation_cannot_be_tied(self, alice_client, safe_streets, charlie):
        from questionnaire.models import Assessment

        theirs = Invitation.objects.create(
            assessment=Assessment.objects.create(agency=charlie.agency, created_by=charlie),
            perspective="residents",
        )
        response = alice_client.post(
            reverse("partner_invitations", args=[safe_streets.pk]), {"invitations": [theirs.pk]}
        )
        assert response.status_code == 400
        assert not PartnerInvitation.objects.exists()
