"""Peer figures' summary: how many participating agencies have each score and each answer,
per cell (agency type, size band, census region), kept by the database. Only verified
agencies are counted, and demo agencies apart (``demo``), read only in demo mode.

Every results page compares an agency with its peer groups; computing that from every
agency's stored scores takes hundreds of milliseconds once thousands of agencies take part.
So the counts are kept here, small (at most a few thousand rows), and rebuilt from the stored
scores in the same transaction as every write that can change them (benchmarks/summary.py):
a submission, and any change to an agency (its sharing choice, type, size or state).
"""

from django.db import models


class PeerScoreCount(models.Model):
    """Participating agencies whose latest submission gave this score, in one cell."""

    domain = models.ForeignKey(
        "guidance.Domain",
        verbose_name="section",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="The section scored, e.g. “Buy-in”; empty for the overall score.",
    )
    score = models.PositiveSmallIntegerField("score", help_text="0 to 100, e.g. 62.")
    agency_type = models.CharField("type of agency", max_length=20, help_text="e.g. municipal.")
    size_band = models.CharField("size band", max_length=10, help_text="e.g. 100-499.")
    census_region = models.CharField("census region", max_length=12, help_text="e.g. midwest.")
    agencies = models.PositiveIntegerField("agencies", help_text="e.g. 12.")
    demo = models.BooleanField(
        "demo agencies",
        default=False,
        help_text="Counts of seed_demo's agencies, read only in demo mode (DEMO_MODE).",
    )

    class Meta:
        verbose_name = "peer score count"

    def __str__(self) -> str:
        return f"{self.agencies} agencies scored {self.score}"


class PeerAnswerCount(models.Model):
    """Participating agencies whose latest submission gave a statement these points."""

    item = models.ForeignKey(
        "guidance.Item", verbose_name="rated item", on_delete=models.CASCADE, related_name="+"
    )
    points = models.PositiveSmallIntegerField("points", help_text="0 to 4, e.g. 2.")
    agencies = models.PositiveIntegerField("agencies", help_text="e.g. 12.")
    demo = models.BooleanField(
        "demo agencies",
        default=False,
        help_text="Counts of seed_demo's agencies, read only in demo mode (DEMO_MODE).",
    )

    class Meta:
        verbose_name = "peer answer count"

    def __str__(self) -> str:
        return f"{self.agencies} agencies gave {self.points} points"
