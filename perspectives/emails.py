"""Personal invitations and their reminders, sent by the worker (cvi_assess/mail.py). The
task names the personal link only by its id: the worker makes the link's secret, keeps its
fingerprint and emails the secret, so the secret is never stored, not even in the task
table. A reminder replaces the link, as every email of a personal link does."""

from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from cvi_assess.mail import MailFailed, mail_deliver, mail_retry
from perspectives.models import PersonalInvitation


@task()
def personal_invitation_email(
    *, personal_id: int, site: str, reminder: bool, attempt: int = 1
) -> None:
    """Email one person their link, new, in the invitation's language; nothing if the link
    was used or its invitation has closed meanwhile."""
    from perspectives.invitations import OPEN, invitation_state, new_link

    with transaction.atomic():
        personal = (
            PersonalInvitation.objects.select_for_update(of=("self",))
            .select_related("invitation__assessment__agency")
            .filter(pk=personal_id, used=False)
            .first()
        )
        if personal is None or invitation_state(personal.invitation, 0) != OPEN:
            return
        token, personal.token_hash = new_link()
        personal.save(update_fields=["token_hash"])
    invitation = personal.invitation
    context = {
        "invitation": invitation,
        "agency": invitation.assessment.agency,
        "link": site + reverse("respond", args=[token]),
        "reminder": reminder,
    }
    with translation.override(invitation.language):
        subject = render_to_string("perspectives/email/personal_subject.txt", context)
        body = render_to_string("perspectives/email/personal_body.txt", context)
    try:
        mail_deliver(subject=subject, body=body, to=[personal.email])
    except MailFailed:
        mail_retry(personal_invitation_email, attempt=attempt, what="personal invitation",
                   personal_id=personal_id, site=site, reminder=reminder)  # fmt: skip
