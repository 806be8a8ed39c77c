"""Forms of the action plan: an action, the plan's filter, the information-sharing
worksheet."""

from django import forms

from plans.models import ActionItem, InformationSharingWorksheet
from plans.services import PlanFilter


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
