"""Partners at the table: each partner organization's personal link to its own page, the
information-sharing guidelines drafted from both sides, and which invitations went to a
partner's people. The partner organizations themselves are ``plans.PartnerOrganization``."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from perspectives.models import Invitation, InviteeLanguage
from plans.models import PartnerOrganization
from questionnaire.models import NOTE_MAX_LENGTH, text_at_most_note_length

# The most characters of one answer in the guidelines (a database constraint, as for notes).
GUIDELINES_TEXT_MAX_LENGTH = NOTE_MAX_LENGTH


class Side(models.TextChoices):
    """The two sides of the table."""

    AGENCY = "agency", "The agency"
    PARTNER = "partner", "The partner organization"


class PartnerLink(models.Model):
    """The personal link through which a partner's contact opens the partner's page, without an
    account. Emailed to the contact; only a fingerprint of its secret is kept, so nobody at the
    agency holds a link through which they could write the partner's side. Expires; an owner
    can withdraw it or send a new one (which ends the one before)."""

    partner = models.ForeignKey(
        PartnerOrganization,
        verbose_name="partner organization",
        on_delete=models.CASCADE,
        related_name="links",
    )
    token_hash = models.CharField(
        "link fingerprint",
        max_length=64,
        unique=True,
        editable=False,
        help_text="SHA-256 of the link's secret, e.g. “9f86d081…”; the secret is only in the "
        "email.",
    )
    sent_to = models.EmailField(
        "sent to", help_text="The contact's address when it was sent, e.g. “dana@safestreets.org”."
    )
    language = models.CharField(
        "language of the page",
        max_length=5,
        choices=InviteeLanguage.choices,
        default=InviteeLanguage.ENGLISH,
        help_text="The language the page and the email open in, e.g. Spanish; the partner can "
        "switch on the page.",
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="sent by",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    sent_at = models.DateTimeField("sent", default=timezone.now)
    expires_at = models.DateTimeField(
        "expires",
        help_text="After this the link no longer works (PARTNER_LINK_DAYS after sending).",
    )
    revoked_at = models.DateTimeField("withdrawn", null=True, blank=True)

    class Meta:
        verbose_name = "partner link"
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner"],
                condition=models.Q(revoked_at=None),
                name="one_live_link_per_partner",
            ),
            models.CheckConstraint(
                condition=models.Q(language__in=["en", "es"]), name="partner_link_language_known"
            ),
        ]

    def __str__(self) -> str:
        return f"Link of {self.partner}"


class SharingGuidelines(models.Model):
    """The information-sharing guidelines between the agency and one partner organization.

    They outlive any one assessment. Each change of either side's answers makes a new
    ``version``; an agreement is to one version, so a changed text needs a new agreement.
    """

    partner = models.OneToOneField(
        PartnerOrganization,
        verbose_name="partner organization",
        on_delete=models.CASCADE,
        related_name="guidelines",
    )
    version = models.PositiveIntegerField(
        "version",
        default=0,
        help_text="0 until either side writes; then up by one with every change of either "
        "side, e.g. 4.",
    )
    version_started_at = models.DateTimeField(
        "version dated", default=timezone.now, help_text="When the current version was made."
    )

    class Meta:
        verbose_name = "information-sharing guidelines"
        verbose_name_plural = "information-sharing guidelines"

    def __str__(self) -> str:
        return f"Information-sharing guidelines with {self.partner}"


class GuidelinesPosition(models.Model):
    """One side's answers to the questions of the guidelines (partners/questions.py)."""

    class Flow(models.TextChoices):
        # Shown on the partner's page too, in its language.
        ONE_WAY = "one_way", _("One-way: from the police to the partner")
        TWO_WAY = "two_way", _("Two-way: the partner also shares information with the police")

    guidelines = models.ForeignKey(
        SharingGuidelines,
        verbose_name="guidelines",
        on_delete=models.CASCADE,
        related_name="positions",
    )
    side = models.CharField("side", max_length=10, choices=Side.choices)
    flow = models.CharField(
        "which way information flows", max_length=10, choices=Flow.choices, blank=True
    )
    kinds = models.TextField(
        "kinds of information", blank=True, max_length=GUIDELINES_TEXT_MAX_LENGTH
    )
    recipients = models.TextField(
        "who receives it, and how", blank=True, max_length=GUIDELINES_TEXT_MAX_LENGTH
    )
    protections = models.TextField(
        "protections for people named and for the partner",
        blank=True,
        max_length=GUIDELINES_TEXT_MAX_LENGTH,
    )
    disputes = models.TextField(
        "disagreements and breaches", blank=True, max_length=GUIDELINES_TEXT_MAX_LENGTH
    )
    review_on = models.DateField("review by", null=True, blank=True)
    updated_at = models.DateTimeField("last saved", auto_now=True)
    updated_by = models.CharField(
        "last saved by",
        max_length=150,
        blank=True,
        help_text="A member's name, or “the partner” for a change made on the partner's page.",
    )

    class Meta:
        verbose_name = "position in the guidelines"
        constraints = [
            models.UniqueConstraint(fields=["guidelines", "side"], name="one_position_per_side"),
            models.CheckConstraint(
                condition=models.Q(side__in=["agency", "partner"]), name="position_side_known"
            ),
            models.CheckConstraint(
                condition=models.Q(flow__in=["", "one_way", "two_way"]),
                name="position_flow_known",
            ),
            *(
                text_at_most_note_length(
                    field, f"position_{field}_length", GUIDELINES_TEXT_MAX_LENGTH
                )
                for field in ["kinds", "recipients", "protections", "disputes"]
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_side_display()}: {self.guidelines}"

    def answers(self) -> dict[str, str]:
        """Every answer as text, as partners/questions.py compares them."""
        return {
            "flow": self.flow,
            "kinds": self.kinds,
            "recipients": self.recipients,
            "protections": self.protections,
            "disputes": self.disputes,
            "review_on": self.review_on.isoformat() if self.review_on else "",
        }


class GuidelinesApproval(models.Model):
    """One side marking one version of the guidelines agreed: who, and when."""

    guidelines = models.ForeignKey(
        SharingGuidelines,
        verbose_name="guidelines",
        on_delete=models.CASCADE,
        related_name="approvals",
    )
    side = models.CharField("side", max_length=10, choices=Side.choices)
    version = models.PositiveIntegerField("version agreed", help_text="e.g. 4.")
    name = models.CharField(
        "agreed by", max_length=150, help_text="The person who agreed, e.g. “Dana Reyes”."
    )
    role = models.CharField(
        "their role", max_length=150, blank=True, help_text="e.g. “Executive director”."
    )
    agreed_at = models.DateTimeField("agreed", default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="member",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The agency's member who agreed; empty for the partner's side.",
    )

    class Meta:
        verbose_name = "agreement to a version"
        ordering = ["-version", "side"]
        constraints = [
            models.UniqueConstraint(
                fields=["guidelines", "side", "version"], name="one_agreement_per_side_and_version"
            ),
            models.CheckConstraint(
                condition=models.Q(side__in=["agency", "partner"]), name="approval_side_known"
            ),
        ]

    def __str__(self) -> str:
        return f"Version {self.version} agreed by {self.name}"


class PartnerInvitation(models.Model):
    """A perspective invitation sent to a partner's people (e.g. the round of personal
    invitations emailed to its outreach workers). A record for the agency; the results stay
    pooled by perspective, never shown per partner."""

    partner = models.ForeignKey(
        PartnerOrganization,
        verbose_name="partner organization",
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    invitation = models.OneToOneField(
        Invitation,
        verbose_name="invitation",
        on_delete=models.CASCADE,
        related_name="partner_tie",
    )

    class Meta:
        verbose_name = "invitation sent to a partner's people"

    def __str__(self) -> str:
        return f"{self.invitation} for {self.partner}"
