"""Forms of the action plan: an action, the plan's filter, the information-sharing
worksheet."""

from django import forms

from plans.models import NEED_MAX_LENGTH, NEEDS_MAX, ActionItem, InformationSharingWorksheet
from plans.owners import NOBODY, OwnerFields, Team
from plans.services import PlanFilter


class ActionForm(OwnerFields, forms.ModelForm):
    """One action of the plan. A past target date is allowed but warned about."""

    class Meta:
        model = ActionItem
        fields = [
            "title", "partner_organization", "partner", "timeframe", "target_date", "status",
            "notes",
        ]  # fmt: skip
        labels = {
            "partner_organization": "Co-owned by a partner organization",
            "partner": "Or jointly with another partner (typed)",
        }
        widgets = {
            "timeframe": forms.RadioSelect,
            "target_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {"target_date": {"invalid": "Enter a real date, e.g. 2027-03-31."}}

    def __init__(self, *args, team: Team, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_owner_fields(
            team=team, action=self.instance if self.instance.pk else None, empty_label="Nobody yet"
        )
        # Only the agency's own partner organizations: a tampered id is "not one of the
        # choices".
        partner = self.fields["partner_organization"]
        partner.queryset = partners
        partner.empty_label = "None"
        partner.help_text = "One of your agency's partner organizations that owns it with you."
        partner.error_messages["invalid_choice"] = "Choose one of your partner organizations."
        self.fields["partner"].help_text = (
            "e.g. “Safe Streets outreach team”, if it is not in the list above."
        )
        timeframe = self.fields["timeframe"]
        timeframe.choices = [("", "Not set"), *ActionItem.Timeframe.choices]
        timeframe.error_messages["invalid_choice"] = "Choose one of the listed timeframes."
        self.fields["status"].error_messages["invalid_choice"] = "Choose one of the statuses."
        self.order_fields(["title", "owner_choice", "owner_name"])

    def clean_target_date(self):
        date = self.cleaned_data.get("target_date")
        if date is not None and not 2000 <= date.year <= 2100:
            raise forms.ValidationError("Enter a date between the years 2000 and 2100.")
        return date

    def clean(self):
        cleaned = super().clean()
        owner = self.clean_owner(cleaned)
        if owner is not None:
            owner.apply(self.instance)
        return cleaned


class BulkAssignForm(OwnerFields, forms.Form):
    """Give several actions of the plan one owner and one timeframe at once. The checkboxes
    are in the plan table (``actions``); what is left empty stays as it is."""

    nobody_when_empty = False

    actions = forms.TypedMultipleChoiceField(
        label="Actions", coerce=int, error_messages={
            "required": "Select at least one action in the table above.",
            "invalid_choice": "One of the selected actions is no longer in this plan; nothing "
            "was changed. Select the actions again.",
        },
    )  # fmt: skip
    timeframe = forms.ChoiceField(label="Timeframe", required=False)

    def __init__(self, *args, team: Team, actions: list[ActionItem], **kwargs):
        super().__init__(*args, prefix="assign", **kwargs)
        self.fields["actions"].choices = [(action.pk, action.title) for action in actions]
        self.add_owner_fields(team=team, action=None, empty_label="Leave the owners as they are")
        owner = self.fields["owner_choice"]
        owner.choices = [*owner.choices[:1], (NOBODY, "Nobody: take the owners off"),
                         *owner.choices[1:]]  # fmt: skip
        self.fields["timeframe"].choices = [
            ("", "Leave the timeframes as they are"),
            *ActionItem.Timeframe.choices,
        ]
        self.fields["timeframe"].error_messages["invalid_choice"] = (
            "Choose one of the listed timeframes."
        )
        self.fields["timeframe"].help_text = "Counted from today."

    def anchor_for(self, field) -> str:
        """Where the error summary sends the keyboard: the ticks are in the plan table."""
        return "assign-actions-error" if field.name == "actions" else field.id_for_label

    def clean(self):
        cleaned = super().clean()
        cleaned["owner"] = self.clean_owner(cleaned)
        if not self.errors and cleaned["owner"] is None and not cleaned.get("timeframe"):
            raise forms.ValidationError(
                "Choose an owner, a timeframe or both for the selected actions."
            )
        return cleaned


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


class NeedsForm(forms.Form):
    """What the chief needs from city hall, one thing per field; empty fields are dropped."""

    def __init__(self, *args, needs: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        examples = [
            "Funding for two outreach positions in next year's budget",
            "The city attorney's approval of the data-sharing agreement",
            "A council briefing on the CVI before the summer",
        ]
        for n in range(1, NEEDS_MAX + 1):
            self.fields[f"need_{n}"] = forms.CharField(
                label=f"Need {n}",
                required=False,
                max_length=NEED_MAX_LENGTH,
                initial=needs[n - 1] if n <= len(needs) else "",
                help_text=f"e.g. “{examples[n - 1]}”." if n <= len(examples) else "",
                error_messages={
                    "max_length": f"Keep it to {NEED_MAX_LENGTH} characters, so that it fits "
                    "on the one-page brief (this one has %(show_value)d)."
                },
            )

    def texts(self) -> list[str]:
        """The needs entered, in order, without the empty ones."""
        found = [self.cleaned_data[f"need_{n}"].strip() for n in range(1, NEEDS_MAX + 1)]
        return [text for text in found if text]
