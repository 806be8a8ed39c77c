"""The report's guidance as editable content.

PERF's *Enhancing Law Enforcement's Role in Community Violence Interventions* is organized
in four domains (organizational culture, implementation, buy-in, partnerships), each with an
"Ask Yourself" question, suggestions that carry page references into the full report, and
example practices of other agencies; plus a cross-cutting section on information sharing and
the findings of PERF's 2023 survey. This app owns that content and knows nothing of
assessments.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from simple_history.models import HistoricalRecords


class Perspective(models.TextChoices):
    """Groups an agency can invite to answer the rated items alongside its own leadership."""

    COMMAND_STAFF = "command_staff", "Command staff"
    SUPERVISORS = "supervisors", "Supervisors"
    LINE_OFFICERS = "line_officers", "Line officers"
    CIVILIAN_STAFF = "civilian_staff", "Civilian staff"
    # The stored value keeps its old spelling: invitations and answers already hold it.
    CVI_ORGANISATIONS = "cvi_organisations", "Community partners: CVI organizations"
    SERVICE_PROVIDERS = "service_providers", "Community partners: service providers"
    RESIDENTS = "residents", "Community partners: residents"


COMMUNITY_PARTNERS = frozenset(
    {Perspective.CVI_ORGANISATIONS, Perspective.SERVICE_PROVIDERS, Perspective.RESIDENTS}
)


def all_perspectives() -> list[str]:
    return list(Perspective.values)


def page_reference(start: int | None, end: int | None) -> str:
    """Render a page range as the report prints it: "p. 14" or "pp. 14-15"."""
    if start is None:
        return ""
    if end is None or end == start:
        return f"p. {start}"
    return f"pp. {start}-{end}"


def validate_report_page(value: int) -> None:
    last = settings.GUIDANCE_REPORT_LAST_PAGE
    if value < 1 or value > last:
        raise ValidationError(
            "Enter a page of the report between 1 and %(last)s.",
            code="page_out_of_range",
            params={"last": last},
        )


class Domain(models.Model):
    """A section of the guidance and of the questionnaire."""

    class Kind(models.TextChoices):
        DOMAIN = "domain", "Practice domain (has an Ask Yourself question)"
        TOPIC = "topic", "Cross-cutting topic"

    slug = models.SlugField(
        "slug",
        max_length=60,
        unique=True,
        help_text="Stable identifier used in addresses and by the content file, "
        "e.g. “buy-in”. Changing it breaks bookmarks.",
    )
    kind = models.CharField(
        "kind",
        max_length=10,
        choices=Kind.choices,
        default=Kind.DOMAIN,
        help_text="The four domains of the report are practice domains; information sharing "
        "is a cross-cutting topic.",
    )
    title = models.CharField(
        "title", max_length=120, help_text="As shown to users, e.g. “Organizational culture”."
    )
    ask_yourself = models.TextField(
        "Ask Yourself question",
        blank=True,
        help_text="The report's question that heads this domain, in our words, e.g. “Does my "
        "agency have the capacity to meaningfully contribute to a CVI strategy?”",
    )
    summary = models.TextField(
        "summary",
        blank=True,
        help_text="A short introduction in our own words. Separate paragraphs with a blank line.",
    )
    order = models.PositiveSmallIntegerField(
        "order", default=0, help_text="Position in the guidance and the questionnaire (1 first)."
    )
    content_fingerprint = models.TextField(blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "domain"

    def __str__(self) -> str:
        return self.title


class Suggestion(models.Model):
    """One of the report's suggestions ("How can your agency do this better?")."""

    domain = models.ForeignKey(
        Domain,
        verbose_name="domain",
        on_delete=models.PROTECT,
        related_name="suggestions",
    )
    slug = models.SlugField(
        "slug",
        max_length=80,
        unique=True,
        help_text="Stable identifier used by the content file, e.g. “capacity-assessment”.",
    )
    title = models.CharField(
        "suggestion",
        max_length=200,
        help_text="The suggestion in a short sentence, in our words, e.g. “Conduct a capacity "
        "assessment before agreeing to the work”.",
    )
    explanation = models.TextField(
        "explanation",
        blank=True,
        help_text="Why it matters and what it involves, in our words, attributed to the report.",
    )
    page_start = models.PositiveSmallIntegerField(
        "first page",
        null=True,
        blank=True,
        validators=[validate_report_page],
        help_text="First page of the report that discusses it, e.g. 14.",
    )
    page_end = models.PositiveSmallIntegerField(
        "last page",
        null=True,
        blank=True,
        validators=[validate_report_page],
        help_text="Last page when the discussion spans several, e.g. 15 for “pp. 14-15”. "
        "Leave empty for a single page.",
    )
    is_foundational = models.BooleanField(
        "foundational",
        default=False,
        help_text="Something the report says to do at the outset. Gaps on foundational "
        "suggestions are listed first in results and action plans.",
    )
    order = models.PositiveSmallIntegerField("order", default=0)
    is_active = models.BooleanField(
        "active",
        default=True,
        help_text="Untick to retire the suggestion. A suggestion that rated items point to "
        "cannot be deleted; retire it instead, so past assessments keep their meaning.",
    )
    content_fingerprint = models.TextField(blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["domain__order", "order", "id"]
        verbose_name = "suggestion"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(page_end__isnull=True)
                | models.Q(page_start__isnull=False, page_end__gte=models.F("page_start")),
                name="suggestion_page_range_ordered",
                violation_error_message="The last page cannot come before the first page.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def pages(self) -> str:
        return page_reference(self.page_start, self.page_end)

    def clean(self) -> None:
        if self.page_end is not None and self.page_start is None:
            raise ValidationError({"page_start": "Enter the first page before the last page."})
        if (
            self.page_start is not None
            and self.page_end is not None
            and self.page_end < self.page_start
        ):
            raise ValidationError(
                {
                    "page_end": f"The last page ({self.page_end}) cannot come before the "
                    f"first page ({self.page_start})."
                }
            )


class ExamplePractice(models.Model):
    """What other agencies have done ("How have other agencies done this?")."""

    domain = models.ForeignKey(
        Domain, verbose_name="domain", on_delete=models.PROTECT, related_name="examples"
    )
    slug = models.SlugField("slug", max_length=80, unique=True)
    text = models.TextField(
        "example",
        help_text="The practice in our words. Name only agencies or organizations the report "
        "names.",
    )
    page = models.PositiveSmallIntegerField(
        "page",
        null=True,
        blank=True,
        validators=[validate_report_page],
        help_text="The report page, only where the brief gives one (e.g. 14). Otherwise leave "
        "empty.",
    )
    suggestions = models.ManyToManyField(
        Suggestion,
        verbose_name="suggestions it illustrates",
        related_name="examples",
        blank=True,
        help_text="The suggestions this practice shows in action, e.g. “Reward the behavior "
        "that builds connections with the community” for commendations. A gap on one of them "
        "shows this example as what other agencies have done. The report attaches examples to "
        "domains, not to suggestions, so this tie is this tool's reading: leave it empty when "
        "the practice does not address a suggestion directly, and gaps will show it under "
        "“From the same part of the report”.",
    )
    order = models.PositiveSmallIntegerField("order", default=0)
    content_fingerprint = models.TextField(blank=True, editable=False)

    history = HistoricalRecords(m2m_fields=[suggestions])

    class Meta:
        ordering = ["domain__order", "order", "id"]
        verbose_name = "example practice"

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def pages(self) -> str:
        return page_reference(self.page, None)


class Resource(models.Model):
    """Further reading: an organization or document outside the report."""

    slug = models.SlugField("slug", max_length=80, unique=True)
    name = models.CharField(
        "name", max_length=200, help_text="e.g. “National Network for Safe Communities”."
    )
    url = models.URLField("web address", help_text="e.g. https://nnscommunities.org/")
    description = models.TextField(
        "description", help_text="What it offers, in our words, with its own source."
    )
    named_in_report = models.BooleanField(
        "named in the report",
        default=False,
        help_text="Tick only when the PERF brief itself names this organization or document.",
    )
    domains = models.ManyToManyField(
        Domain,
        verbose_name="domains",
        related_name="resources",
        blank=True,
        help_text="Shown as further reading beside gaps in these domains.",
    )
    order = models.PositiveSmallIntegerField("order", default=0)
    content_fingerprint = models.TextField(blank=True, editable=False)

    history = HistoricalRecords(m2m_fields=[domains])

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "resource"

    def __str__(self) -> str:
        return self.name


class Benchmark(models.Model):
    """A finding of PERF's 2023 survey of law enforcement agencies."""

    class Compares(models.TextChoices):
        COMMUNITY_SHARES = "community_shares_responsibility", "Community shares responsibility"
        PREFERRED_ROLE = "preferred_role", "Lead or support a CVI"
        HAS_PARTICIPATED = "has_participated", "Has participated in a CVI"
        START_YEAR = "participation_start_year", "Year participation began"
        WOULD_AGAIN = "would_participate_again", "Would participate again"
        WOULD_PARTICIPATE = "would_participate", "Would participate (no experience yet)"

    slug = models.SlugField("slug", max_length=80, unique=True)
    figure = models.CharField(
        "figure",
        max_length=60,
        help_text="The figure exactly as the report gives it, e.g. “85%” or “Nearly half”. "
        "Never round “nearly half” into a number.",
    )
    statement = models.CharField(
        "finding",
        max_length=300,
        help_text="The rest of the finding in our words, e.g. “of surveyed agencies believe "
        "the community shares responsibility for addressing violence”.",
    )
    compares_with = models.CharField(
        "compared with the answer to",
        max_length=40,
        choices=Compares.choices,
        help_text="The agency-context question whose answer is shown beside this finding.",
    )
    page = models.PositiveSmallIntegerField(
        "page",
        null=True,
        blank=True,
        validators=[validate_report_page],
        help_text="Only where the brief gives a page for this figure.",
    )
    order = models.PositiveSmallIntegerField("order", default=0)
    content_fingerprint = models.TextField(blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "survey finding"

    def __str__(self) -> str:
        return f"{self.figure} {self.statement}"

    @property
    def pages(self) -> str:
        return page_reference(self.page, None)


class Item(models.Model):
    """A rated statement of the questionnaire, tied to exactly one suggestion.

    An item appears in one section (its domain). That is usually its suggestion's own
    domain; information-sharing items point to partnership suggestions, where the report
    discusses the parameters of information sharing.
    """

    domain = models.ForeignKey(
        Domain,
        verbose_name="questionnaire section",
        on_delete=models.PROTECT,
        related_name="items",
        help_text="The questionnaire page the item appears on and the score it counts toward.",
    )
    suggestion = models.ForeignKey(
        Suggestion,
        verbose_name="suggestion",
        on_delete=models.PROTECT,
        related_name="items",
        help_text="The report suggestion a low answer points to.",
    )
    slug = models.SlugField("slug", max_length=80, unique=True)
    text = models.TextField(
        "statement",
        help_text="A statement the respondent rates, e.g. “Our promotion criteria reward "
        "officers who build community relationships.”",
    )
    partner_text = models.TextField(
        "wording for community partners",
        blank=True,
        help_text="The statement as community partners read it, e.g. “The police department "
        "keeps track of the commitments it made…”. Leave empty to use the statement as it is.",
    )
    partner_text_es = models.TextField(
        "wording in Spanish (our translation)",
        blank=True,
        help_text="The statement in Spanish, as anyone answering an invitation in Spanish reads "
        "it, e.g. “El departamento de policía se reúne con sus socios con regularidad…”. It is "
        "our translation, shown as such, never as the report's words. Leave empty to show the "
        "English wording.",
    )
    perspectives = models.JSONField(
        "asked of",
        default=all_perspectives,
        blank=True,
        help_text="Which invited groups are asked this statement. The agency's own assessment "
        "always includes every active item.",
    )
    anchor_not_in_place = models.TextField(
        "what “not in place” looks like",
        blank=True,
        help_text="One or two sentences describing an agency at this level, e.g. “Hiring does "
        "not consider a candidate's commitment to working with the community.”",
    )
    anchor_planned = models.TextField(
        "what “planned or under discussion” looks like",
        blank=True,
        help_text="e.g. “Changes to hiring criteria or interview questions are being discussed "
        "or drafted, not yet used.”",
    )
    anchor_partly = models.TextField(
        "what “partly in place” looks like",
        blank=True,
        help_text="e.g. “Some interviewers ask about community work, without a set criterion.”",
    )
    anchor_largely = models.TextField(
        "what “largely in place” looks like",
        blank=True,
        help_text="e.g. “A written criterion or set interview questions are used in most hiring.”",
    )
    anchor_fully = models.TextField(
        "what “fully in place and sustained” looks like",
        blank=True,
        help_text="e.g. “Every hiring process applies the criterion, and it has lasted through "
        "changes of staff.”",
    )
    # The same five descriptions in Spanish, for invitees answering in Spanish: our
    # translation. An empty one falls back to the English description.
    anchor_not_in_place_es = models.TextField(
        "“not in place”, in Spanish",
        blank=True,
        help_text="Our translation of the description above, e.g. “El departamento de policía no "
        "tiene en cuenta…”.",
    )
    anchor_planned_es = models.TextField("“planned or under discussion”, in Spanish", blank=True)
    anchor_partly_es = models.TextField("“partly in place”, in Spanish", blank=True)
    anchor_largely_es = models.TextField("“largely in place”, in Spanish", blank=True)
    anchor_fully_es = models.TextField("“fully in place and sustained”, in Spanish", blank=True)
    evidence_hint = models.TextField(
        "evidence hint",
        blank=True,
        help_text="Shown under the “Evidence or note” box: what would show the statement is "
        "true, e.g. “For example: the job posting or interview questions that ask about "
        "community work.”",
    )
    weight = models.PositiveSmallIntegerField(
        "weight",
        default=1,
        help_text="How much the item counts in its section's score, from 1 (normal) to 5.",
    )
    order = models.PositiveSmallIntegerField("order", default=0)
    is_active = models.BooleanField(
        "active",
        default=True,
        help_text="Untick to retire the item: it leaves new questionnaires, and past answers "
        "to it are kept.",
    )
    content_fingerprint = models.TextField(blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["domain__order", "order", "id"]
        verbose_name = "rated item"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight__gte=1, weight__lte=5),
                name="item_weight_1_to_5",
                violation_error_message="The weight must be between 1 and 5.",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def text_for(self, perspective: str, language: str = "en") -> str:
        """The statement in the words of the given perspective, in Spanish when asked for and
        translated (English otherwise)."""
        if language == "es" and self.partner_text_es:
            return self.partner_text_es
        if perspective in COMMUNITY_PARTNERS and self.partner_text:
            return self.partner_text
        return self.text

    def anchor(self, level: str, language: str = "en") -> str:
        """What the level of the answer scale (e.g. "partly") looks like for this statement, in
        Spanish when asked for and translated; "" for "don't know", and for a level nobody has
        described yet."""
        if level not in ANCHOR_LEVELS:
            return ""
        if language == "es" and getattr(self, f"anchor_{level}_es"):
            return getattr(self, f"anchor_{level}_es")
        return getattr(self, f"anchor_{level}")


# The levels of the answer scale that have a description on every statement, lowest first.
# Each is stored in the field ``anchor_<level>``; they match the questionnaire's answer values.
ANCHOR_LEVELS = ("not_in_place", "planned", "partly", "largely", "fully")
ANCHOR_FIELDS = [f"anchor_{level}" for level in ANCHOR_LEVELS]
ANCHOR_FIELDS_ES = [f"anchor_{level}_es" for level in ANCHOR_LEVELS]


class ReportDetails(models.Model):
    """Facts about the report itself that editors maintain: one row, edited in the admin."""

    address = models.URLField(
        "web address of the report",
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["https", "http"])],
        help_text="Where readers can open the full report, e.g. https://www.example.org/"
        "cvi-report.pdf. When set, every page reference (“Report, p. 14”) links to it. Leave "
        "it empty until you have checked that the address opens the report itself.",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "report details"
        verbose_name_plural = "report details"
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="report_details_single_row"),
        ]

    def __str__(self) -> str:
        return "Report details"

    @classmethod
    def load(cls) -> "ReportDetails":
        """The one row (an empty one, unsaved, if it is missing)."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)
