"""Mail flooding (issue 23, §4): "Send again" on one colleague's invitation sent 51 emails to
one address in 1.8 s, and a round of personal invitations could send the owner's own text to
100 pasted addresses at a time, up to 50,000 per agency. Now invitation emails are limited per
address and per agency per day, with a clear message, and what is refused is counted."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import AgencyEvent, MemberInvitation
from perspectives.models import Invitation, PersonalInvitation
from tests.conftest import client_for
from tests.html import page_text

pytestmark = pytest.mark.django_db


def personal_round(client, draft, emails: str):
    return client.post(
        reverse("assessment_invitations", args=[draft.pk]),
        {"create": "personal", "personal-perspective": "residents", "personal-emails": emails,
         "personal-language": "en",
         "personal-expires_on": (timezone.localdate() + timedelta(days=9)).isoformat()},
        follow=True,
    )  # fmt: skip


class TestSendAgain:
    def test_fifty_one_clicks_send_three_emails_and_say_why_the_rest_were_refused(self, alice):
        client = client_for(alice)
        client.post("/accounts/team/", {"email": "dana@springfield.example"})
        invitation = MemberInvitation.objects.get()
        url = reverse("member_invitation_resend", args=[invitation.pk])
        pages = [client.post(url, follow=True) for _ in range(50)]
        assert len(mail.outbox) == 3  # INVITATION_EMAILS_PER_ADDRESS_DAILY
        assert "dana@springfield.example was already emailed 3 times today, the most a day. " \
            "Try again tomorrow." in page_text(pages[-1])
        refused = AgencyEvent.objects.filter(action="emails_refused")
        assert refused.count() == 48
        team = page_text(client.get("/accounts/team/"))
        assert "Invitation emails refused" in team and "1 invitation email (daily limit)" in team


class TestPersonalInvitations:
    def test_an_agency_past_its_daily_limit_sends_nothing_and_saves_nothing(
        self, alice, draft, settings
    ):
        settings.INVITATION_EMAILS_PER_AGENCY_DAILY = 5
        client = client_for(alice)
        personal_round(client, draft, "a@p.example b@p.example c@p.example")
        response = personal_round(client, draft, "d@p.example e@p.example f@p.example")
        assert "can send at most 5 invitation emails a day" in page_text(response)
        assert len(mail.outbox) == 3
        assert PersonalInvitation.objects.count() == 3 and Invitation.objects.count() == 1
        event = AgencyEvent.objects.get(action="emails_refused")
        assert event.subject == "3 personal invitation emails (daily limit)"

    def test_one_address_is_emailed_at_most_three_times_a_day_across_assessments(
        self, alice, springfield
    ):
        from questionnaire.models import Assessment

        client = client_for(alice)
        for _ in range(3):
            draft = Assessment.objects.create(agency=springfield, created_by=alice)
            personal_round(client, draft, "target@p.example")
        draft = Assessment.objects.create(agency=springfield, created_by=alice)
        response = personal_round(client, draft, "target@p.example")
        assert "target@p.example was already emailed 3 times today" in page_text(response)
        assert len(mail.outbox) == 3

    def test_a_reminder_skips_an_address_past_its_limit_without_saying_who(
        self, alice, draft, settings
    ):
        settings.INVITATION_EMAILS_PER_ADDRESS_DAILY = 1
        client = client_for(alice)
        personal_round(client, draft, "a@p.example b@p.example")
        round_ = Invitation.objects.get()
        response = client.post(reverse("invitation_remind", args=[draft.pk, round_.pk]),
                               follow=True)  # fmt: skip
        assert "A reminder is being emailed to everyone in this round" in page_text(response)
        assert len(mail.outbox) == 2  # the first round only
