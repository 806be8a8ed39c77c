import re

from django import forms
from django.conf import settings
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from accounts.email_address import canonical_email
from guidance.models import Item, Perspective
from questionnaire.invitations import PASTE_MAX
from questionnaire.models import (
    CONTEXT_FIELDS,
    IF_NOT_TAKEN_PART,
    IF_TAKEN_PART,
    LIST_CHOICES,
    NOTE_MAX_LENGTH,
    ActionItem,
    Answer,
    Assessment,
    CviType,
    InformationSharingWorksheet,
    Invitation,
    InviteeLanguage,
    YesNoUnsure,
)
from questionnaire.plan import PlanFilter


class ContextForm(forms.ModelForm):
    """The agency-context section: questions that follow PERF's survey (not scored).

    Follow-up questions apply to one answer of the first question. An answer to a follow-up
    that does not apply is not kept (and the page says so), rather than refused: a radio
    button cannot be un-chosen without JavaScript, and the page must always save.
    """

    # (heading, hint, fields): the page's sections, in order.
    GROUPS = [
        ("Your agency's experience", "", ["has_participated"]),
        (
            "If your agency has taken part in a CVI",
            "Only for agencies that have: answers here are not kept unless the first answer is "
            "“Yes”. PERF's survey also asked about these topics; the brief gives no figures for "
            "them, so your answers are for your own record.",
            IF_TAKEN_PART,
        ),
        (
            "If your agency has not taken part",
            "Answers here are not kept unless the first answer is “No”.",
            IF_NOT_TAKEN_PART,
        ),
        ("Your agency's views", "", ["community_shares_responsibility", "preferred_role"]),
        ("CVIs in your area", "", ["local_cvi_types"]),
    ]

    class Meta:
        model = Assessment
        fields = CONTEXT_FIELDS
        widgets = {
            "has_participated": forms.RadioSelect,
            "would_participate_again": forms.RadioSelect,
            "would_participate": forms.RadioSelect,
            "community_shares_responsibility": forms.RadioSelect,
            "preferred_role": forms.RadioSelect,
            "participation_start_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.ignored: list[str] = []  # labels of answered questions that did not apply
        for name, choices in LIST_CHOICES.items():
            model_field = Assessment._meta.get_field(name)
            self.fields[name] = forms.MultipleChoiceField(
                label=model_field.verbose_name,
                choices=choices.choices,
                widget=forms.CheckboxSelectMultiple,
                required=False,
                help_text="Choose all that apply.",
            )
        for field in self.fields.values():
            if isinstance(field, forms.TypedChoiceField | forms.ChoiceField):
                # No "---------" entry in radio lists; an unanswered question stays blank.
                field.choices = [(k, v) for k, v in field.choices if k != ""]
                field.error_messages["invalid_choice"] = "Choose one of the listed answers."

    def groups(self):
        """(heading, hint, bound fields) for each section of the page."""
        for heading, hint, names in self.GROUPS:
            yield heading, hint, [self[name] for name in names]

    def clean_participation_start_year(self) -> int | None:
        year = self.cleaned_data.get("participation_start_year")
        this_year = timezone.localdate().year
        if year is not None and not 1950 <= year <= this_year:
            raise forms.ValidationError(f"Enter a year between 1950 and {this_year}.")
        return year

    def _clean_list(self, name: str) -> list[str]:
        chosen = self.cleaned_data.get(name) or []
        if "unsure" in chosen and len(chosen) > 1:
            raise forms.ValidationError("“Not sure” cannot be combined with other choices.")
        return chosen

    def clean_local_cvi_types(self) -> list[str]:
        chosen = self._clean_list("local_cvi_types")
        if CviType.NONE in chosen and len(chosen) > 1:
            label = CviType.NONE.label
            raise forms.ValidationError(f"“{label}” cannot be combined with other choices.")
        return chosen

    def clean_involvement_routes(self) -> list[str]:
        return self._clean_list("involvement_routes")

    def clean_agency_roles(self) -> list[str]:
        return self._clean_list("agency_roles")

    def clean_staffing(self) -> list[str]:
        return self._clean_list("staffing")

    def clean_funding_sources(self) -> list[str]:
        return self._clean_list("funding_sources")

    def clean_cvi_focus(self) -> list[str]:
        return self._clean_list("cvi_focus")

    def clean(self):
        cleaned = super().clean()
        participated = cleaned.get("has_participated")
        not_applicable = []
        if participated != YesNoUnsure.YES:
            not_applicable += IF_TAKEN_PART
        if participated != YesNoUnsure.NO:
            not_applicable += IF_NOT_TAKEN_PART
        for name in not_applicable:
            if cleaned.get(name) not in (None, "", []):
                self.ignored.append(str(self.fields[name].label))
                field = Assessment._meta.get_field(name)
                cleaned[name] = (
                    field.get_default() if field.has_default() else None if field.null else ""
                )
        return cleaned

    @property
    def ignored_message(self) -> str:
        """What was not kept and why; "" when every answer applied."""
        if not self.ignored:
            return ""
        questions = "; ".join(f"“{label}”" for label in self.ignored)
        return (
            f"Your answers to {questions} were not kept: they do not apply to your answer to "
            "“Has your agency taken part in a CVI?”. Your other answers are saved."
        )


class RatedItemsForm(forms.Form):
    """Rated items: an answer on the five-level scale (or "don't know") and an optional note
    for each. Subclasses say how a statement reads, and how the note is labeled."""

    note_label = "Note (optional)"
    invalid_choice = "Choose one of the listed answers."
    scale = Answer.choices

    def __init__(self, *args, items: list[Item], **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"item-{item.pk}"] = forms.ChoiceField(
                label=self.statement(item),
                choices=self.scale,
                widget=forms.RadioSelect,
                required=False,
                error_messages={"invalid_choice": self.invalid_choice},
            )
            self.fields[f"note-{item.pk}"] = forms.CharField(
                label=self.note_label,
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                max_length=NOTE_MAX_LENGTH,
                help_text=self.note_help(item),
            )

    def statement(self, item: Item) -> str:
        return item.text

    def note_help(self, item: Item) -> str:
        return ""

    def rows(self, items: list[Item] | None = None):
        """(item, statement, answer field, note field) for each item, for the template."""
        for item in self.items if items is None else items:
            yield item, self.statement(item), self[f"item-{item.pk}"], self[f"note-{item.pk}"]

    def anchor_for(self, field) -> str:
        """Where the error summary links: the item's fieldset, or the note's text box."""
        return field.name if field.name.startswith("item-") else field.id_for_label

    def answers(self) -> dict[int, tuple[str, str]]:
        """{item id: (answer, note)} from valid data; notes keep one kind of line break
        (browsers send a text box's line breaks as CR LF)."""
        return {
            item.pk: (
                self.cleaned_data[f"item-{item.pk}"],
                self.cleaned_data[f"note-{item.pk}"].strip().replace("\r\n", "\n"),
            )
            for item in self.items
        }


class SectionForm(RatedItemsForm):
    """The rated items of one section of the agency's own assessment. The note asks for
    evidence, with the statement's own hint of what would show it."""

    note_label = "Evidence or note (optional)"

    def note_help(self, item: Item) -> str:
        return item.evidence_hint or "What shows it: a policy, an agreement, a count."

    @staticmethod
    def initial_for(responses) -> dict[str, str]:
        initial = {}
        for response in responses:
            initial[f"item-{response.item_id}"] = response.value
            initial[f"note-{response.item_id}"] = response.note
        return initial


class StartAssessmentForm(forms.Form):
    name = forms.CharField(
        label="Name of the assessment (optional)",
        max_length=120,
        required=False,
        help_text="For example “2026 baseline” or “Spring 2027 review”. Empty: the month and year.",
    )
    copy_from = forms.ChoiceField(
        label="Start from",
        required=False,
        widget=forms.RadioSelect,
        help_text="A reassessment from a copy keeps your earlier answers and carries the action "
        "plan forward: you then update what has changed.",
    )

    def __init__(self, *args, previous: list[Assessment], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "A blank questionnaire and a new plan")]
        for assessment in previous:
            when = timezone.localtime(assessment.submitted_at or assessment.created_at)
            state = "submitted" if assessment.is_submitted else "draft started"
            label = f"A copy of “{assessment.display_name}” ({state} {when:%B %-d, %Y})"
            choices.append((str(assessment.pk), label))
        self.fields["copy_from"].choices = choices
        self.previous = {str(a.pk): a for a in previous}

    def source(self) -> Assessment | None:
        return self.previous.get(self.cleaned_data.get("copy_from") or "")


class AssessmentNameForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ["name"]

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Enter a name, e.g. “Spring 2027 review”.")
        return name


class SubmitForm(forms.Form):
    confirm_incomplete = forms.BooleanField(
        label="Submit with unanswered statements",
        required=False,
        help_text="Unanswered statements are left out of the scores.",
    )


class ActionForm(forms.ModelForm):
    """One action of the plan. A past target date is allowed but warned about."""

    class Meta:
        model = ActionItem
        fields = [
            "title", "owner", "partner", "owner_member", "timeframe", "target_date", "status",
            "notes",
        ]  # fmt: skip
        widgets = {
            "timeframe": forms.RadioSelect,
            "target_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {"target_date": {"invalid": "Enter a real date, e.g. 2027-03-31."}}

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the agency's own members: a tampered id is "not one of the choices".
        self.fields["owner_member"].queryset = members
        self.fields["owner_member"].empty_label = "Nobody"
        self.fields["owner_member"].label_from_instance = lambda user: user.get_full_name()
        timeframe = self.fields["timeframe"]
        timeframe.choices = [("", "Not set"), *ActionItem.Timeframe.choices]
        timeframe.error_messages["invalid_choice"] = "Choose one of the listed timeframes."
        self.fields["status"].error_messages["invalid_choice"] = "Choose one of the statuses."

    def clean_target_date(self):
        date = self.cleaned_data.get("target_date")
        if date is not None and not 2000 <= date.year <= 2100:
            raise forms.ValidationError("Enter a date between the years 2000 and 2100.")
        return date


class PlanFilterForm(forms.Form):
    """Which actions the plan table shows (a GET form: the address can be bookmarked)."""

    status = forms.ChoiceField(label="Filter by status", required=False)
    owner = forms.ChoiceField(label="Filter by owner", required=False)

    def __init__(self, *args, owners: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", "Any status"), *ActionItem.Status.choices]
        self.fields["owner"].choices = [("", "Anyone")] + [(o, o) for o in owners]

    def plan_filter(self) -> PlanFilter:
        """The filter chosen; an unknown value (an old bookmark) filters nothing."""
        if not self.is_valid():
            return PlanFilter()
        return PlanFilter(status=self.cleaned_data["status"], owner=self.cleaned_data["owner"])


class WorksheetForm(forms.ModelForm):
    class Meta:
        model = InformationSharingWorksheet
        fields = ["flow", "information_kinds", "recipients", "protections", "sign_off"]
        widgets = {
            "flow": forms.RadioSelect,
            "information_kinds": forms.Textarea(attrs={"rows": 3}),
            "recipients": forms.Textarea(attrs={"rows": 3}),
            "protections": forms.Textarea(attrs={"rows": 3}),
            "sign_off": forms.Textarea(attrs={"rows": 2}),
        }


def _check_expiry(date):
    today = timezone.localdate()
    if date < today:
        raise forms.ValidationError("Choose today or a later day.")
    if (date - today).days > 366:
        raise forms.ValidationError("Choose a day within a year from today.")
    return date


class InvitationForm(forms.ModelForm):
    """One open link, for roll call: anyone who has it can answer, up to its cap."""

    class Meta:
        model = Invitation
        fields = ["perspective", "language", "label", "expires_on", "max_responses"]
        widgets = {
            "expires_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "language": forms.RadioSelect,
        }
        error_messages = {"expires_on": {"invalid": "Enter a real date, e.g. 2027-03-31."}}
        help_texts = {
            "max_responses": "The link closes after this many answers, from the minimum a "
            "perspective needs through an open link up to 1,000."
        }

    def clean_expires_on(self):
        return _check_expiry(self.cleaned_data["expires_on"])

    def clean_max_responses(self):
        cap = self.cleaned_data["max_responses"]
        minimum = settings.PERSPECTIVE_MIN_RESPONSES_OPEN
        if cap < minimum:
            # A link that closes after one or two answers would tell you who answered.
            raise forms.ValidationError(
                f"Allow at least {minimum} answers: results through an open link appear only "
                f"once {minimum} people have answered."
            )
        return cap


EMAIL_SEPARATORS = re.compile(r"[\s,;]+")


class PersonalInvitationsForm(forms.Form):
    """Email addresses pasted by the owner; each gets its own one-time link."""

    perspective = forms.ChoiceField(label="Perspective", choices=Perspective.choices)
    emails = forms.CharField(
        label="Email addresses",
        widget=forms.Textarea(attrs={"rows": 5, "autocomplete": "off"}),
        help_text=f"Paste up to {PASTE_MAX}, separated by commas, spaces or new lines, e.g. "
        "“j.rivera@example.org, outreach@example.org”. Each person gets an email with a link "
        "of their own that answers once.",
    )
    language = forms.ChoiceField(
        label=Invitation._meta.get_field("language").verbose_name.capitalize(),
        choices=InviteeLanguage.choices,
        initial=InviteeLanguage.ENGLISH,
        widget=forms.RadioSelect,
        help_text=Invitation._meta.get_field("language").help_text,
    )
    expires_on = forms.DateField(
        label="Open until",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="The last day the links accept answers.",
        error_messages={"invalid": "Enter a real date, e.g. 2027-03-31."},
    )
    message = forms.CharField(
        label="Your note in the email (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="A few words from you, put in the email above the link, e.g. “Your honest "
        "view will shape our plan.”",
    )
    label = forms.CharField(
        label="Name for your own use",
        required=False,
        max_length=120,
        help_text=Invitation._meta.get_field("label").help_text,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expires_on"].initial = Invitation._meta.get_field("expires_on").default()

    def clean_expires_on(self):
        return _check_expiry(self.cleaned_data["expires_on"])

    def clean_emails(self) -> list[str]:
        pasted = [part for part in EMAIL_SEPARATORS.split(self.cleaned_data["emails"]) if part]
        emails, invalid = [], []
        for part in pasted:
            try:
                address = canonical_email(part.strip("<>()\"'"))
                validate_email(address)
            except forms.ValidationError:
                invalid.append(part)
                continue
            if address not in emails:
                emails.append(address)
        if invalid:
            shown = ", ".join(invalid[:10]) + (" …" if len(invalid) > 10 else "")
            raise forms.ValidationError(
                f"These are not email addresses: {shown}. Correct or remove them."
            )
        if not emails:
            raise forms.ValidationError("Enter at least one email address.")
        if len(emails) > PASTE_MAX:
            raise forms.ValidationError(
                f"That is {len(emails)} addresses; send at most {PASTE_MAX} at a time."
            )
        return emails


# Section titles are guidance content, edited in the admin; the current ones are marked here
# for translation so that the invitee pages show them in Spanish. A title an editor changes
# shows in English (marked as such) until its translation is added.
SECTION_TITLES = [
    gettext_noop("Organizational culture"),
    gettext_noop("Implementation"),
    gettext_noop("Buy-in"),
    gettext_noop("Partnerships"),
    gettext_noop("Information sharing"),
]

# How the invitee pages name the group a person answers for ("it now asks line officers…").
INVITEE_GROUPS = {
    Perspective.COMMAND_STAFF: _("command staff"),
    Perspective.SUPERVISORS: _("supervisors"),
    Perspective.LINE_OFFICERS: _("line officers"),
    Perspective.CIVILIAN_STAFF: _("civilian staff"),
    Perspective.CVI_ORGANISATIONS: _("CVI organizations"),
    Perspective.SERVICE_PROVIDERS: _("service providers"),
    Perspective.RESIDENTS: _("residents"),
}

# The scale as invitees read it, in their language.
INVITEE_SCALE = [
    (Answer.NOT_IN_PLACE, pgettext_lazy("scale", "Not in place")),
    (Answer.PLANNED, pgettext_lazy("scale", "Planned or under discussion")),
    (Answer.PARTLY, pgettext_lazy("scale", "Partly in place")),
    (Answer.LARGELY, pgettext_lazy("scale", "Largely in place")),
    (Answer.FULLY, pgettext_lazy("scale", "Fully in place and sustained")),
    (Answer.DONT_KNOW, pgettext_lazy("scale", "Don't know")),
]


class InviteeForm(RatedItemsForm):
    """An invitee's answers: the rated items asked of their perspective, in their wording and
    language. Its text is translated (the invitee pages are offered in Spanish)."""

    note_label = _("Note (optional)")
    invalid_choice = _("Choose one of the listed answers.")
    scale = INVITEE_SCALE

    share_notes = forms.BooleanField(
        label=_("Share my notes with the agency, without my name"),
        required=False,
        help_text=_("Notes are kept only if you tick this box."),
    )

    def __init__(self, *args, sections: list[tuple], perspective: str, language: str, **kwargs):
        self.sections = sections
        self.perspective = perspective
        self.language = language
        items = [item for _, section_items in sections for item in section_items]
        super().__init__(*args, items=items, **kwargs)

    def statement(self, item: Item) -> str:
        return item.text_for(self.perspective, self.language)

    def statement_language(self, item: Item) -> str:
        """The language of a statement when it differs from the page's (no translation yet)."""
        if self.language != "en" and not item.partner_text_es:
            return "en"
        return ""

    def grouped_rows(self):
        """(section title, its language if not the page's, rows) for the template; rows as in
        ``rows()``, plus the statement's own language when it differs from the page's."""
        for domain, items in self.sections:
            title = gettext(domain.title)
            title_language = "en" if self.language != "en" and title == domain.title else ""
            rows = [(*row, self.statement_language(row[0])) for row in self.rows(items)]
            yield title, title_language, rows

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if not any(cleaned.get(f"item-{item.pk}") for item in self.items):
            raise forms.ValidationError(_("Answer at least one statement before sending."))
        wrote_notes = any(cleaned.get(f"note-{item.pk}", "").strip() for item in self.items)
        if wrote_notes and not cleaned.get("share_notes"):
            self.add_error(
                "share_notes",
                _("You wrote notes: tick this box to share them, or delete them before sending."),
            )
        return cleaned


class ProgressForm(forms.Form):
    """Which two submitted assessments to compare (a GET form: the address can be shared)."""

    earlier = forms.ChoiceField(label="Compare")
    later = forms.ChoiceField(label="with")

    def __init__(self, *args, submitted: list[Assessment], **kwargs):
        super().__init__(*args, **kwargs)
        self.submitted = {str(a.pk): a for a in submitted}
        choices = [
            (pk, f"{a.display_name} (submitted {timezone.localtime(a.submitted_at):%B %-d, %Y})")
            for pk, a in self.submitted.items()
        ]
        for name in ("earlier", "later"):
            self.fields[name].choices = choices
            self.fields[name].error_messages["invalid_choice"] = (
                "Choose one of your agency's submitted assessments."
            )

    def chosen(self) -> tuple[Assessment, Assessment]:
        """The two assessments chosen, oldest first; by default (or on bad input) the latest
        two. Needs at least two submitted assessments."""
        ordered = list(self.submitted.values())
        if self.is_bound and self.is_valid():
            pair = sorted(
                {self.submitted[self.cleaned_data[n]] for n in ("earlier", "later")},
                key=lambda a: (a.submitted_at, str(a.pk)),
            )
            if len(pair) == 2:
                return pair[0], pair[1]
        return ordered[-2], ordered[-1]
