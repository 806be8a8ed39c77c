"""Links that carry a secret never reach the log, whichever logger writes the record."""

import io
import logging
import re
import uuid
from urllib.parse import quote

import pytest
from django.core import mail
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, UUIDConverter

from perspectives.models import Invitation


@pytest.fixture
def log_output():
    """What the application's log handlers write (standard error in production)."""
    handlers = [h for h in logging.getLogger().handlers if isinstance(h, logging.StreamHandler)]
    assert handlers, "the root logger has no console handler"
    stream = io.StringIO()
    previous = [handler.setStream(stream) for handler in handlers]
    yield stream
    for handler, old in zip(handlers, previous, strict=True):
        handler.setStream(old)


@pytest.fixture
def invitation(draft) -> Invitation:
    return Invitation.objects.create(assessment=draft, perspective="line_officers")


@pytest.mark.django_db
def test_a_csrf_failure_on_a_live_link_is_logged_without_its_token(invitation, log_output, caplog):
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/respond/{invitation.token}/", {"share_notes": "on"})
    assert response.status_code == 403
    written = log_output.getvalue()
    assert "Forbidden (CSRF cookie not set.): /respond/[link]/" in written
    assert invitation.token not in written
    assert invitation.token not in caplog.text
    assert "/respond/[link]/" in caplog.text


@pytest.mark.django_db
def test_an_unknown_or_mistyped_link_is_logged_without_its_token(draft, log_output):
    token = "Mistyped-token-0123456789abcdefghijklmnopq"
    assert Client().get(f"/respond/{token}/thanks/").status_code == 404
    written = log_output.getvalue()
    assert "Not Found: /respond/[link]/thanks/" in written
    assert token not in written


def test_a_traceback_that_names_a_link_is_logged_without_its_token(log_output):
    logger = logging.getLogger("questionnaire.views")
    try:
        raise ValueError("failed on https://cvi.example.gov/respond/SeCrEt-token_42/ today")
    except ValueError:
        logger.exception("Error while answering %s", "/respond/SeCrEt-token_42/")
    written = log_output.getvalue()
    assert "SeCrEt" not in written
    assert "Error while answering /respond/[link]/" in written
    assert "https://cvi.example.gov/respond/[link]/ today" in written


def test_other_records_are_written_as_they_are(log_output):
    logging.getLogger("questionnaire").warning("Plan %s has %d actions", "p-17", 3)
    assert "Plan p-17 has 3 actions" in log_output.getvalue()


# Every URL parameter of the URLconf is declared here, secret or not. A new one fails
# test_every_url_parameter_is_declared_secret_or_not until it is, and a secret one must then be
# masked in both logs (cvi_assess/secret_links.py).
SECRET_PARAMETERS = {"token", "uidb64"}
PUBLIC_PARAMETERS = {
    "assessment_id", "action_id", "invitation_id", "item_id", "slug",  # an agency's own pages
    "number",  # a statement's place in a workshop's meeting mode
    "member_invitation_id", "member_id",  # its team, for its owners
    "promise_id", "partner_id",  # its promises and partners
    "agency_slug",  # an agency's published promises: public by the owner's choice
    "evidence_id",  # a file of its own, served after the agency is checked
    "app_label", "object_id", "content_type_id", "id", "url",  # the admin's
}  # fmt: skip
SAMPLES = {IntConverter: 7, UUIDConverter: uuid.UUID(int=7)}


