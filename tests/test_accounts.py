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
    "person-password1": "a long enough passphrase",
    "person-password2": "a long enough passphrase",
    "agency-name": "Capital City Police Department",
    "agency-agency_type": "municipal",
    "agency-sworn_officers": "250-499",
    "agency-state": "TX",
    "agency-population_served": "250k-499k",
}


@pytest.mark.django_db
class TestSignup:
    def test_it_creates_the_person_as_owner_of_a_new_agency_and_logs_them_in(self):
        client = Client()
        response = client.post("/accounts/signup/", SIGNUP)
        assert response.status_code == 302 and response["Location"] == "/assessments/"
        user = User.objects.get(email="dana.chief@example.gov")
        assert user.is_agency_owner and user.agency.name == "Capital City Police Department"
        assert user.agency.slug == "capital-city-police-department"
        assert client.get("/assessments/").status_code == 200

    def test_two_agencies_with_the_same_name_get_different_short_names(self):
        Client().post("/accounts/signup/", SIGNUP)
        Client().post("/accounts/signup/", {**SIGNUP, "person-email": "other@example.gov"})
        assert sorted(Agency.objects.values_list("slug", flat=True)) == [
            "capital-city-police-department",
            "capital-city-police-department-2",
        ]

    def test_an_email_already_used_in_any_case_is_refused_and_nothing_is_created(self, alice):
        response = Client().post(
            "/accounts/signup/", {**SIGNUP, "person-email": "ALICE@springfield.example"}
        )
        assert response.status_code == 200
        assert "An account with this email address already exists" in page_text(response)
        assert not Agency.objects.filter(name=SIGNUP["agency-name"]).exists()

    def test_mismatched_and_weak_passwords_get_messages_on_their_fields(self):
        response = Client().post(
            "/accounts/signup/",
            {**SIGNUP, "person-password1": "12345678", "person-password2": "12345679"},
        )
        assert response.context["person_form"].errors["password2"] == [
            "The two passwords do not match."
        ]
        response = Client().post(
            "/accounts/signup/",
            {**SIGNUP, "person-password1": "password", "person-password2": "password"},
        )
        assert "too short" in " ".join(response.context["person_form"].errors["password1"])
        assert User.objects.count() == 0

    def test_a_tampered_agency_type_is_refused(self):
        response = Client().post("/accounts/signup/", {**SIGNUP, "agency-agency_type": "army"})
        assert "agency_type" in response.context["agency_form"].errors
        assert "Please correct the following" in page_text(response)
        assert User.objects.count() == 0


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
