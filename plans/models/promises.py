"""The agency's promises to the community, and whether it publishes their list."""


from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.models import Agency
from questionnaire.models import NOTE_MAX_LENGTH, text_at_most_note_length


class Promise(models.Model):
    """Something the agency has promised the community, and what it did about it.

    The report asks agencies to deliver on the promises they make to the community, since
    promises not kept can further damage relations (pp. 19-20). An owner can publish the list
    (``PromiseList``), so ``made_to`` names a group or a meeting, never a private person.
    """

    class Status(models.TextChoices):
        OPEN = "open", "Not yet kept"
        KEPT = "kept", "Kept"
        NOT_KEPT = "not_kept", "Not kept"

    agency = models.ForeignKey(
        Agency, verbose_name="agency", on_delete=models.CASCADE, related_name="promises"
    )
    promise = models.CharField(
        "what was promised",
        max_length=300,
        help_text="As the community heard it, e.g. “A monthly community meeting in the Eastside, "
        "with the district commander present”.",
    )
    made_to = models.CharField(
        "promised to",
        max_length=200,
        help_text="A group or a meeting, not a private person (the list may be published), e.g. "
        "“Eastside Neighborhood Association”.",
    )
    made_on = models.DateField("promised on", help_text="e.g. 2027-03-04.")
    due_on = models.DateField(
        "to be kept by", null=True, blank=True, help_text="e.g. 2027-06-30. Optional."
    )
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.OPEN)
    outcome = models.TextField(
        "what the agency did",
        blank=True,
        max_length=NOTE_MAX_LENGTH,
        help_text="What was done, or why the promise was not kept, e.g. “Meetings held on April 1, "
        "May 6 and June 3; minutes posted at the library.”",
    )
    created_at = models.DateTimeField("recorded", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("last saved", auto_now=True)

    class Meta:
        verbose_name = "promise to the community"
        verbose_name_plural = "promises to the community"
        ordering = ["-made_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["open", "kept", "not_kept"]),
                name="promise_status_known",
            ),
            models.CheckConstraint(
                condition=models.Q(due_on__isnull=True) | models.Q(due_on__gte=models.F("made_on")),
                name="promise_due_after_it_was_made",
            ),
            text_at_most_note_length("outcome", "promise_outcome_length"),
        ]

    def __str__(self) -> str:
        return self.promise

    @property
    def is_overdue(self) -> bool:
        """Not yet kept, and the day it was to be kept by has passed."""
        return (
            self.status == self.Status.OPEN
            and self.due_on is not None
            and self.due_on < timezone.localdate()
        )


class PromiseList(models.Model):
    """Whether the agency's promises are published as a public page. Off until an owner
    publishes it."""

    agency = models.OneToOneField(
        Agency, verbose_name="agency", on_delete=models.CASCADE, related_name="promise_list"
    )
    published_at = models.DateTimeField(
        "published",
        null=True,
        blank=True,
        help_text="When an owner published the list, e.g. March 3, 2027, 10:15; empty while it "
        "is not public.",
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="published by",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "public list of promises"

    def __str__(self) -> str:
        return f"Promises of {self.agency}"

    @property
    def is_public(self) -> bool:
        return self.published_at is not None
