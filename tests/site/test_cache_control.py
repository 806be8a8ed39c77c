"""No browser or proxy keeps a private page: every response to someone logged in, and every
page reached through a link that carries a secret, says Cache-Control: no-store. Public pages
stay cacheable."""

import re

import pytest
from django.core import mail
from django.test import Client

from accounts.signup import SignupDetails, signup_link_token
from perspectives.models import Invitation
from tests.conftest import client_for
from tests.site.test_access import PUBLIC, fill, parameters, project_patterns  # noqa: F401

# `parameters` (above) is the fixture that fills in every URL pattern, read by getfixturevalue.

PRIVATE_ROUTES = [route for route, _ in project_patterns() if route not in PUBLIC]


def never_stored(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


@pytest.mark.django_db
@pytest.mark.parametrize("route", PRIVATE_ROUTES)
def test_every_page_behind_the_log_in_is_never_stored(route, request, alice):
    url = fill(route, request.getfixturevalue("parameters"))
    response = client_for(alice).get(url)
    assert never_stored(response), (url, response.status_code, response.get("Cache-Control"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/assessments/", "/assessments/export.zip", "/accounts/", "/accounts/team/"]
)
def test_a_private_page_that_answers_is_never_stored(url, alice_client):
    response = alice_client.get(url)
    assert response.status_code == 200 and never_stored(response), url


@pytest.mark.django_db
def test_the_plan_pdf_and_the_admin_are_never_stored(alice_client, draft, root):
    pdf = alice_client.get(f"/assessments/{draft.pk}/plan.pdf")
    assert pdf["Content-Type"] == "application/pdf" and never_stored(pdf)
    assert never_stored(client_for(root).get("/admin/"))


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/guidance/", "/scoring/"])
def test_a_public_page_is_stored_for_visitors_but_never_for_someone_logged_in(url, alice_client):
    assert not never_stored(Client().get(url))
    assert never_stored(alice_client.get(url))


@pytest.mark.django_db
class TestPagesReachedThroughASecretLink:
    def test_an_invitees_page_is_never_stored(self, draft):
        invitation = Invitation.objects.create(assessment=draft, perspective="line_officers")
        response = Client().get(f"/respond/{invitation.token}/")
        assert response.status_code == 200 and never_stored(response)

    def test_a_partners_page_is_never_stored(self, safe_streets):
        from tests.factories import partner_link

        token = partner_link(safe_streets)
        response = Client().get(f"/partner/{token}/")
        assert response.status_code == 200 and never_stored(response)

    def test_a_colleagues_invitation_is_never_stored(self, alice_client):
        alice_client.post("/accounts/team/", {"email": "dana@springfield.example"})
        link = re.search(r"http://testserver(/accounts/join/\S+/)", mail.outbox[0].body).group(1)
        response = Client().get(link)
        assert response.status_code == 200 and never_stored(response)

    def test_a_sign_up_link_is_never_stored(self, db):
        details = SignupDetails(
            person={"full_name": "Dana Chief", "email": "dana@capital.example"},
            agency={
                "name": "Capital City Police Department",
                "agency_type": "municipal",
                "sworn_officers": "250-499",
                "state": "TX",
                "population_served": "250k-499k",
            },
        )
        response = Client().get(f"/accounts/signup/confirm/?token={signup_link_token(details)}")
        assert response.status_code == 200 and never_stored(response)

    def test_a_password_reset_link_is_never_stored(self, alice):
        client = Client()
        client.post("/accounts/password_reset/", {"email": alice.email})
        link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
        redirect = client.get(link)
        form = client.get(redirect["Location"])
        assert form.status_code == 200
        assert never_stored(redirect) and never_stored(form)


@pytest.mark.django_db
def test_static_files_stay_cacheable(alice_client):
    response = alice_client.get("/static/css/app.css")
    assert response.status_code == 200 and not never_stored(response)
