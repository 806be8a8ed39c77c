"""The action plan: its actions and their history, the agency's partner organizations (an
action's co-owners) and the information-sharing worksheet."""

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.models import Agency, MemberInvitation
from questionnaire.models import NOTE_MAX_LENGTH, Assessment, text_at_most_note_length


class PartnerOrganization(models.Model):
    """An organization the agency works with on the CVI: it can own actions jointly with the
    agency, and (through its own page) take part in the plan."""

    class Kind(models.TextChoices):
        CVI = "cvi", "CVI organization"
        HOSPITAL = "hospital", "Hospital-based program"
        CITY = "city", "City office"
        COMMUNITY = "community", "Faith or community group"
        OTHER = "other", "Other"

    agency = models.ForeignKey(
        Agency, verbose_name="agency", on_delete=models.CASCADE, related_name="partners"
    )
    name = models.CharField(
        "name", max_length=200, help_text="e.g. “Safe Streets Springfield”."
    )
    kind = models.CharField("kind", max_length=20, choices=Kind.choices, default=Kind.CVI)
    contact_name = models.CharField(
        "contact person", max_length=150, blank=True, help_text="e.g. “Dana Reyes”."
    )
    contact_email = models.EmailField(
        "contact's email address", blank=True, help_text="e.g. “dana@safestreets.example”."
    )
    created_at = models.DateTimeField("added", default=timezone.now, editable=False)

    class Meta:
        verbose_name = "partner organization"
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="one_partner_per_name"),
        ]

    def __str__(self) -> str:
        return self.name


class ActionItemQuerySet(models.QuerySet):
    def live(self) -> "ActionItemQuerySet":
        """Actions not carried forward into a later assessment: a reassessment copies the
        plan, and from then on the copy is the one people work on."""
        return self.filter(carried_into=None)


