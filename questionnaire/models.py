"""Assessments, their answers, and the scores stored when one is submitted."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone

from accounts.models import Agency
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
    # What the results show of the guidance (wording, page references), frozen with it: a
    # submitted assessment is a record (questionnaire/shown_guidance.py).
    guidance_shown = models.JSONField(
        "guidance as shown at submission",
        default=dict,
        blank=True,
        editable=False,
        help_text="Domain titles, suggestions with their pages, statements and examples as "
        "they read when the assessment was submitted, e.g. {\"suggestions\": {\"4\": "
        "{\"page_start\": 15, …}}}.",
    )

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
    rate_again = models.CharField(
        "why to rate it again",
        max_length=600,
        blank=True,
        help_text="Set when a reassessment starts from a copy whose plan marked an action on "
        "this statement done, e.g. “You marked “Sign the MOU” done on May 2, 2027: rate this "
        "again.” The statement comes first on its page.",
    )
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
    # The agency and whether this is its latest submission, repeated from the assessment so
    # that peer figures aggregate one table (records.py keeps ``latest`` at each submission).
    agency = models.ForeignKey(
        Agency, verbose_name="agency", on_delete=models.CASCADE, related_name="+"
    )
    latest = models.BooleanField(
        "of the agency's latest submission",
        default=False,
        help_text="True for the rows of the agency's most recent submitted assessment: the one "
        "peer figures count.",
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
        indexes = [
            models.Index(
                fields=["domain", "score"],
                condition=models.Q(latest=True),
                name="latest_submitted_scores",
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
    # The agency and whether this is its latest submission, repeated from the assessment so
    # that peer figures aggregate one table (records.py keeps ``latest`` at each submission).
    agency = models.ForeignKey(
        Agency, verbose_name="agency", on_delete=models.CASCADE, related_name="+"
    )
    latest = models.BooleanField(
        "of the agency's latest submission",
        default=False,
        help_text="True for the rows of the agency's most recent submitted assessment: the one "
        "peer figures count.",
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
            # One latest submission per agency: two would both count in peer figures.
            models.UniqueConstraint(
                fields=["agency", "item"],
                condition=models.Q(latest=True),
                name="one_latest_submitted_answer_per_agency_and_item",
            ),
        ]
        indexes = [
            models.Index(
                fields=["item", "points", "agency"],
                condition=models.Q(latest=True),
                name="latest_submitted_answers",
            ),
        ]

    def __str__(self) -> str:
        return f"Submitted answer {self.pk}"
