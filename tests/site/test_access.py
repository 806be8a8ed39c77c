"""Agency isolation: every URL of the project, walked as an outsider and as a stranger.

New URL patterns are covered automatically: a pattern this file cannot fill in makes the test
fail until its parameter is added to the
`parameters` fixture.
"""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from accounts.models import MemberInvitation, User
from guidance.models import Item
from perspectives.models import Invitation
from plans.models import ActionItem, PartnerOrganization, Promise
from tests.conftest import client_for

# Pages anyone may open. Everything else must refuse an anonymous visitor.
PUBLIC = {
    "",
    "healthz",
    "guidance/",
    "scoring/",
    "accounts/signup/",
    "accounts/signup/sent/",
    # The emailed link's signed token is the key: it finishes a sign-up, nothing more.
    "accounts/signup/confirm/",
    "accounts/login/",
    "accounts/logout/",
    "accounts/password_reset/",
    "accounts/password_reset/done/",
    "accounts/reset/<uidb64>/<token>/",
    "accounts/reset/done/",
    # Invitees answer without an account; the long random token is the key.
    "respond/<slug:token>/",
    "respond/<slug:token>/thanks/",
    # A colleague's invitation: the one-time secret in the emailed link is the key.
    "accounts/join/<slug:token>/",
    # A partner's page: the long random secret in the emailed link is the key.
    "partner/<slug:token>/",
    "partner/<slug:token>/actions/<int:action_id>/",
    "partner/<slug:token>/guidelines/",
    "partner/<slug:token>/guidelines/agree/",
    "partner/<slug:token>/guidelines.docx",
    "partner/<slug:token>/guidelines.pdf",
    # An agency's promises to the community, once its owner publishes them (404 until then).
    "agencies/<slug:agency_slug>/promises/",
    # A person's calendar feed: calendar apps have no session; the secret address is the key.
    "calendar/<slug:token>.ics",
}