class ActionItem(models.Model):
    """One action of an assessment's plan: the answer to a report suggestion's gaps, or the
    agency's own."""

    class Source(models.TextChoices):
        GAPS = "gaps", "Built from the assessment's gaps on a report suggestion"
        OWN = "own", "Added by the agency"

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        NOT_APPLICABLE = "not_applicable", "Not applicable"

    class Timeframe(models.TextChoices):
        NEXT_30 = "30", "Next 30 days"
        NEXT_60 = "60", "Next 60 days"
        NEXT_90 = "90", "Next 90 days"
        LATER = "later", "Later"

    CLOSED = (Status.DONE, Status.NOT_APPLICABLE)
    DUE_SOON_DAYS = 30

    assessment = models.ForeignKey(
        Assessment, verbose_name="assessment", on_delete=models.CASCADE, related_name="actions"
    )
    source = models.CharField(
        "source", max_length=10, choices=Source.choices, default=Source.OWN, editable=False
    )
    item = models.ForeignKey(
        "guidance.Item",
        verbose_name="statement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="A rated statement this action answers in particular, e.g. one on which "
        "perspectives differ; empty for most actions.",
    )
    suggestion = models.ForeignKey(
        "guidance.Suggestion",
        verbose_name="report suggestion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The report suggestion whose gaps the action answers; empty for the agency's "
        "own actions.",
    )
    title = models.CharField(
        "action",
        max_length=300,
        help_text="What will be done, as a task with a deliverable, e.g. “Draft an "
        "information-sharing agreement with Safe Streets for the chief's signature”.",
    )
    partner = models.CharField(
        "jointly with",
        max_length=200,
        blank=True,
        help_text="A partner organization that owns the action with you, e.g. “Safe Streets "
        "outreach team”.",
    )
    partner_organization = models.ForeignKey(
        PartnerOrganization,
        verbose_name="co-owned by",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        help_text="One of the agency's partner organizations that owns the action jointly.",
    )
    # One owner: a member of the team, someone invited to it, or a person outside it (typed).
    owner = models.CharField(
        "owner outside the team",
        max_length=200,
        blank=True,
        help_text="A named person outside the agency's team, e.g. “Dana Reyes, Safe Streets "
        "site lead”; empty when the owner is a member or has been invited.",
    )
    owner_member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="owner from the team",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="A member of the agency who owns the action and is emailed about it, e.g. "
        "the deputy chief.",
    )
    owner_invitation = models.ForeignKey(
        MemberInvitation,
        verbose_name="owner invited to the team",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="A colleague invited to the team who has not joined yet; once they join, "
        "they own the action as a member.",
    )
    uid = models.UUIDField(
        "calendar identifier",
        default=uuid.uuid4,
        editable=False,
        help_text="Names the action's due date in calendars; kept when the plan is carried "
        "forward, so a calendar shows one event, e.g. 0b5c…",
    )
    carried_from = models.ForeignKey(
        "self",
        verbose_name="carried forward from",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="carried_into",
        help_text="The same action in the assessment this one was copied from.",
    )
    timeframe = models.CharField(
        "timeframe",
        max_length=10,
        choices=Timeframe.choices,
        blank=True,
        help_text="When it should be done, counted from the day you choose it, e.g. “Next 30 "
        "days”. A target date, if you set one, comes first.",
    )
    timeframe_set_on = models.DateField("timeframe chosen on", null=True, blank=True)
    target_date = models.DateField(
        "target date", null=True, blank=True, help_text="e.g. 2027-03-31. Optional."
    )
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    notes = models.TextField(
        "notes",
        blank=True,
        max_length=NOTE_MAX_LENGTH,
        help_text="Progress, decisions, who else is involved, e.g. “Met Safe Streets on May 2”.",
    )
    order = models.PositiveIntegerField("order", default=0)
    created_at = models.DateTimeField("created", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("last saved", auto_now=True)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "action"
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "suggestion"],
                condition=models.Q(source="gaps"),
                name="one_gaps_action_per_suggestion",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    status__in=["not_started", "in_progress", "done", "not_applicable"]
                ),  # fmt: skip
                name="action_status_known",
            ),
            models.CheckConstraint(
                condition=models.Q(timeframe__in=["", "30", "60", "90", "later"]),
                name="action_timeframe_known",
            ),
            models.CheckConstraint(
                condition=~models.Q(source="gaps") | models.Q(suggestion__isnull=False),
                name="gaps_action_has_suggestion",
            ),
            text_at_most_note_length("notes", "action_notes_length"),
            models.CheckConstraint(
                # At most one of: a typed name, a member, an invitation.
                condition=(models.Q(owner="") | models.Q(owner_member__isnull=True))
                & (models.Q(owner="") | models.Q(owner_invitation__isnull=True))
                & (models.Q(owner_member__isnull=True) | models.Q(owner_invitation__isnull=True)),
                name="action_has_one_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def owner_label(self) -> str:
        """Who owns it, in words: a member's name, an invited address, or the typed name."""
        if self.owner_member_id is not None:
            return self.owner_member.full_name or self.owner_member.email
        if self.owner_invitation_id is not None:
            invitation = self.owner_invitation
            ended = invitation.withdrawn_at is not None or invitation.accepted_at is not None
            return f"{invitation.email} ({'invitation withdrawn' if ended else 'invited'})"
        return self.owner

    @property
    def partner_label(self) -> str:
        """The partner organization that co-owns it, or the partner typed."""
        if self.partner_organization_id is not None:
            return self.partner_organization.name
        return self.partner

    @property
    def is_from_gaps(self) -> bool:
        return self.source == self.Source.GAPS

    @property
    def due_date(self) -> date | None:
        """The target date, or the end of the timeframe counted from when it was chosen."""
        if self.target_date is not None:
            return self.target_date
        if self.timeframe.isdigit() and self.timeframe_set_on is not None:
            return self.timeframe_set_on + timedelta(days=int(self.timeframe))
        return None

    @property
    def is_open(self) -> bool:
        return self.status not in self.CLOSED

    @property
    def is_overdue(self) -> bool:
        due = self.due_date
        return self.is_open and due is not None and due < timezone.localdate()

    @property
    def is_due_soon(self) -> bool:
        """Open and due within the next DUE_SOON_DAYS days (today included)."""
        due = self.due_date
        today = timezone.localdate()
        return (
            self.is_open
            and due is not None
            and today <= due <= today + timedelta(days=self.DUE_SOON_DAYS)
        )


class ActionStatusChange(models.Model):
    """Who set an action's status, and when: the action's history."""

    action = models.ForeignKey(
        ActionItem, verbose_name="action", on_delete=models.CASCADE, related_name="history"
    )
    status = models.CharField("status", max_length=20, choices=ActionItem.Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="changed by",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    changed_by_partner = models.ForeignKey(
        PartnerOrganization,
        verbose_name="changed by the partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Set when the co-owning partner changed the status on its own page, e.g. "
        "“Safe Streets Springfield”.",
    )
    changed_at = models.DateTimeField("changed", default=timezone.now)

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = "status change"

    def __str__(self) -> str:
        return f"{self.get_status_display()} on {self.changed_at:%Y-%m-%d}"

    @property
    def changed_by_label(self) -> str:
        """Who set the status, in words: the member (name, else email), or the partner; empty
        when nobody is recorded (a row from before people were recorded)."""
        if self.changed_by_id:
            return self.changed_by.full_name or self.changed_by.email
        if self.changed_by_partner_id:
            return f"{self.changed_by_partner.name} (partner)"
        return ""


class InformationSharingWorksheet(models.Model):
    """The agency's draft parameters for sharing information with its CVI partners.

    The report calls information sharing the most contentious part of a CVI and advises
    agreeing at the outset what is shared and by whom (pp. 22-23).
    """

    class Flow(models.TextChoices):
        UNDECIDED = "undecided", "Not decided yet"
        ONE_WAY = "one_way", "One-way: from the police to community partners"
        TWO_WAY = "two_way", "Two-way: partners also share information with the police"

    assessment = models.OneToOneField(
        Assessment,
        verbose_name="assessment",
        on_delete=models.CASCADE,
        related_name="worksheet",
    )
    flow = models.CharField(
        "Which way will information flow?",
        max_length=20,
        choices=Flow.choices,
        default=Flow.UNDECIDED,
    )
    information_kinds = models.TextField(
        "What kinds of information will be shared?",
        blank=True,
        max_length=NOTE_MAX_LENGTH,
        help_text="For example: general, non-identifying information about ongoing conflicts; "
        "names of people at highest risk; shooting locations.",
    )
    recipients = models.TextField(
        "Who may receive it?",
        blank=True,
        max_length=NOTE_MAX_LENGTH,
        help_text="Named roles in each organization, e.g. “outreach supervisor”, not whole teams.",
    )
    protections = models.TextField(
        "How will it be protected?",
        blank=True,
        max_length=NOTE_MAX_LENGTH,
        help_text="Storage, retention, who may pass it on, what happens after a breach.",
    )
    sign_off = models.TextField(
        "Who signs off, and how will the agreement be reviewed?",
        blank=True,
        max_length=NOTE_MAX_LENGTH,
        help_text="e.g. the chief and the executive director of the lead CVI organization; "
        "reviewed every six months.",
    )
    updated_at = models.DateTimeField("last saved", auto_now=True)

    class Meta:
        verbose_name = "information-sharing worksheet"
        constraints = [
            text_at_most_note_length(field, f"worksheet_{field}_length")
            for field in ["information_kinds", "recipients", "protections", "sign_off"]
        ]

    def __str__(self) -> str:
        return f"Information-sharing worksheet of {self.assessment}"

    @property
    def is_blank(self) -> bool:
        return self.flow == self.Flow.UNDECIDED and not any(
            [self.information_kinds, self.recipients, self.protections, self.sign_off]
        )


# "What we need" from city hall: at most this many, each at most this long (the brief's room).
NEEDS_MAX = 5
NEED_MAX_LENGTH = 100


class PlanNeed(models.Model):
    """One thing the chief needs from city hall to carry out the plan ("What we need"):
    funding, an approval, a briefing. A short list, at most NEEDS_MAX of NEED_MAX_LENGTH
    characters each, so that it always fits on the one-page command brief."""

    assessment = models.ForeignKey(
        Assessment, verbose_name="assessment", on_delete=models.CASCADE, related_name="needs"
    )
    position = models.PositiveSmallIntegerField(
        "position", help_text="Where it stands in the list, 1 (first) to 5."
    )
    text = models.CharField(
        "what we need",
        max_length=NEED_MAX_LENGTH,
        help_text="e.g. “Council approval of the data-sharing agreement by June”.",
    )

    class Meta:
        verbose_name = "what we need from city hall"
        verbose_name_plural = "what we need from city hall"
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "position"], name="one_plan_need_per_position"
            ),
            models.CheckConstraint(
                condition=models.Q(position__gte=1, position__lte=NEEDS_MAX),
                name="plan_need_position_within_list",
            ),
            models.CheckConstraint(condition=~models.Q(text=""), name="plan_need_not_blank"),
            text_at_most_note_length("text", "plan_need_length", limit=NEED_MAX_LENGTH),
        ]

    def __str__(self) -> str:
        return self.text
