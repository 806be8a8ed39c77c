"""The questionnaire's forms: the agency context, a section's rated statements (and the base
they share with the invitee's form), naming, starting and submitting an assessment."""


from django import forms
from django.utils import timezone

from guidance.models import Item
from questionnaire.models import (
    CONTEXT_FIELDS,
    IF_NOT_TAKEN_PART,
    IF_TAKEN_PART,
    LIST_CHOICES,
    NOTE_MAX_LENGTH,
    Answer,
    Assessment,
    CviType,
    YesNoUnsure,
)


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

    # The sections that apply to one answer of "Has your agency taken part in a CVI?".
    APPLIES_WHEN = {
        "If your agency has taken part in a CVI": YesNoUnsure.YES,
        "If your agency has not taken part": YesNoUnsure.NO,
    }

    def groups(self):
        """(heading, hint, bound fields, the answer it applies to or "", whether it applies to
        the answer given) for each section of the page. Without an answer, or with "Not
        sure", every section applies."""
        given = self["has_participated"].value() or ""
        for heading, hint, names in self.GROUPS:
            when = self.APPLIES_WHEN.get(heading, "")
            applies = not when or given in ("", YesNoUnsure.UNSURE) or given == when
            yield heading, hint, [self[name] for name in names], when, applies

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
