from django import forms
from django.utils import timezone

from guidance.models import Item
from questionnaire.models import (
    CONTEXT_FIELDS,
    IF_NOT_TAKEN_PART,
    IF_TAKEN_PART,
    LIST_CHOICES,
    ActionItem,
    Answer,
    Assessment,
    CviType,
    InformationSharingWorksheet,
    Invitation,
    YesNoUnsure,
)

NOTE_MAX_LENGTH = 2000


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

    def __init__(self, *args, items: list[Item], **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"item-{item.pk}"] = forms.ChoiceField(
                label=self.statement(item),
                choices=Answer.choices,
                widget=forms.RadioSelect,
                required=False,
                error_messages={"invalid_choice": "Choose one of the listed answers."},
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
        """{item id: (answer, note)} from valid data."""
        return {
            item.pk: (
                self.cleaned_data[f"item-{item.pk}"],
                self.cleaned_data[f"note-{item.pk}"].strip(),
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
    copy_from = forms.ChoiceField(
        label="Start from",
        required=False,
        widget=forms.RadioSelect,
        help_text="Copying earlier answers saves time: you then update what has changed.",
    )

    def __init__(self, *args, previous: list[Assessment], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "A blank questionnaire")]
        for assessment in previous:
            when = timezone.localtime(assessment.submitted_at or assessment.created_at)
            state = "submitted" if assessment.is_submitted else "draft started"
            label = f"A copy of the answers of the assessment {state} {when:%B %-d, %Y}"
            choices.append((str(assessment.pk), label))
        self.fields["copy_from"].choices = choices
        self.previous = {str(a.pk): a for a in previous}

    def source(self) -> Assessment | None:
        return self.previous.get(self.cleaned_data.get("copy_from") or "")


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
        fields = ["title", "owner", "partner", "target_date", "status", "notes"]
        widgets = {
            "target_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {"target_date": {"invalid": "Enter a real date, e.g. 2027-03-31."}}

    @property
    def error_context(self) -> str:
        """Names the action in the page's error summary, where several are edited at once."""
        return f"“{self.instance.title}”" if self.instance.pk else ""

    def clean_target_date(self):
        date = self.cleaned_data.get("target_date")
        if date is not None and not 2000 <= date.year <= 2100:
            raise forms.ValidationError("Enter a date between the years 2000 and 2100.")
        return date


class BaseActionFormSet(forms.BaseModelFormSet):
    def clean(self):
        super().clean()
        # An action missing from this plan: removed in another window, or a tampered id.
        if any(form.instance.pk is None for form in self.initial_forms):
            raise forms.ValidationError(
                "The plan changed after this page was opened (an action was removed, perhaps "
                "in another window). Nothing was saved: reload the page and make your changes "
                "again."
            )


ActionFormSet = forms.modelformset_factory(
    ActionItem,
    form=ActionForm,
    formset=BaseActionFormSet,
    extra=0,
    edit_only=True,
    max_num=500,
    absolute_max=500,
)


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


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["perspective", "label", "expires_on", "max_responses"]
        widgets = {"expires_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        error_messages = {"expires_on": {"invalid": "Enter a real date, e.g. 2027-03-31."}}

    def clean_expires_on(self):
        date = self.cleaned_data["expires_on"]
        today = timezone.localdate()
        if date < today:
            raise forms.ValidationError("Choose today or a later day.")
        if (date - today).days > 366:
            raise forms.ValidationError("Choose a day within a year from today.")
        return date


class InviteeForm(RatedItemsForm):
    """An invitee's answers: the rated items asked of their perspective, in their wording."""

    share_notes = forms.BooleanField(
        label="Share my notes with the agency, without my name",
        required=False,
        help_text="Notes are kept only if you tick this box.",
    )

    def __init__(self, *args, sections: list[tuple], perspective: str, **kwargs):
        self.sections = sections
        self.perspective = perspective
        items = [item for _, section_items in sections for item in section_items]
        super().__init__(*args, items=items, **kwargs)

    def statement(self, item: Item) -> str:
        return item.text_for(self.perspective)

    def grouped_rows(self):
        """(section, rows) for the template; rows as in ``rows()``."""
        for domain, items in self.sections:
            yield domain, list(self.rows(items))

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if not any(cleaned.get(f"item-{item.pk}") for item in self.items):
            raise forms.ValidationError("Answer at least one statement before sending.")
        wrote_notes = any(cleaned.get(f"note-{item.pk}", "").strip() for item in self.items)
        if wrote_notes and not cleaned.get("share_notes"):
            self.add_error(
                "share_notes",
                "You wrote notes: tick this box to share them, or delete them before sending.",
            )
        return cleaned
