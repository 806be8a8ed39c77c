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
    COGNITIVE = "cognitive", "Cognitive-behavioral programs"
    VICTIM_SERVICES = "victim_services", "Victim and survivor services"
    MENTORING = "mentoring", "Mentoring and fellowships"
    SCHOOL = "school", "School-based programs"
    DIVERSION = "diversion", "Diversion"
    NONE = "none", "None operates locally"
    UNSURE = "unsure", "Not sure"


# Topics PERF's 2023 survey asked about whose results the brief does not give: how agencies
# became involved, their role, how they staffed and funded it, whom (or what) the CVI targeted.
# The choices are ours; the answers are context for the agency, not scored or compared.
class InvolvementRoute(models.TextChoices):
    COMMUNITY = "community", "A community organization or CVI program asked us to take part"
    GOVERNMENT = "government", "City, county or state leaders asked us to take part"
    OWN_INITIATIVE = "own_initiative", "Our agency proposed it"
    FUNDING = "funding", "A grant or other funding opportunity"
    OTHER = "other", "Another way"
    UNSURE = "unsure", "Not sure"


class AgencyRole(models.TextChoices):
    DESIGN = "design", "Helped design or plan the intervention"
    COORDINATE = "coordinate", "Leads or coordinates it"
    REFERRALS = "referrals", "Refers people to it"
    INFORMATION = "information", "Shares information with partners"
    MEETINGS = "meetings", "Takes part in meetings with the people the CVI works with"
    SUPPORT = "support", "Supports partners in other ways, such as training or space"
    OTHER = "other", "Another role"
    UNSURE = "unsure", "Not sure"


class Staffing(models.TextChoices):
    DEDICATED = "dedicated", "Officers or a unit assigned to it full time"
    ALONGSIDE = "alongside", "Officers who do it alongside their regular duties"
    COMMAND = "command", "A member of command staff as liaison"
    CIVILIAN = "civilian", "Civilian staff"
    OTHER = "other", "Another way"
    UNSURE = "unsure", "Not sure"


class FundingSource(models.TextChoices):
    AGENCY_BUDGET = "agency_budget", "The agency's existing budget"
    LOCAL = "local", "New city or county funds"
    STATE = "state", "State grants or funds"
    FEDERAL = "federal", "Federal grants"
    PRIVATE = "private", "Private or philanthropic funds"
    OTHER = "other", "Another source"
    UNSURE = "unsure", "Not sure"


class CviFocus(models.TextChoices):
    INDIVIDUALS = "individuals", "People at the highest risk of shooting or being shot"
    GROUPS = "groups", "Groups or crews involved in violence"
    PLACES = "places", "Places where violence is concentrated"
    YOUTH = "youth", "Young people"
    VICTIMS = "victims", "People hurt by violence, and their families"
    OTHER = "other", "Someone or something else"
    UNSURE = "unsure", "Not sure"


# The agency-context questions (following PERF's survey), stored on the assessment.
CONTEXT_FIELDS = [
    "has_participated",
    "participation_start_year",
    "would_participate_again",
    "involvement_routes",
    "agency_roles",
    "staffing",
    "funding_sources",
    "cvi_focus",
    "would_participate",
    "community_shares_responsibility",
    "preferred_role",
    "local_cvi_types",
]
# Questions answered with a list of choices ("choose all that apply").
LIST_CHOICES: dict[str, type[models.TextChoices]] = {
    "involvement_routes": InvolvementRoute,
    "agency_roles": AgencyRole,
    "staffing": Staffing,
    "funding_sources": FundingSource,
    "cvi_focus": CviFocus,
    "local_cvi_types": CviType,
}
# Follow-up questions that apply only to one answer of "Has your agency taken part in a CVI?";
# answers to them are not kept when that answer is different.
IF_TAKEN_PART = [
    "participation_start_year",
    "would_participate_again",
    "involvement_routes",
    "agency_roles",
    "staffing",
    "funding_sources",
    "cvi_focus",
]
IF_NOT_TAKEN_PART = ["would_participate"]


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
    involvement_routes = models.JSONField(
        "If it has: how did it become involved?",
        default=list,
        blank=True,
        help_text="Choose all that apply, e.g. “City, county or state leaders asked us to take "
        "part”.",
    )
    agency_roles = models.JSONField(
        "If it has: what is its role in developing and implementing the CVI?",
        default=list,
        blank=True,
        help_text="Choose all that apply, e.g. “Refers people to it”.",
    )
    staffing = models.JSONField(
        "If it has: who does the agency's part of the work?",
        default=list,
        blank=True,
        help_text="Choose all that apply, e.g. “Officers who do it alongside their regular "
        "duties”.",
    )
    funding_sources = models.JSONField(
        "If it has: how is its participation funded?",
        default=list,
        blank=True,
        help_text="Choose all that apply, e.g. “Federal grants”.",
    )
    cvi_focus = models.JSONField(
        "If it has: whom (or what) does the CVI focus on?",
        default=list,
        blank=True,
        help_text="Choose all that apply, e.g. “Groups or crews involved in violence”.",
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
        help_text="The report stresses that a CVI needs a careful balance between the roles of "
        "law enforcement and the community in public safety; this is your agency's view of its "
        "side of that balance.",
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
        if name in LIST_CHOICES:
            labels = dict(LIST_CHOICES[name].choices)
            return "; ".join(labels.get(v, v) for v in value)
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
