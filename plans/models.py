"""An assessment's action plan: its actions, their history and reminders, the
information-sharing worksheet; the agency's partner organizations and its promises to the
community."""

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
    return f"evidence/{instance.agency_id}/{uuid.uuid4().hex}.{EVIDENCE_EXTENSIONS[instance.kind]}"


EVIDENCE_EXTENSIONS = {
    "pdf": "pdf",
    "docx": "docx",
    "xlsx": "xlsx",
    "png": "png",
    "jpeg": "jpg",
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
