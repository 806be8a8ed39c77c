"""Invitations to rate an assessment's statements (open links and rounds of personal
invitations), and the answers invited people give."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from guidance.models import Perspective
from questionnaire.models import (
    INVITATION_MESSAGE_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    Answer,
    Assessment,
    text_at_most_note_length,
)


def new_invitation_token() -> str:
    # 32 random bytes: far beyond guessing, and URL-safe.
    return secrets.token_urlsafe(32)


def default_expiry():
    return timezone.localdate() + timedelta(days=30)


class InviteeLanguage(models.TextChoices):
    """Languages the invitee pages are written in."""

    ENGLISH = "en", "English"
    SPANISH = "es", "Spanish (español)"


class Invitation(models.Model):
    """How one perspective is invited to answer an assessment's rated items, anonymously.

    Either one open link (shown at roll call, anyone who has it can answer, up to a cap), or a
    round of personal invitations: one emailed link per person, each answering once
    (``PersonalInvitation``). Answers are never tied to a person or a personal link.
    """

    class Kind(models.TextChoices):
        PERSONAL = "personal", "Personal invitations: one link per person, sent by email"
        OPEN = "open", "One open link, for roll call or a meeting"

    assessment = models.ForeignKey(
        Assessment, verbose_name="assessment", on_delete=models.CASCADE, related_name="invitations"
    )
    perspective = models.CharField("perspective", max_length=30, choices=Perspective.choices)
    kind = models.CharField(
        "kind",
        max_length=10,
        choices=Kind.choices,
        default=Kind.OPEN,
        help_text="Personal invitations are recommended: nobody but the invitee can answer "
        "through their link, once. An open link suits a roll call, e.g. shown as a QR code.",
    )
    language = models.CharField(
        "language of the invitee pages",
        max_length=5,
        choices=InviteeLanguage.choices,
        default=InviteeLanguage.ENGLISH,
        help_text="The language the questionnaire opens in, e.g. Spanish for a neighborhood "
        "association; invitees can switch on the page.",
    )
    label = models.CharField(
        "name for your own use",
        max_length=120,
        blank=True,
        help_text="Only you see it, e.g. “North district roll call” or “Cure Violence staff”.",
    )
    message = models.TextField(
        "your note in the email",
        max_length=INVITATION_MESSAGE_MAX_LENGTH,
        blank=True,
        help_text="Personal invitations only: a few words from you, put in the email above the "
        "link, e.g. “Your honest view will shape our plan.”",
    )
    # Open links only: the link's secret, which the owner copies and shows. A round of personal
    # invitations has none; each person's link is a PersonalInvitation.
    token = models.CharField(
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        default=new_invitation_token,
        editable=False,
    )
    expires_on = models.DateField(
        "open until", default=default_expiry, help_text="The last day the link accepts answers."
    )
    max_responses = models.PositiveIntegerField(
        "most answers accepted",
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text="Open links only: the link closes after this many answers (e.g. 40).",
    )
    reminded_on = models.DateField(
        "last reminder",
        null=True,
        blank=True,
        help_text="Personal invitations only: the day a reminder last went to everyone who had "
        "not answered, e.g. March 3, 2027. At most one a day.",
    )
    revoked_at = models.DateTimeField("withdrawn", null=True, blank=True)
    # Once the invitation has closed, its answers are released once, with noise, and stored
    # (docs/privacy.md): the domain figures, then, when the group has enough answers, the
    # statement by statement figures. A released invitation accepts no more answers.
    domains_release = models.ForeignKey(
        "PerspectiveRelease",
        verbose_name="released in",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="invitations",
    )
    statements_release = models.ForeignKey(
        "PerspectiveRelease",
        verbose_name="statements released in",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="statement_invitations",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("created", default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "invitation"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_responses__gte=1, max_responses__lte=1000),
                name="invitation_cap_1_to_1000",
            ),
            text_at_most_note_length(
                "message", "invitation_message_length", INVITATION_MESSAGE_MAX_LENGTH
            ),
            models.CheckConstraint(
                condition=models.Q(kind="open", token__isnull=False)
                | models.Q(kind="personal", token__isnull=True),
                name="invitation_open_link_has_token_personal_round_none",
            ),
            models.CheckConstraint(
                condition=models.Q(language__in=["en", "es"]),
                name="invitation_language_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_perspective_display()} invitation"

    @property
    def is_personal(self) -> bool:
        return self.kind == self.Kind.PERSONAL


class PersonalInvitation(models.Model):
    """One person's link in a round of personal invitations.

    Only a fingerprint of the link's secret is kept, so nobody, the owner included, can answer
    through it but the person who received the email. The address is kept only until the link
    is used (to send reminders), and no answer records which link it came through.
    """

    invitation = models.ForeignKey(
        Invitation,
        verbose_name="round of invitations",
        on_delete=models.CASCADE,
        related_name="personal_links",
    )
    token_hash = models.CharField(
        "link fingerprint",
        max_length=64,
        unique=True,
        help_text="SHA-256 of the link's secret, e.g. “9f86d081…”; the secret is only in the "
        "email.",
    )
    email_digest = models.CharField(
        "address fingerprint",
        max_length=64,
        unique=True,
        help_text="A keyed fingerprint of the assessment and the address, e.g. “4e074085…”, so "
        "that one address is invited at most once per assessment, answered or not.",
    )
    email = models.EmailField(
        "email address",
        blank=True,
        help_text="Kept until the link is used, only to send reminders, e.g. "
        "“outreach@example.org”; erased as the answers are stored.",
    )
    used = models.BooleanField("answered", default=False)

    class Meta:
        verbose_name = "personal invitation"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(used=False) | models.Q(email=""),
                name="personal_invitation_used_forgets_address",
            ),
        ]

    def __str__(self) -> str:
        return f"Personal invitation {self.pk}"


class PerspectiveResponse(models.Model):
    """One invitee's answers. Nothing identifies the person: no name, address or device."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="responses")
    perspective = models.CharField(max_length=30, choices=Perspective.choices)
    # The day only: an exact time could tell who answered.
    submitted_on = models.DateField(default=timezone.localdate)
    share_notes = models.BooleanField(default=False)

    class Meta:
        verbose_name = "invited response"

    def __str__(self) -> str:
        return f"Invited response {self.pk}"


