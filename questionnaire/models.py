"""Assessments, their answers, action plans and invited perspectives."""

import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from accounts.models import Agency
from guidance.models import Perspective
from questionnaire.scoring import THRESHOLDS


class Answer(models.TextChoices):
    """The five-level scale of a rated item, plus "don't know"."""

    NOT_IN_PLACE = "not_in_place", "Not in place"
    PLANNED = "planned", "Planned or under discussion"
    PARTLY = "partly", "Partly in place"
    LARGELY = "largely", "Largely in place"
    FULLY = "fully", "Fully in place and sustained"
    DONT_KNOW = "dont_know", "Don't know"


def answer_label(value: str) -> str:
    """The label of an answer on the scale ("Partly in place"); "" when unanswered."""
    return Answer(value).label if value in Answer.values else ""


class YesNoUnsure(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    UNSURE = "unsure", "Not sure"


class PreferredRole(models.TextChoices):
    SUPPORT = "support", "Support a community-led CVI"
    LEAD = "lead", "Lead a CVI ourselves"
    EITHER = "either", "Either, depending on the community"
    UNSURE = "unsure", "Not sure"


class CviType(models.TextChoices):
    STREET_OUTREACH = "street_outreach", "Violence interruption or street outreach"
    GROUP_VIOLENCE = "group_violence", "Group violence intervention or focused deterrence"
    HOSPITAL = "hospital", "Hospital-based violence intervention"
    PLACE_BASED = "place_based", "Place-based approaches (for example vacant-lot greening)"
    COGNITIVE = "cognitive", "Cognitive-behavioural programs"
    VICTIM_SERVICES = "victim_services", "Victim and survivor services"
    MENTORING = "mentoring", "Mentoring and fellowships"
    SCHOOL = "school", "School-based programs"
    DIVERSION = "diversion", "Diversion"
    NONE = "none", "None operates locally"
    UNSURE = "unsure", "Not sure"


# The agency-context questions (following PERF's survey findings), stored on the assessment.
CONTEXT_FIELDS = [
    "has_participated",
    "participation_start_year",
    "would_participate_again",
    "would_participate",
    "community_shares_responsibility",
    "preferred_role",
    "local_cvi_types",
]


class AssessmentQuerySet(models.QuerySet):
    def for_user(self, user) -> "AssessmentQuerySet":
        """Only the assessments of the user's own agency; none for anyone else."""
        if not user.is_authenticated or user.agency_id is None:
            return self.none()
        return self.filter(agency_id=user.agency_id)

    def with_answered_count(self, item_ids: list[int]) -> "AssessmentQuerySet":
        """Each assessment with ``answered``: how many of these items it rated (one query)."""
        return self.annotate(
            answered=models.Count(
                "responses",
                filter=models.Q(responses__item_id__in=item_ids) & ~models.Q(responses__value=""),
            )
        )


class Assessment(models.Model):
    """One run of the self-assessment by an agency."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(
        Agency, verbose_name="agency", on_delete=models.PROTECT, related_name="assessments"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="started by",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField("started", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("last saved", auto_now=True)
    submitted_at = models.DateTimeField("submitted", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="submitted by",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    # Agency context: questions that follow PERF's survey findings, so answers can be set
    # beside them.
    has_participated = models.CharField(
        "Has your agency taken part in a CVI?",
        max_length=10,
        choices=YesNoUnsure.choices,
        blank=True,
    )
    participation_start_year = models.PositiveSmallIntegerField(
        "If it has: in which year did its participation begin?",
        null=True,
        blank=True,
        help_text="For example 2019.",
    )
    would_participate_again = models.CharField(
        "If it has: would it take part in a CVI again?",
        max_length=10,
        choices=YesNoUnsure.choices,
        blank=True,
    )
    would_participate = models.CharField(
        "If it has not: would it take part in one?",
        max_length=10,
        choices=YesNoUnsure.choices,
        blank=True,
    )
    community_shares_responsibility = models.CharField(
        "Does the community share responsibility for addressing violence?",
        max_length=10,
        choices=YesNoUnsure.choices,
        blank=True,
    )
    preferred_role = models.CharField(
        "Would your agency rather lead a CVI or support a community-led one?",
        max_length=10,
        choices=PreferredRole.choices,
        blank=True,
    )
    local_cvi_types = models.JSONField(
        "Which kinds of CVI operate in your jurisdiction?",
        default=list,
        blank=True,
        help_text="Choose all that apply.",
    )

    # Set when the action plan was first built from the gaps.
    plan_created_at = models.DateTimeField("action plan created", null=True, blank=True)

    # What scoring needs, frozen when the assessment is submitted, so later edits of
    # weights or items never change a submitted assessment's results.
    scoring_snapshot = models.JSONField(null=True, blank=True, editable=False)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "assessment"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="draft")
                | models.Q(submitted_at__isnull=False, scoring_snapshot__isnull=False),
                name="assessment_submitted_has_date_and_snapshot",
            ),
            models.CheckConstraint(
                condition=models.Q(participation_start_year__isnull=True)
                | models.Q(participation_start_year__gte=1950, participation_start_year__lte=2100),
                name="assessment_start_year_plausible",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} assessment of {self.created_at:%Y-%m-%d}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED

    def context_answer(self, name: str) -> str:
        """The answer to one agency-context question as shown to people; "" if unanswered."""
        value = getattr(self, name)
        if name == "local_cvi_types":
            return "; ".join(CviType(v).label if v in CviType.values else v for v in value)
        if value in (None, ""):
            return ""
        if self._meta.get_field(name).choices:
            return getattr(self, f"get_{name}_display")()
        return str(value)


class Response(models.Model):
    """The answer to one rated item in one assessment (at most one per item)."""

    assessment = models.ForeignKey(
        Assessment, verbose_name="assessment", on_delete=models.CASCADE, related_name="responses"
    )
    # PROTECT: a guidance item that has answers can be retired but never deleted.
    item = models.ForeignKey(
        "guidance.Item", verbose_name="rated item", on_delete=models.PROTECT, related_name="+"
    )
    value = models.CharField("answer", max_length=20, choices=Answer.choices, blank=True)
    note = models.TextField("note", blank=True, max_length=2000)
    updated_at = models.DateTimeField("last saved", auto_now=True)

    class Meta:
        verbose_name = "answer"
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="one_response_per_item"),
            models.CheckConstraint(
                condition=models.Q(value__in=[*Answer.values, ""]),
                name="response_value_on_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"Answer {self.pk}"


class ActionItem(models.Model):
    """One action of an assessment's plan: usually the answer to a gap, or the agency's own."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        NOT_APPLICABLE = "not_applicable", "Not applicable"

    assessment = models.ForeignKey(
        Assessment, verbose_name="assessment", on_delete=models.CASCADE, related_name="actions"
    )
    item = models.ForeignKey(
        "guidance.Item",
        verbose_name="gap",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The rated item whose gap this action answers; empty for the agency's own.",
    )
    suggestion = models.ForeignKey(
        "guidance.Suggestion",
        verbose_name="report suggestion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    title = models.CharField("action", max_length=300)
    partner = models.CharField(
        "jointly with",
        max_length=200,
        blank=True,
        help_text="A partner organisation that owns the action with you, e.g. “Safe Streets "
        "outreach team”.",
    )
    owner = models.CharField(
        "owner",
        max_length=200,
        blank=True,
        help_text="A person or a partner organisation, e.g. “Deputy Chief Ortiz” or “Cure "
        "Violence site lead”.",
    )
    target_date = models.DateField("target date", null=True, blank=True)
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    notes = models.TextField("notes", blank=True, max_length=2000)
    order = models.PositiveIntegerField("order", default=0)
    created_at = models.DateTimeField("created", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("last saved", auto_now=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "action"
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "item"],
                condition=models.Q(item__isnull=False),
                name="one_action_per_gap",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    status__in=["not_started", "in_progress", "done", "not_applicable"]
                ),  # fmt: skip
                name="action_status_known",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        return (
            self.target_date is not None
            and self.target_date < timezone.localdate()
            and self.status not in (self.Status.DONE, self.Status.NOT_APPLICABLE)
        )


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
        max_length=2000,
        help_text="For example: general, non-identifying information about ongoing conflicts; "
        "names of people at highest risk; shooting locations.",
    )
    recipients = models.TextField(
        "Who may receive it?",
        blank=True,
        max_length=2000,
        help_text="Named roles in each organisation, e.g. “outreach supervisor”, not whole teams.",
    )
    protections = models.TextField(
        "How will it be protected?",
        blank=True,
        max_length=2000,
        help_text="Storage, retention, who may pass it on, what happens after a breach.",
    )
    sign_off = models.TextField(
        "Who signs off, and how will the agreement be reviewed?",
        blank=True,
        max_length=2000,
        help_text="e.g. the chief and the executive director of the lead CVI organisation; "
        "reviewed every six months.",
    )
    updated_at = models.DateTimeField("last saved", auto_now=True)

    class Meta:
        verbose_name = "information-sharing worksheet"

    def __str__(self) -> str:
        return f"Information-sharing worksheet of {self.assessment}"

    @property
    def is_blank(self) -> bool:
        return self.flow == self.Flow.UNDECIDED and not any(
            [self.information_kinds, self.recipients, self.protections, self.sign_off]
        )


def new_invitation_token() -> str:
    # 32 random bytes: far beyond guessing, and URL-safe.
    return secrets.token_urlsafe(32)


def default_expiry():
    return timezone.localdate() + timedelta(days=30)


class Invitation(models.Model):
    """A link through which one perspective answers an assessment's rated items, anonymously."""

    assessment = models.ForeignKey(
        Assessment, verbose_name="assessment", on_delete=models.CASCADE, related_name="invitations"
    )
    perspective = models.CharField("perspective", max_length=30, choices=Perspective.choices)
    label = models.CharField(
        "name for your own use",
        max_length=120,
        blank=True,
        help_text="Only you see it, e.g. “North district roll call” or “Cure Violence staff”.",
    )
    token = models.CharField(
        max_length=64, unique=True, default=new_invitation_token, editable=False
    )
    expires_on = models.DateField(
        "open until", default=default_expiry, help_text="The last day the link accepts answers."
    )
    max_responses = models.PositiveIntegerField(
        "most answers accepted",
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text="The link closes after this many answers (1 to 1,000).",
    )
    revoked_at = models.DateTimeField("withdrawn", null=True, blank=True)
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
        ]

    def __str__(self) -> str:
        return f"{self.get_perspective_display()} invitation"


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
    note = models.TextField(blank=True, max_length=2000)

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
        ]

    def __str__(self) -> str:
        return f"Invited answer {self.pk}"


