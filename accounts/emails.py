"""The emails of people and agencies, sent by the worker (cvi_assess/mail.py): the sign-up
email, the password-reset email and a colleague's invitation. Each task is handed what was
asked for, never a secret: the worker looks up whether an address has an account, and makes
the link's secret itself, so that a page does the same work whatever the answer, and no
secret is kept in the task table.
"""

from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from accounts.forms import PasswordResetRequestForm
from accounts.models import MemberInvitation
from accounts.signup import SignupDetails, signup_email_message
from cvi_assess.mail import MailFailed, mail_deliver, mail_retry


@task()
def signup_email(*, person: dict, agency: dict, site: str, attempt: int = 1) -> None:
    """A link that finishes signing up, or, for an address that has an account, how to log in."""
    subject, body, recipient = signup_email_message(
        details=SignupDetails(person=person, agency=agency), site=site
    )
    try:
        mail_deliver(subject=subject, body=body, to=[recipient])
    except MailFailed:
        mail_retry(signup_email, attempt=attempt, what="sign-up email", person=person,
                   agency=agency, site=site)  # fmt: skip


class _Deliver(PasswordResetRequestForm):
    """Django's reset email, built as Django builds it, sent through mail_deliver."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email,
                  to_email, html_email_template_name=None):  # fmt: skip
        subject = render_to_string(subject_template_name, context)
        mail_deliver(
            subject=subject, body=render_to_string(email_template_name, context), to=[to_email]
        )


@task()
def password_reset_email(*, email: str, domain: str, use_https: bool, attempt: int = 1) -> None:
    """A password-reset link to ``email`` if it has an account (nothing otherwise)."""
    form = _Deliver({"email": email})
    if not form.is_valid():
        return
    try:
        form.save(domain_override=domain, use_https=use_https)
    except MailFailed:
        mail_retry(password_reset_email, attempt=attempt, what="password-reset email",
                   email=email, domain=domain, use_https=use_https)  # fmt: skip


@task()
def member_invitation_email(*, invitation_id: int, site: str, attempt: int = 1) -> None:
    """A colleague's invitation with a new link (the one before stops working), if it still
    waits for an answer."""
    from accounts.membership import refresh_link

    with transaction.atomic():
        invitation = (
            MemberInvitation.objects.select_for_update(of=("self",))
            .select_related("agency", "invited_by")
            .filter(pk=invitation_id, accepted_at=None, withdrawn_at=None)
            .first()
        )
        if invitation is None or invitation.expires_at < timezone.now():
            return
        token = refresh_link(invitation)
        invitation.save(update_fields=["token_hash", "sent_at", "expires_at"])
    context = {
        "invitation": invitation,
        "agency": invitation.agency,
        "inviter": invitation.invited_by,
        "link": site + reverse("member_join", args=[token]),
    }
    try:
        mail_deliver(
            subject=render_to_string("registration/member_invitation_subject.txt", context),
            body=render_to_string("registration/member_invitation_email.txt", context),
            to=[invitation.email],
        )
    except MailFailed:
        mail_retry(member_invitation_email, attempt=attempt, what="colleague's invitation",
                   invitation_id=invitation_id, site=site)  # fmt: skip