class PerspectiveAnswer(models.Model):
    response = models.ForeignKey(
        PerspectiveResponse, on_delete=models.CASCADE, related_name="answers"
    )
    item = models.ForeignKey("guidance.Item", on_delete=models.PROTECT, related_name="+")
    value = models.CharField(max_length=20, choices=Answer.choices, blank=True)
    note = models.TextField(blank=True, max_length=NOTE_MAX_LENGTH)

    class Meta:
        verbose_name = "invited answer"
        constraints = [
            models.UniqueConstraint(
                fields=["response", "item"], name="one_invited_answer_per_item"
            ),
            models.CheckConstraint(
                condition=models.Q(value__in=[*Answer.values, ""]),
                name="invited_answer_on_scale",
            ),
            text_at_most_note_length("note", "invited_answer_note_length"),
        ]

    def __str__(self) -> str:
        return f"Invited answer {self.pk}"


class PerspectiveRelease(models.Model):
    """Figures of one perspective computed once, with differential privacy, from the answers
    of closed invitations, and stored: every page, PDF and export reads these, never the
    answers themselves, so reloading cannot average the noise away (docs/privacy.md)."""

    class Kind(models.TextChoices):
        DOMAINS = "domains", "Domain figures"
        STATEMENTS = "statements", "Statement by statement figures"

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="perspective_releases"
    )
    perspective = models.CharField(max_length=30, choices=Perspective.choices)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    keys = models.JSONField(
        "cells", help_text="The domain or statement ids of the figures, in order, e.g. [3, 4]."
    )
    values = models.JSONField(
        "noisy sums",
        help_text="Answers, then per cell raters and centered sum, each with noise, e.g. "
        "[512, 498, -130].",
    )
    scale = models.FloatField("noise scale", help_text="The Gaussian noise's scale, e.g. 207.5.")
    rho = models.FloatField(
        "privacy budget spent",
        help_text="Zero-concentrated differential privacy (rho) spent on each person, e.g. 0.32.",
    )
    created_at = models.DateTimeField("released", default=timezone.now, editable=False)

    class Meta:
        verbose_name = "perspective release"
        constraints = [
            models.CheckConstraint(condition=models.Q(rho__gt=0), name="release_spends_rho"),
            models.CheckConstraint(
                condition=models.Q(kind__in=["domains", "statements"]), name="release_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.get_perspective_display()}"
