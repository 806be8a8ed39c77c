"""Signing up, logging in and out, and passwords."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from accounts.models import Agency, User
from tests.html import page_text

SIGNUP = {
    "person-full_name": "Dana Chief",
    "person-email": "Dana.Chief@Example.gov",
    "agency-name": "Capital City Police Department",
    "agency-agency_type": "municipal",
    "agency-sworn_officers": "250-499",
    "agency-state": "TX",
    "agency-population_served": "250k-499k",
}
PASSWORD = "a long enough passphrase"


def sign_up(client=None, **changes):
    return (client or Client()).post("/accounts/signup/", {**SIGNUP, **changes})


def emailed_link(message) -> str:
    return re.search(r"http://testserver(/accounts/signup/confirm/\S+)", message.body).group(1)


def finish(link: str, client=None, password: str = PASSWORD, again: str | None = None):
    client = client or Client()
    return client.post(link, {"password1": password, "password2": again or password}), client


@pytest.mark.django_db
class TestSignup:
    def test_signing_up_emails_a_link_and_creates_nothing_yet(self):
        client = Client()
        response = sign_up(client)
        assert response.status_code == 302 and response["Location"] == "/accounts/signup/sent/"
        assert "We sent an email to dana.chief@example.gov" in page_text(
            client.get("/accounts/signup/sent/")
        )
        assert [message.to for message in mail.outbox] == [["dana.chief@example.gov"]]
        assert "Capital City Police Department" in mail.outbox[0].body
        assert User.objects.count() == 0 and Agency.objects.count() == 0
        assert client.get("/assessments/").status_code == 302  # nobody is logged in

    def test_the_link_asks_for_a_password_then_creates_the_owner_and_the_agency(self):
        sign_up()
        link = emailed_link(mail.outbox[0])
        client = Client()
        page = client.get(link)
        assert page.status_code == 200
        text = page_text(page)
        assert "dana.chief@example.gov" in text and "Capital City Police Department" in text
        response, client = finish(link, client)
        assert response.status_code == 302 and response["Location"] == "/assessments/"
        user = User.objects.get(email="dana.chief@example.gov")
        assert user.is_agency_owner and user.agency.name == "Capital City Police Department"
        assert user.agency.slug == "capital-city-police-department"
        assert user.check_password(PASSWORD)
        assert client.get("/assessments/").status_code == 200

    def test_a_used_link_creates_nothing_more_and_sends_to_the_log_in(self):
        sign_up()
        link = emailed_link(mail.outbox[0])
        finish(link)
        response, _ = finish(link)
        assert response.status_code == 200
        assert "Your account is already set up" in page_text(response)
        assert User.objects.count() == 1 and Agency.objects.count() == 1

    def test_a_tampered_or_expired_link_is_refused(self, settings):
        sign_up()
        link = emailed_link(mail.outbox[0])
        tampered = link[:-3] + ("abc" if not link.endswith("abc") else "xyz")
        assert "This link has expired or is not valid" in page_text(Client().get(tampered))
        settings.PASSWORD_RESET_TIMEOUT = -1
        response = Client().get(link)
        assert "This link has expired or is not valid" in page_text(response)
        assert finish(link)[0].status_code == 400
        assert User.objects.count() == 0

    def test_two_agencies_with_the_same_name_get_different_short_names(self):
        sign_up()
        sign_up(**{"person-email": "other@example.gov"})
        for message in mail.outbox:
            finish(emailed_link(message))
        assert sorted(Agency.objects.values_list("slug", flat=True)) == [
            "capital-city-police-department",
            "capital-city-police-department-2",
        ]

    def test_an_email_already_used_answers_exactly_as_a_new_one_and_tells_its_owner(self, alice):
        new, taken = Client(), Client()
        new_response = sign_up(new, **{"person-email": "new.chief@example.gov"})
        taken_response = sign_up(taken, **{"person-email": " ALICE@springfield.example"})
        assert (taken_response.status_code, taken_response["Location"]) == (
            new_response.status_code,
            new_response["Location"],
        )
        new_page = page_text(new.get("/accounts/signup/sent/"))
        taken_page = page_text(taken.get("/accounts/signup/sent/"))
        assert taken_page == new_page.replace("new.chief@example.gov", "alice@springfield.example")
        assert taken.get("/assessments/").status_code == 302
        to_alice = [m for m in mail.outbox if m.to == ["alice@springfield.example"]]
        assert len(to_alice) == 1
        assert "already has an account" in to_alice[0].body
        assert "/accounts/login/" in to_alice[0].body
        assert "/accounts/password_reset/" in to_alice[0].body
        assert "/accounts/signup/confirm/" not in to_alice[0].body
        assert not Agency.objects.filter(name=SIGNUP["agency-name"]).exists()

    def test_mismatched_and_weak_passwords_get_messages_on_their_fields(self):
        sign_up()
        link = emailed_link(mail.outbox[0])
        response, _ = finish(link, password="a long enough passphrase", again="another one")
        assert response.context["form"].errors["password2"] == ["The two passwords do not match."]
        response, _ = finish(link, password="password")
        assert "too short" in " ".join(response.context["form"].errors["password1"])
        response, _ = finish(link, password="Dana.Chief@Example.gov")
        assert "too similar" in " ".join(response.context["form"].errors["password1"])
        assert User.objects.count() == 0

    def test_a_tampered_agency_type_is_refused(self):
        response = sign_up(**{"agency-agency_type": "army"})
        assert "agency_type" in response.context["agency_form"].errors
        assert "Please correct the following" in page_text(response)
        assert mail.outbox == []


def from_address(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


@pytest.mark.django_db
class TestThrottling:
    def test_ten_sign_ups_an_hour_from_one_client_then_a_clear_refusal_that_keeps_the_form(self):
        client = from_address("203.0.113.5")
        for n in range(10):
            assert sign_up(client, **{"person-email": f"chief{n}@example.gov"}).status_code == 302
        response = sign_up(client, **{"person-email": "chief10@example.gov"})
        assert response.status_code == 429
        assert "Too many sign-ups from your network in the last hour" in page_text(response)
        assert 'value="chief10@example.gov"' in response.content.decode()
        assert len(mail.outbox) == 10
        # Another client is not affected.
        other = sign_up(from_address("198.51.100.7"), **{"person-email": "x@example.gov"})
        assert other.status_code == 302

    def test_five_emails_an_hour_to_one_address_then_the_same_answer_and_no_email(self, alice):
        for n in range(3):
            reset = from_address(f"203.0.113.{n}").post(
                "/accounts/password_reset/", {"email": alice.email}
            )
            assert reset.status_code == 302
        for n in range(3, 6):
            response = sign_up(from_address(f"203.0.113.{n}"), **{"person-email": alice.email})
            assert response.status_code == 302
            assert response["Location"] == "/accounts/signup/sent/"
        reset = from_address("203.0.113.9").post(
            "/accounts/password_reset/", {"email": alice.email.upper()}
        )
        assert (reset.status_code, reset["Location"]) == (302, "/accounts/password_reset/done/")
        assert len(mail.outbox) == 5

    def test_a_new_address_is_counted_as_an_existing_one_is(self, alice):
        for n in range(6):
            sign_up(from_address(f"203.0.113.{n}"), **{"person-email": "new@example.gov"})
        assert len(mail.outbox) == 5

    def test_ten_password_resets_an_hour_from_one_client_then_a_clear_refusal(self, alice):
        client = from_address("203.0.113.5")
        for n in range(10):
            response = client.post("/accounts/password_reset/", {"email": f"p{n}@example.gov"})
            assert response.status_code == 302
        response = client.post("/accounts/password_reset/", {"email": alice.email})
        assert response.status_code == 429
        assert "Too many password-reset requests from your network" in page_text(response)
        assert mail.outbox == []


@pytest.mark.django_db
class TestLogin:
    def test_email_is_matched_regardless_of_case(self, alice):
        client = Client()
        response = client.post(
            "/accounts/login/",
            {"username": "Alice@Springfield.example", "password": "alice-password-123"},
        )
        assert response.status_code == 302
        assert client.get("/assessments/").status_code == 200

    def test_a_wrong_password_gets_a_message_and_no_session(self, alice):
        client = Client()
        response = client.post(
            "/accounts/login/", {"username": alice.email, "password": "wrong-password"}
        )
        assert "Please enter a correct email address and password" in page_text(response)
        assert client.get("/assessments/").status_code == 302

    def test_logging_out_needs_a_post_and_ends_the_session(self, alice_client):
        response = alice_client.post("/accounts/logout/")
        assert response.status_code == 302
        assert alice_client.get("/assessments/").status_code == 302

    def test_an_anonymous_visitor_is_sent_to_log_in(self):
        response = Client().get("/assessments/")
        assert response.status_code == 302
        assert response["Location"] == "/accounts/login/?next=/assessments/"


@pytest.mark.django_db
class TestPasswords:
    def test_a_reset_link_is_emailed_and_sets_a_new_password(self, alice):
        client = Client()
        client.post("/accounts/password_reset/", {"email": alice.email})
        assert len(mail.outbox) == 1
        link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
        form_page = client.get(link, follow=True)
        client.post(
            form_page.redirect_chain[-1][0],
            {"new_password1": "a brand new passphrase", "new_password2": "a brand new passphrase"},
        )
        alice.refresh_from_db()
        assert alice.check_password("a brand new passphrase")

    def test_an_unknown_address_gets_the_same_answer_and_no_email(self, db):
        response = Client().post("/accounts/password_reset/", {"email": "nobody@example.gov"})
        assert response.status_code == 302
        assert mail.outbox == []

    def test_a_person_can_change_their_password(self, alice, alice_client):
        alice_client.post(
            "/accounts/password_change/",
            {
                "old_password": "alice-password-123",
                "new_password1": "another long passphrase",
                "new_password2": "another long passphrase",
            },
        )
        alice.refresh_from_db()
        assert alice.check_password("another long passphrase")


@pytest.mark.django_db
class TestAgencyMembersLimit:
    def test_a_full_agency_takes_no_one_else(self, alice, bob, charlie, settings):
        settings.AGENCY_MEMBERS_MAX = 2
        charlie.agency = alice.agency
        with pytest.raises(ValidationError) as refused:
            charlie.full_clean()
        assert refused.value.message_dict["agency"] == [
            "Springfield Police Department already has 2 members, the most an agency can have."
        ]

    def test_members_of_a_full_agency_can_still_be_edited(self, alice, bob, settings):
        settings.AGENCY_MEMBERS_MAX = 2
        bob.full_name = "Bob Deputy Chief"
        bob.full_clean()

    def test_the_admin_says_so_on_the_agency_field(self, alice, bob, charlie, root, settings):
        settings.AGENCY_MEMBERS_MAX = 2
        client = Client()
        client.force_login(root)
        url = f"/admin/accounts/user/{charlie.pk}/change/"
        page = client.get(url)
        data = {
            "email": charlie.email,
            "full_name": charlie.full_name,
            "agency": alice.agency_id,
            "is_active": "on",
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": page.context["adminform"].form["date_joined"].value().date(),
            "date_joined_1": "12:00:00",
        }
        response = client.post(url, data)
        assert response.status_code == 200
        assert "already has 2 members, the most an agency can have" in page_text(response)
        charlie.refresh_from_db()
        assert charlie.agency.name == "Shelbyville Police Department"
