"""One canonical email address everywhere: log-in, the lockout, sign-up, password reset and
colleague invitations compare the one stored form exactly, so a look-alike spelling (a dotless
ı, U+0131, which PostgreSQL's case-insensitive match takes for an I) is never the same person.
"""

import importlib

import pytest
from django.apps import apps
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from accounts.email_address import canonical_email
from accounts.models import MemberInvitation, User
from accounts.signup import SignupDetails, signup_link_token
from perspectives.models import PersonalInvitation
from tests.html import page_text
from tests.perspectives.test_invitations import invitations_url, personal_data

DOTLESS_I = "\u0131"
ALICE_LOOK_ALIKE = f"al{DOTLESS_I}ce@springfield.example"
EVE_LOOK_ALIKE = f"eve@gu{DOTLESS_I}dance.example"
LONG_ADDRESS = "a" * 300 + "@springfield.example"


def log_in(client: Client, url: str, username: str, password: str):
    return client.post(url, {"username": username, "password": password})


def is_logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


class TestTheCanonicalForm:
    @pytest.mark.parametrize(
        "typed",
        [
            "alice@springfield.example",
            "Alice@Springfield.Example",
            " ALICE@SPRINGFIELD.EXAMPLE ",
            "\talice@springfield.example\n",
        ],
    )
    def test_case_and_surrounding_spaces_make_no_difference(self, typed):
        assert canonical_email(typed) == "alice@springfield.example"

    @pytest.mark.parametrize(
        "typed",
        [
            ALICE_LOOK_ALIKE,  # dotless ı
            "al\u0130ce@springfield.example",  # capital İ with a dot
            "alice@springfield.exampl\u212a",  # KELVIN SIGN, which Python lower-cases to k
            "\uff41lice@springfield.example",  # fullwidth a
            "alice@spr\u0131ngfield.example",  # a look-alike domain
            "jos\u00e9@springfield.example",
        ],
    )
    def test_an_address_with_a_character_outside_ascii_is_refused(self, typed):
        with pytest.raises(ValidationError, match="plain letters"):
            canonical_email(typed)

    def test_an_address_over_254_characters_is_refused(self):
        with pytest.raises(ValidationError, match="254 characters"):
            canonical_email(LONG_ADDRESS)


@pytest.mark.django_db
class TestTheLockout:
    def lock(self, client: Client, url: str, email: str) -> None:
        for _ in range(5):
            log_in(client, url, email, "wrong")
        assert log_in(client, url, email, "wrong").status_code == 429

    def test_a_dotless_i_does_not_open_a_locked_account_on_the_log_in_page(self, alice):
        client = Client()
        self.lock(client, "/accounts/login/", alice.email)
        response = log_in(client, "/accounts/login/", ALICE_LOOK_ALIKE, "alice-password-123")
        assert response.status_code != 302
        assert not is_logged_in(client)

    def test_a_dotless_i_does_not_open_a_locked_account_on_the_admin_log_in(self, eve):
        client = Client()
        self.lock(client, "/admin/login/", eve.email)
        response = log_in(client, "/admin/login/", EVE_LOOK_ALIKE, "eve-password-1234")
        assert response.status_code != 302
        assert not is_logged_in(client)

    def test_a_dotless_i_never_logs_in_even_without_a_lockout(self, alice, eve):
        for url, email, password in [
            ("/accounts/login/", ALICE_LOOK_ALIKE, "alice-password-123"),
            ("/admin/login/", EVE_LOOK_ALIKE, "eve-password-1234"),
        ]:
            client = Client()
            response = log_in(client, url, email, password)
            assert "plain letters" in page_text(response)
            assert not is_logged_in(client)

    @pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/"])
    def test_an_address_over_255_characters_gets_a_clear_error_not_a_server_error(self, db, url):
        client = Client()
        response = log_in(client, url, LONG_ADDRESS, "any-password-1234")
        assert response.status_code == 200
        assert "An email address has at most 254 characters" in page_text(response)
        assert not is_logged_in(client)


@pytest.mark.django_db
class TestLookAlikeSignUp:
    def test_signing_up_with_a_look_alike_emails_nothing_with_the_real_persons_name(self, alice):
        client = Client()
        response = client.post(
            "/accounts/signup/",
            {
                "person-full_name": "Mallory",
                "person-email": ALICE_LOOK_ALIKE,
                "agency-name": "Springfield Police Department",
                "agency-agency_type": "municipal",
                "agency-sworn_officers": "100-249",
                "agency-state": "IL",
                "agency-population_served": "100k-249k",
            },
        )
        assert response.status_code == 200
        assert "plain letters" in page_text(response)
        assert not any("Alice Chief" in message.body for message in mail.outbox)
        assert mail.outbox == []

    def test_a_sign_up_link_for_a_look_alike_creates_no_account(self, alice):
        details = SignupDetails(
            person={"full_name": "Mallory", "email": ALICE_LOOK_ALIKE},
            agency={
                "name": "Springfield Police Department",
                "agency_type": "municipal",
                "sworn_officers": "100-249",
                "state": "IL",
                "population_served": "100k-249k",
            },
        )
        link = f"/accounts/signup/confirm/?token={signup_link_token(details)}"
        password = "mallory-password-123"
        response = Client().post(link, {"password1": password, "password2": password})
        assert response.status_code == 400
        assert list(User.objects.values_list("email", flat=True)) == ["alice@springfield.example"]
        client = Client()
        assert (
            log_in(client, "/accounts/login/", alice.email, "alice-password-123").status_code == 302
        )

    def test_an_address_on_file_is_told_at_the_address_on_file(self, alice):
        Client().post(
            "/accounts/signup/",
            {
                "person-full_name": "Someone",
                "person-email": "ALICE@Springfield.Example",
                "agency-name": "Springfield Police Department",
                "agency-agency_type": "municipal",
                "agency-sworn_officers": "100-249",
                "agency-state": "IL",
                "agency-population_served": "100k-249k",
            },
        )
        assert [message.to for message in mail.outbox] == [["alice@springfield.example"]]


