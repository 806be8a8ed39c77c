"""Assessments, their answers, action plans and invited perspectives."""

import secrets
import uuid
from datetime import date, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone

from accounts.models import Agency
from guidance.models import Perspective
from questionnaire.scoring import THRESHOLDS

# The longest note or free-text answer: about a page. Forms say so on the field; the database
# refuses longer text whatever code writes it.
NOTE_MAX_LENGTH = 2000
INVITATION_MESSAGE_MAX_LENGTH = 1000


def text_at_most_note_length(
    field: str, name: str, limit: int = NOTE_MAX_LENGTH
) -> models.CheckConstraint:
    return models.CheckConstraint(condition=LessThanOrEqual(Length(field), limit), name=name)


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
    name = models.CharField(
        "name",
        max_length=120,
        blank=True,
        help_text="So that your agency can tell its assessments apart, e.g. “2026 baseline” or "
        "“Spring 2027 review”. Empty: the month and year it was started.",
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
        return f"{self.agency}: {self.display_name}"

    @property
    def display_name(self) -> str:
        return self.name or f"{timezone.localtime(self.created_at):%B %Y}"

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
    note = models.TextField("note", blank=True, max_length=NOTE_MAX_LENGTH)
    updated_at = models.DateTimeField("last saved", auto_now=True)

    class Meta:
        verbose_name = "answer"
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="one_response_per_item"),
            models.CheckConstraint(
                condition=models.Q(value__in=[*Answer.values, ""]),
                name="response_value_on_scale",
            ),
            text_at_most_note_length("note", "response_note_length"),
        ]

    def __str__(self) -> str:
        return f"Answer {self.pk}"


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
    owner = models.CharField(
        "owner",
        max_length=200,
        blank=True,
        help_text="A person or a partner organization, e.g. “Deputy Chief Ortiz” or “Cure "
        "Violence site lead”.",
    )
    owner_member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="member who gets reminders",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="A member of your agency who is emailed when the action is due soon or "
        "overdue, e.g. the owner or the person who follows it up.",
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
        ]

    def __str__(self) -> str:
        return self.title

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
    changed_at = models.DateTimeField("changed", default=timezone.now)

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = "status change"

    def __str__(self) -> str:
        return f"{self.get_status_display()} on {self.changed_at:%Y-%m-%d}"


class PlanReminder(models.Model):
    """An email sent about an action due soon or overdue; at most one per action, due date
    and person, so running the daily command twice sends nothing twice."""

    action = models.ForeignKey(
        ActionItem, verbose_name="action", on_delete=models.CASCADE, related_name="reminders"
    )
    due_date = models.DateField("due date")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="sent to", on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField("sent", default=timezone.now)

    class Meta:
        verbose_name = "plan reminder"
        constraints = [
            models.UniqueConstraint(
                fields=["action", "due_date", "recipient"], name="one_reminder_per_due_date"
            ),
        ]

    def __str__(self) -> str:
        return f"Reminder for {self.action} due {self.due_date}"


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