# The readiness levels as scoring sets them (scoring.THRESHOLDS), for the stored scores.
LEVEL_CHOICES = [(key, label) for _, key, label in reversed(THRESHOLDS)]


class SubmittedScore(models.Model):
    """A score of a submitted assessment as it was given: one per section, one overall.

    Written once, at submission, from the scoring snapshot (records.py), and never changed:
    the record the database aggregates across agencies (peer benchmarks, the program view)
    and across an agency's reassessments.
    """

    assessment = models.ForeignKey(
        Assessment,
        verbose_name="assessment",
        on_delete=models.CASCADE,
        related_name="submitted_scores",
    )
    domain = models.ForeignKey(
        "guidance.Domain",
        verbose_name="section",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The questionnaire section scored, e.g. “Buy-in”; empty for the overall score.",
    )
    score = models.PositiveSmallIntegerField(
        "score",
        null=True,
        blank=True,
        help_text="0 to 100, e.g. 62; empty when nothing in it was rated on the scale.",
    )
    level = models.CharField(
        "readiness level",
        max_length=20,
        choices=LEVEL_CHOICES,
        blank=True,
        help_text="The level of the score, e.g. “Established”; empty when there is no score.",
    )
    rated = models.PositiveSmallIntegerField(
        "statements rated", help_text="Rated on the scale, e.g. 3 of 4."
    )
    dont_know = models.PositiveSmallIntegerField("“don't know” answers", help_text="e.g. 1.")
    total = models.PositiveSmallIntegerField("statements", help_text="e.g. 4.")

    class Meta:
        verbose_name = "submitted score"
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "domain"], name="one_submitted_score_per_section"
            ),
            models.UniqueConstraint(
                fields=["assessment"],
                condition=models.Q(domain__isnull=True),
                name="one_overall_submitted_score",
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True, level="")
                | models.Q(score__gte=0, score__lte=100) & ~models.Q(level=""),
                name="submitted_score_0_to_100_with_level",
            ),
        ]

    def __str__(self) -> str:
        return f"Submitted score {self.pk}"


