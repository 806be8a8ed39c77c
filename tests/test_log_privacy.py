"""Invitation links never reach the log, whichever logger writes the record."""

import io
import logging

import pytest
from django.test import Client

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
