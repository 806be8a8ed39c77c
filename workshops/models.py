"""A command-staff workshop: several people rate an assessment's statements alone, then agree.

Each rater's ratings are kept beside the assessment's answers (``questionnaire.Response``), which
hold the level the group agreed on. Ratings stay hidden from everyone else until the workshop
is revealed (by an owner, or when every rater has finished); from then on, and once the
assessment is submitted, they no longer change: they are the record of how far the raters
agreed before discussion.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from guidance.models import Item
from questionnaire.models import NOTE_MAX_LENGTH, Answer, Assessment, text_at_most_note_length


class Workshop(models.Model):
    """One workshop per assessment, started by an owner while it is a draft."""

    assessment = models.OneToOneField(
        Assessment, verbose_name="assessment", on_delete=models.CASCADE, related_name="workshop"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="started by",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    started_at = models.DateTimeField("started", default=timezone.now, editable=False)
    anonymous = models.BooleanField(
        "counts only",
        default=False,
        help_text="When ticked, the raters and owners see how many people chose each level, "
        "never who; otherwise each rating is shown with its rater's name, e.g. “Bob Deputy: "
        "partly in place”.",
    )
    revealed_at = models.DateTimeField(
        "ratings revealed",
        null=True,
        blank=True,
        help_text="When the ratings became visible to the raters and owners, e.g. May 4, 2026, "
        "10:02: an owner revealed them, or the last rater finished. Empty while rating goes on.",
    )
    revealed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="revealed by",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The owner who revealed the ratings; empty when the last rater's finishing "
        "revealed them.",
    )

    class Meta:
        verbose_name = "workshop"

    def __str__(self) -> str:
        return f"Workshop {self.pk}"

    @property
    def is_revealed(self) -> bool:
        return self.revealed_at is not None


class Rater(models.Model):
    """A member of the agency asked to rate in a workshop."""

    workshop = models.ForeignKey(
        Workshop, verbose_name="workshop", on_delete=models.CASCADE, related_name="raters"
    )
    # SET_NULL with the name kept: the ratings of someone whose account is deleted still
    # count, under the name they rated with.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workshop_raters",
    )
    name = models.CharField(
        "name",
        max_length=150,
        help_text="The rater's name when the workshop started, as the others see it, e.g. "
        "“Bob Deputy”.",
    )
    finished_at = models.DateTimeField(
        "finished",
        null=True,
        blank=True,
        help_text="When the rater said they had finished, e.g. May 3, 2026, 16:40.",
    )

    class Meta:
        verbose_name = "rater"
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "user"], name="one_rater_per_person"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def has_finished(self) -> bool:
        return self.finished_at is not None


class Rating(models.Model):
    """One rater's rating of one statement, made alone, before the discussion."""

    rater = models.ForeignKey(
        Rater, verbose_name="rater", on_delete=models.CASCADE, related_name="ratings"
    )
    # PROTECT: a statement that has ratings can be retired, never deleted.
    item = models.ForeignKey(
        "guidance.Item", verbose_name="rated item", on_delete=models.PROTECT, related_name="+"
    )
    value = models.CharField(
        "rating", max_length=20, choices=Answer.choices, blank=True, help_text="e.g. “partly”."
    )
    note = models.TextField(
        "evidence or note",
        blank=True,
        max_length=NOTE_MAX_LENGTH,
        help_text="What the rater wrote beside the rating, e.g. “Two of five districts hold "
        "monthly meetings.”",
    )
    # When the rating was last changed: an editor compares agreement on ratings made before
    # and after a change of the statement's level descriptions.
    updated_at = models.DateTimeField("last saved", auto_now=True)

    class Meta:
        verbose_name = "rating"
        constraints = [
            models.UniqueConstraint(fields=["rater", "item"], name="one_rating_per_item"),
            models.CheckConstraint(
                condition=models.Q(value__in=[*Answer.values, ""]), name="rating_value_on_scale"
            ),
            text_at_most_note_length("note", "rating_note_length"),
        ]

    def __str__(self) -> str:
        return f"Rating {self.pk}"


class StatementAgreement(Item):
    """A rated statement as the guidance editors look at it in the admin: how far the raters
    of every workshop agreed on it (workshops/admin.py). No table of its own."""

    class Meta:
        proxy = True
        verbose_name = "agreement per statement"
        verbose_name_plural = "agreement per statement"