class SubmittedAnswer(models.Model):
    """One rated statement of a submitted assessment as it was scored (from the snapshot)."""

    class Gap(models.TextChoices):
        NONE = "", "No gap"
        ACT = "act", "Act"
        FIND_OUT = "find_out", "Find out"

    assessment = models.ForeignKey(
        Assessment,
        verbose_name="assessment",
        on_delete=models.CASCADE,
        related_name="submitted_answers",
    )
    item = models.ForeignKey(
        "guidance.Item", verbose_name="rated item", on_delete=models.PROTECT, related_name="+"
    )
    domain = models.ForeignKey(
        "guidance.Domain",
        verbose_name="section",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The section the statement counted towards when submitted, e.g. “Buy-in”.",
    )
    suggestion = models.ForeignKey(
        "guidance.Suggestion",
        verbose_name="report suggestion",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The suggestion the statement was tied to when submitted, e.g. “Conduct a "
        "capacity assessment before agreeing to the work”.",
    )
    weight = models.PositiveSmallIntegerField("weight", help_text="1 to 5 when submitted, e.g. 2.")
    value = models.CharField(
        "answer", max_length=20, choices=Answer.choices, blank=True, help_text="e.g. “partly”."
    )
    points = models.PositiveSmallIntegerField(
        "points",
        null=True,
        blank=True,
        help_text="0 to 4 on the scale, e.g. 2 for “partly in place”; empty for “don't know” "
        "or no answer.",
    )
    gap = models.CharField(
        "gap",
        max_length=10,
        choices=Gap.choices,
        blank=True,
        help_text="“act” below “largely in place”, “find out” for “don't know”, e.g. “act”.",
    )

    class Meta:
        verbose_name = "submitted answer"
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "item"], name="one_submitted_answer_per_item"
            ),
            models.CheckConstraint(
                condition=models.Q(points__isnull=True) | models.Q(points__lte=4),
                name="submitted_answer_points_0_to_4",
            ),
            models.CheckConstraint(
                condition=models.Q(gap__in=["", "act", "find_out"]),
                name="submitted_answer_gap_known",
            ),
        ]

    def __str__(self) -> str:
        return f"Submitted answer {self.pk}"