def url_patterns(patterns=None, namespace: str = ""):
    """Every URL pattern of the project, with its full name ("admin:index") if it has one."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_patterns(entry.url_patterns, inner)
        else:
            yield entry, f"{namespace}{entry.name}" if entry.name else None


def parameters(entry) -> list[str]:
    pattern = entry.pattern
    return list(getattr(pattern, "converters", {}) or pattern.regex.groupindex)


def secret_sample_paths() -> list[str]:
    """A path of every secret-bearing URL pattern, each secret parameter set to a value that
    contains "SeCrEt" (valid for its converter)."""
    paths = []
    for entry, name in url_patterns():
        names = parameters(entry)
        if not SECRET_PARAMETERS & set(names):
            continue
        assert name, f"a secret-bearing URL pattern needs a name: {entry.pattern}"
        converters = getattr(entry.pattern, "converters", {})
        kwargs = {
            parameter: f"SeCrEt-{parameter}-42"
            if parameter in SECRET_PARAMETERS
            else SAMPLES.get(type(converters.get(parameter)), "sample")
            for parameter in names
        }
        paths.append(reverse(name, kwargs=kwargs))
    return paths


SECRET_PATHS = secret_sample_paths()
# The sign-up link carries its secret in the query string, not in the path.
SIGNUP_CONFIRM = "/accounts/signup/confirm/?token=SeCrEt.eJyrVkrOz0nNS80rVrJSUE:1tX:abc"


def test_every_url_parameter_is_declared_secret_or_not():
    found = {parameter for entry, _ in url_patterns() for parameter in parameters(entry)}
    assert found - SECRET_PARAMETERS - PUBLIC_PARAMETERS == set()


def test_the_secret_bearing_urls_are_the_invitation_join_reset_partner_and_calendar_links():
    assert sorted(path.split("SeCrEt")[0] for path in SECRET_PATHS) == [
        "/accounts/join/",
        "/accounts/reset/",
        "/calendar/",
        *["/partner/"] * 6,
        "/respond/",
        "/respond/",
    ]


@pytest.mark.parametrize("path", [*SECRET_PATHS, SIGNUP_CONFIRM])
def test_every_secret_bearing_link_is_masked_in_any_record(path, log_output):
    logging.getLogger("django.request").warning("Forbidden: %s", path)
    logging.getLogger("django.server").info('"%s" %s %s', f"GET {path} HTTP/1.1", "200", "12")
    logging.getLogger("cvi").info("Link: https://cvi.example.gov%s", path)
    logging.getLogger("cvi").info("Log in first: /accounts/login/?next=%s", quote(path, safe=""))
    written = log_output.getvalue()
    assert "SeCrEt" not in written
    assert "[link]" in written and "Forbidden: /" in written


@pytest.mark.django_db
class TestColleagueInvitationLinks:
    """A colleague's invitation link lets its holder join the agency."""

    def invitation_link(self, alice_client) -> str:
        alice_client.post("/accounts/team/", {"email": "dana@springfield.example"})
        return re.search(r"http://testserver(/accounts/join/\S+/)", mail.outbox[-1].body).group(1)

    def test_a_refusal_to_a_member_of_another_agency_is_logged_without_the_token(
        self, alice_client, charlie_client, log_output, caplog
    ):
        link = self.invitation_link(alice_client)
        assert charlie_client.post(link).status_code == 403
        token = link.split("/")[-2]
        assert "Forbidden: /accounts/join/[link]/" in log_output.getvalue()
        assert token not in log_output.getvalue() and token not in caplog.text

    def test_a_csrf_failure_on_the_link_is_logged_without_the_token(self, alice_client, log_output):
        link = self.invitation_link(alice_client)
        response = Client(enforce_csrf_checks=True).post(link, {"full_name": "Dana"})
        assert response.status_code == 403
        written = log_output.getvalue()
        assert "Forbidden (CSRF cookie not set.): /accounts/join/[link]/" in written
        assert link.split("/")[-2] not in written

    def test_an_unknown_link_is_logged_without_the_token(self, db, log_output):
        token = "Mistyped-join-token-0123456789abcdefghijklm"
        assert Client().get(f"/accounts/join/{token}/").status_code == 404
        written = log_output.getvalue()
        assert "Not Found: /accounts/join/[link]/" in written and token not in written


@pytest.mark.django_db
def test_a_password_reset_link_that_fails_is_logged_without_its_token(alice, log_output):
    Client().post("/accounts/password_reset/", {"email": alice.email})
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    response = Client(enforce_csrf_checks=True).post(link, {"new_password1": "x"})
    assert response.status_code == 403
    written = log_output.getvalue()
    assert "Forbidden (CSRF cookie not set.): /accounts/reset/[link]/" in written
    assert link.split("/")[-2] not in written and link.split("/")[-3] not in written


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/reset/done/",
        "/accounts/password_reset/",
        "/accounts/signup/confirm/",
        "/accounts/team/invitations/3/resend/",
        f"/assessments/{uuid.UUID(int=7)}/invitations/",
        "/guidance/?lang=es",
    ],
)
def test_pages_without_a_secret_are_logged_as_they_are(path, log_output):
    logging.getLogger("django.request").warning("Not Found: %s", path)
    assert f"Not Found: {path}" in log_output.getvalue()