@pytest.mark.django_db
class TestLookAlikeRecipients:
    def test_a_password_reset_for_a_look_alike_emails_nobody(self, alice):
        response = Client().post("/accounts/password_reset/", {"email": ALICE_LOOK_ALIKE})
        assert "plain letters" in page_text(response)
        assert mail.outbox == []

    def test_a_password_reset_goes_to_the_address_on_file(self, alice):
        Client().post("/accounts/password_reset/", {"email": " Alice@SPRINGFIELD.example"})
        assert [message.to for message in mail.outbox] == [["alice@springfield.example"]]

    def test_inviting_a_look_alike_of_a_member_is_refused_and_emails_nobody(
        self, alice_client, bob
    ):
        look_alike = f"bob@spr{DOTLESS_I}ngfield.example"
        response = alice_client.post("/accounts/team/", {"email": look_alike})
        assert "plain letters" in page_text(response)
        assert mail.outbox == [] and not MemberInvitation.objects.exists()

    def test_a_look_alike_of_a_member_is_not_sent_a_personal_invitation(
        self, alice_client, draft, bob
    ):
        look_alike = f"bob@spr{DOTLESS_I}ngfield.example"
        response = alice_client.post(invitations_url(draft), personal_data(look_alike))
        assert f"These are not email addresses: {look_alike}" in page_text(response)
        assert mail.outbox == [] and not PersonalInvitation.objects.exists()

    def test_an_invitation_is_stored_and_sent_in_the_canonical_form(self, alice_client):
        alice_client.post("/accounts/team/", {"email": " Deputy.Ortiz@Springfield.Example "})
        invitation = MemberInvitation.objects.get()
        assert invitation.email == "deputy.ortiz@springfield.example"
        assert [message.to for message in mail.outbox] == [["deputy.ortiz@springfield.example"]]


@pytest.mark.django_db
class TestStoredAddresses:
    def test_every_way_of_creating_a_person_stores_the_canonical_form(self, springfield):
        user = User.objects.create_user(" Dana.Chief@Example.GOV ", "dana-password-123")
        assert user.email == "dana.chief@example.gov"
        other = User(email="Pat@Example.GOV", full_name="Pat")
        other.set_unusable_password()
        other.full_clean()
        assert other.email == "pat@example.gov"

    def test_a_look_alike_person_cannot_be_created(self, alice):
        mallory = User(email=ALICE_LOOK_ALIKE, full_name="Mallory")
        mallory.set_unusable_password()
        with pytest.raises(ValidationError) as refused:
            mallory.full_clean()
        assert "plain letters" in " ".join(refused.value.message_dict["email"])

    def test_log_in_compares_the_stored_form_exactly(self, alice):
        assert User.objects.get_by_natural_key(" ALICE@springfield.example") == alice
        with pytest.raises(User.DoesNotExist):
            User.objects.get_by_natural_key(ALICE_LOOK_ALIKE)


def migration(name: str):
    return importlib.import_module(f"accounts.migrations.{name}")


@pytest.mark.django_db
class TestTheDataMigration:
    def test_stored_addresses_are_converted_and_look_alikes_left_unable_to_log_in(
        self, alice, springfield
    ):
        User.objects.filter(pk=alice.pk).update(email=" Alice@Springfield.Example")
        look_alike = User.objects.create(email=ALICE_LOOK_ALIKE, full_name="Mallory")
        pending = MemberInvitation.objects.create(
            agency=springfield,
            email=f"bob@spr{DOTLESS_I}ngfield.example",
            token_hash="a" * 64,
            expires_at="2099-01-01T00:00Z",
        )
        migration("0006_convert_emails_to_canonical_form").convert_emails(apps, None)
        alice.refresh_from_db()
        look_alike.refresh_from_db()
        pending.refresh_from_db()
        assert alice.email == "alice@springfield.example"
        # Kept for the record, but no log-in can reach it and its sessions end.
        assert look_alike.email == ALICE_LOOK_ALIKE and not look_alike.is_active
        assert pending.withdrawn_at is not None