def project_patterns(resolver=None, prefix: str = ""):
    """(route, pattern) for every URL pattern outside the admin."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if route.startswith("admin/"):
                continue
            yield from project_patterns(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


def fill(route: str, values: dict[str, str]) -> str:
    def replace(match):
        name = match.group(2)
        if name not in values:
            raise AssertionError(f"Add a value for <{name}> (in {route}) to `parameters`.")
        return values[name]

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", replace, route)


@pytest.fixture
def parameters(draft, bob) -> dict[str, str]:
    """A value for every URL parameter of the project."""
    from plans.models import Evidence

    action = ActionItem.objects.create(assessment=draft, title="An action", order=1)
    evidence = Evidence.objects.create(
        agency=draft.agency, assessment=draft, action=action, file="evidence/x.pdf",
        name="x.pdf", kind="pdf", size=1,
    )  # fmt: skip
    invitation = Invitation.objects.create(assessment=draft, perspective="line_officers")
    member_invitation = MemberInvitation.objects.create(
        agency=draft.agency,
        email="new@springfield.example",
        token_hash="0" * 64,
        expires_at=timezone.now() + timedelta(days=7),
    )
    promise = Promise.objects.create(
        agency=draft.agency, promise="A promise", made_to="A group", made_on="2027-01-05"
    )
    partner = PartnerOrganization.objects.create(agency=draft.agency, name="A partner")
    return {
        "partner_id": str(partner.pk),
        "promise_id": str(promise.pk),
        "agency_slug": draft.agency.slug,
        "member_id": str(bob.pk),
        "item_id": str(Item.objects.filter(is_active=True).first().pk),
        "member_invitation_id": str(member_invitation.pk),
        "assessment_id": str(draft.pk),
        "action_id": str(action.pk),
        "evidence_id": str(evidence.pk),
        "invitation_id": str(invitation.pk),
        "slug": "buy-in",
        "number": "1",
        "uidb64": "MQ",
        "token": "set-password",
    }


ASSESSMENT_ROUTES = [route for route, _ in project_patterns() if "<uuid:assessment_id>" in route]


@pytest.mark.django_db
def test_there_are_assessment_pages_to_protect():
    assert len(ASSESSMENT_ROUTES) >= 5


@pytest.mark.django_db
@pytest.mark.parametrize("route", ASSESSMENT_ROUTES)
def test_another_agency_gets_404_on_every_assessment_url(route, charlie, parameters):
    url = fill(route, parameters)
    client = client_for(charlie)
    assert client.get(url).status_code == 404, url
    assert client.post(url, {"action": "continue"}).status_code == 404, url


@pytest.mark.django_db
@pytest.mark.parametrize("route", [r for r, _ in project_patterns() if r not in PUBLIC])
def test_an_anonymous_visitor_is_sent_to_log_in(route, parameters):
    url = fill(route, parameters)
    for response in (Client().get(url), Client().post(url)):
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next="), url


@pytest.mark.django_db
@pytest.mark.parametrize("route", ASSESSMENT_ROUTES)
def test_a_person_without_an_agency_sees_how_to_join_one(route, parameters, db):
    loner = User.objects.create_user("loner@example.gov", "loner-password-1", full_name="Lone")
    response = client_for(loner).get(fill(route, parameters))
    assert response.status_code == 403
    assert b"not linked to an agency" in response.content


@pytest.mark.django_db
def test_a_colleague_in_the_same_agency_can_open_the_assessment(bob, draft):
    assert client_for(bob).get(f"/assessments/{draft.pk}/review/").status_code == 200


@pytest.mark.django_db
def test_an_unknown_assessment_id_is_404(alice_client):
    assert (
        alice_client.get("/assessments/00000000-0000-0000-0000-000000000000/review/").status_code
        == 404
    )


@pytest.mark.django_db
def test_the_dashboard_lists_only_the_agencys_own_assessments(alice_client, charlie, draft):
    from questionnaire.models import Assessment

    other = Assessment.objects.create(agency=charlie.agency, created_by=charlie)
    page = alice_client.get("/assessments/").content.decode()
    assert str(draft.pk) in page and str(other.pk) not in page


AGENCY_OBJECT_ROUTES = [
    route
    for route, _ in project_patterns()
    if "<int:partner_id>" in route or "<int:promise_id>" in route
]


@pytest.mark.django_db
def test_there_are_partner_and_promise_pages_to_protect():
    assert len(AGENCY_OBJECT_ROUTES) >= 12


@pytest.mark.django_db
@pytest.mark.parametrize("route", AGENCY_OBJECT_ROUTES)
def test_another_agency_gets_404_on_every_partner_and_promise_url(route, charlie, parameters):
    url = fill(route, parameters)
    client = client_for(charlie)
    assert client.get(url).status_code == 404, url
    assert client.post(url, {"name": "Taken over", "status": "kept"}).status_code == 404, url


PROGRAM_ROUTES = [route for route, _ in project_patterns() if route.startswith("program/")]


@pytest.mark.django_db
def test_there_are_program_pages_to_protect():
    assert len(PROGRAM_ROUTES) >= 2


@pytest.mark.django_db
@pytest.mark.parametrize("route", PROGRAM_ROUTES)
def test_only_program_staff_outside_every_agency_open_program_urls(
    route, parameters, alice, bob, charlie, eve, root
):
    from django.contrib.auth.models import Group

    url = fill(route, parameters)
    for person in (alice, bob, charlie, eve, root):
        assert client_for(person).get(url).status_code == 403, (url, person)
    staff = User.objects.create_user("staff@program.example", "staff-password-1", full_name="S")
    staff.groups.add(Group.objects.get(name="Program staff"))
    assert client_for(staff).get(url).status_code == 200, url
    charlie.groups.add(Group.objects.get(name="Program staff"))
    assert client_for(charlie).get(url).status_code == 403, url
