"""Following the plan up: the nudges sent about its actions and the owners' weekly
digests, each person's calendar feed, and the evidence files attached to actions and
statements."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.models import Agency
from plans.models.actions import ActionItem
from questionnaire.models import Assessment


class PlanReminder(models.Model):
    """A nudge sent about an action: 30, 7 and 0 days before its due date, and once a week
    while it is overdue. One per action, due date, person, kind and week, so a second run of
    the daily command sends nothing twice, and a new due date starts again."""

    class Kind(models.TextChoices):
        DUE_IN_30 = "due_30", "Due within 30 days"
        DUE_IN_7 = "due_7", "Due within 7 days"
        DUE_TODAY = "due_0", "Due today"
        OVERDUE = "overdue", "Overdue"

    action = models.ForeignKey(
        ActionItem, verbose_name="action", on_delete=models.CASCADE, related_name="reminders"
    )
    due_date = models.DateField("due date")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="sent to", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(
        "kind", max_length=10, choices=Kind.choices, default=Kind.DUE_IN_30,
        help_text="Which nudge, e.g. “Due within 7 days”.",
    )  # fmt: skip
    week = models.PositiveSmallIntegerField(
        "week overdue",
        default=0,
        help_text="For overdue nudges, the week since the due date (1 for the first week); "
        "0 otherwise.",
    )
    sent_at = models.DateTimeField("sent", default=timezone.now)

    class Meta:
        verbose_name = "plan reminder"
        constraints = [
            models.UniqueConstraint(
                fields=["action", "due_date", "recipient", "kind", "week"],
                name="one_nudge_per_due_date_kind_and_week",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=["due_30", "due_7", "due_0", "overdue"]),
                name="plan_reminder_kind_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.action} (due {self.due_date})"


class PlanDigest(models.Model):
    """The weekly digest of an agency's plan sent to one of its owners: one per week (counted
    from Monday), so the daily command sends it once."""

    agency = models.ForeignKey(
        Agency, verbose_name="agency", on_delete=models.CASCADE, related_name="+"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="sent to", on_delete=models.CASCADE, related_name="+"
    )
    week_of = models.DateField("week of", help_text="The Monday of the week, e.g. 2027-03-01.")
    sent_at = models.DateTimeField("sent", default=timezone.now)

    class Meta:
        verbose_name = "weekly plan digest"
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "recipient", "week_of"], name="one_digest_per_owner_and_week"
            ),
        ]

    def __str__(self) -> str:
        return f"Digest of {self.agency} for the week of {self.week_of}"


class CalendarFeed(models.Model):
    """A person's private calendar address: the due dates of the actions they own. Only a
    fingerprint (SHA-256) of its secret is stored; a new address replaces the old one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="person",
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token_hash = models.CharField(
        "address fingerprint",
        max_length=64,
        unique=True,
        editable=False,
        help_text="SHA-256 of the address's secret, e.g. “9f86d081…”; the secret itself is "
        "shown to the person once.",
    )
    created_at = models.DateTimeField("made", default=timezone.now)

    class Meta:
        verbose_name = "calendar feed"

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"


def evidence_path(instance: "Evidence", filename: str) -> str:
    """Where a file is kept in storage: under its agency, with a random name (the name it
    was uploaded with is only in the database)."""
    extension = EVIDENCE_TYPES[instance.kind][1][0]
    return f"evidence/{instance.agency_id}/{uuid.uuid4().hex}{extension}"


# Each kind of evidence file (Evidence.Kind): the content type it is served with, and the
# extensions its name may have (the first is the one a file is stored and named with).
EVIDENCE_TYPES = {
    "pdf": ("application/pdf", (".pdf",)),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (".docx",),
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
    "png": ("image/png", (".png",)),
    "jpeg": ("image/jpeg", (".jpg", ".jpeg")),
}


class Evidence(models.Model):
    """A file that shows work done: attached to an action, or to a statement of an
    assessment (beside its evidence note). Stored through Django's storage API and served only
    by a view that checks the agency."""

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF document"
        DOCX = "docx", "Word document"
        XLSX = "xlsx", "Excel workbook"
        PNG = "png", "PNG image"
        JPEG = "jpeg", "JPEG image"

    agency = models.ForeignKey(
        Agency, verbose_name="agency", on_delete=models.CASCADE, related_name="+"
    )
    assessment = models.ForeignKey(
        Assessment, verbose_name="assessment", on_delete=models.CASCADE, related_name="evidence"
    )
    action = models.ForeignKey(
        ActionItem,
        verbose_name="action",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence",
    )
    item = models.ForeignKey(
        "guidance.Item",
        verbose_name="statement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The rated statement whose evidence note the file supports.",
    )
    file = models.FileField("file", upload_to=evidence_path, max_length=200)
    name = models.CharField(
        "file name", max_length=200, help_text="As uploaded, e.g. “Signed MOU 2027.pdf”."
    )
    kind = models.CharField("type", max_length=10, choices=Kind.choices)
    size = models.PositiveBigIntegerField("size in bytes")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="uploaded by",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("uploaded", default=timezone.now)

    class Meta:
        verbose_name = "evidence file"
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__isnull=False, item__isnull=True)
                | models.Q(action__isnull=True, item__isnull=False),
                name="evidence_for_an_action_or_a_statement",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=["pdf", "docx", "xlsx", "png", "jpeg"]),
                name="evidence_kind_known",
            ),
        ]

    def __str__(self) -> str:
        return self.name
