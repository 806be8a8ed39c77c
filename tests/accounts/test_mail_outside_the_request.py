"""Every page that sends mail enqueues a task and returns; the worker sends (issue 23, §3).

The attack: password reset answered in 208 ms for a registered address and 7 ms for an unknown
one (with a real mail server), which told anyone who has an account. Now each page does the
same work whatever the address: it enqueues one task, handed no secret, and the worker looks
the address up, makes any link and sends. Timings: bench/mail_timing.py.
"""

import json
import smtplib
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from django_tasks import default_task_backend

from accounts.models import MemberInvitation
from cvi_assess.mail import email_send
from tests.conftest import client_for

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
SIGNUP = {
    "person-full_name": "Pat Chief",
    "person-email": "",
    "agency-name": "Ogdenville Police Department",
    "agency-agency_type": "municipal",
    "agency-sworn_officers": "25-99",
    "agency-state": "OH",
    "agency-population_served": "25k-99k",
}


def enqueued() -> list[tuple[str, dict]]:
    return [(r.task.name, r.kwargs) for r in default_task_backend.results]


@pytest.fixture(autouse=False)
def dummy_tasks(settings):
    settings.TASKS = DUMMY


@pytest.mark.django_db
@pytest.mark.usefixtures("dummy_tasks")
class TestPagesEnqueueAndReturn:
    def test_the_reset_view_enqueues_one_task_and_sends_nothing_inline_registered_or_not(
        self, alice
    ):
        for email in [alice.email, "nobody@example.gov"]:
            response = Client().post("/accounts/password_reset/", {"email": email})
            assert response["Location"] == "/accounts/password_reset/done/"
        assert mail.outbox == []
        [(first, known), (second, unknown)] = enqueued()
        assert first == second == "password_reset_email"
        assert set(known) == set(unknown) == {"email", "domain", "use_https"}

    def test_sign_up_enqueues_the_same_task_whether_the_address_has_an_account(self, alice):
        for email in [alice.email, "pat@ogdenville.gov"]:
            Client().post("/accounts/signup/", {**SIGNUP, "person-email": email})
        assert mail.outbox == []
        assert [name for name, _ in enqueued()] == ["signup_email", "signup_email"]

    def test_invitations_enqueue_tasks_that_hold_no_secret_link(self, alice, draft):
        client = client_for(alice)
        client.post("/accounts/team/", {"email": "dana@springfield.example"})
        client.post(
            f"/assessments/{draft.pk}/invitations/",
            {"create": "personal", "personal-perspective": "residents",
             "personal-emails": "a@partners.example", "personal-language": "en",
             "personal-expires_on": (timezone.localdate() + timedelta(days=9)).isoformat()},
        )  # fmt: skip
        assert mail.outbox == []
        names = [name for name, _ in enqueued()]
        assert names == ["member_invitation_email", "personal_invitation_email"]
        stored = json.dumps([kwargs for _, kwargs in enqueued()])
        assert "/join/" not in stored and "/respond/" not in stored


@pytest.mark.django_db
class TestTheWorker:
    def test_sends_the_colleagues_invitation_with_a_link_that_works(self, alice):
        client_for(alice).post("/accounts/team/", {"email": "dana@springfield.example"})
        [message] = mail.outbox
        link = message.body.split("http://testserver")[1].split()[0]
        assert Client().get(link).status_code == 200
        assert MemberInvitation.objects.get().state == "pending"

    def test_a_refused_send_is_tried_again_later_then_given_up_and_logged(self, caplog, settings):
        from django_tasks_db.models import DBTaskResult

        settings.TASKS, settings.MAIL_ATTEMPTS = DATABASE, 3
        refused = smtplib.SMTPException("refused")
        with mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages",
                        side_effect=refused):  # fmt: skip
            email_send.call(subject="Due soon", body="An action", to=["bob@example.gov"])
            [retry] = DBTaskResult.objects.all()
            assert retry.args_kwargs["kwargs"]["attempt"] == 2
            assert retry.run_after > timezone.now()
            email_send.call(subject="Due soon", body="An action", to=["bob@example.gov"],
                            attempt=3)  # fmt: skip
        assert "trying again later: Due soon" in caplog.text
        assert "giving up after 3 attempts: Due soon" in caplog.text
        assert "bob@example.gov" not in caplog.text
