from django import forms
from django.utils import timezone

from questionnaire.models import Assessment


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
