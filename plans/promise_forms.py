"""The form of a promise to the community."""

from django import forms

from plans.models import Promise

DATE_FORMAT = "%Y-%m-%d"


class PromiseForm(forms.ModelForm):
    """What was promised, to whom, when and by when; its status and what the agency did."""

    class Meta:
        model = Promise
        fields = ["promise", "made_to", "made_on", "due_on", "status", "outcome"]
        widgets = {
            "made_on": forms.DateInput(attrs={"type": "date"}, format=DATE_FORMAT),
            "due_on": forms.DateInput(attrs={"type": "date"}, format=DATE_FORMAT),
            "status": forms.RadioSelect,
            "outcome": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "made_on": {"invalid": "Enter a real date, e.g. 2027-03-04."},
            "due_on": {"invalid": "Enter a real date, e.g. 2027-06-30."},
            "status": {"invalid_choice": "Choose one of the listed statuses."},
        }

    def clean(self):
        cleaned = super().clean()
        made_on, due_on = cleaned.get("made_on"), cleaned.get("due_on")
        for name, day in (("made_on", made_on), ("due_on", due_on)):
            if day is not None and not 2000 <= day.year <= 2100:
                self.add_error(name, "Enter a date between the years 2000 and 2100.")
        if made_on and due_on and due_on < made_on:
            self.add_error("due_on", "The day to keep it by cannot come before the promise.")
        return cleaned
