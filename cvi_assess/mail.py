"""Email leaves the request: pages enqueue a task (Django's tasks API, through the django-tasks
backport and its database backend), and the worker (`manage.py db_worker`, its own process or
container) sends it. A page then answers in the same time whether or not an address is
registered and whether or not the mail server is slow, and a mail server that refuses no
longer fails the page.

A task is handed only what it needs to build its email, never a secret link: those tasks that
send a link make its secret in the worker, so that the task table (which keeps a task's
arguments) never holds one. A send that fails is tried again later (MAIL_ATTEMPTS in all, a
few minutes apart) and logged; after the last attempt it is logged as an error and dropped.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone
from django_tasks import default_task_backend, task

logger = logging.getLogger("cvi_assess.mail")
RETRY_MINUTES = 5


class MailFailed(Exception):
    """The mail server refused, or could not be reached."""


def mail_deliver(*, subject: str, body: str, to: list[str]) -> None:
    """Send one email now (in the worker). MailFailed if the server refuses."""
    try:
        EmailMessage(" ".join(subject.split()), body, None, to).send()
    except (OSError, smtplib.SMTPException) as error:
        raise MailFailed(str(error)) from error


def mail_retry(task_function, *, attempt: int, what: str, **kwargs) -> None:
    """After a failed send: enqueue the task again a few minutes later, up to MAIL_ATTEMPTS,
    and log it; then log an error and give up. ``what`` names the email, never its address."""
    if attempt >= settings.MAIL_ATTEMPTS or not default_task_backend.supports_defer:
        logger.error("Email not sent, giving up after %d attempts: %s", attempt, what)
        return
    logger.warning("Email not sent (attempt %d), trying again later: %s", attempt, what)
    later = timezone.now() + timedelta(minutes=RETRY_MINUTES * attempt)
    task_function.using(run_after=later).enqueue(attempt=attempt + 1, **kwargs)


@task()
def email_send(*, subject: str, body: str, to: list[str], attempt: int = 1) -> None:
    """An email whose text holds no secret (plan reminders)."""
    try:
        mail_deliver(subject=subject, body=body, to=to)
    except MailFailed:
        mail_retry(email_send, attempt=attempt, what=subject, subject=subject, body=body, to=to)


def site_of(request) -> str:
    """The scheme and host the visitor uses, e.g. "https://cvi.example.gov": the start of the
    links a task emails, since the worker has no request."""
    return request.build_absolute_uri("/").rstrip("/")
