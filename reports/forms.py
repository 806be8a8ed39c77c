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

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("earlier") and cleaned.get("earlier") == cleaned.get("later"):
            self.add_error(
                "later", "Choose two different assessments: one cannot be compared with itself."
            )
        return cleaned

    def chosen(self) -> tuple[Assessment, Assessment] | None:
        """The two assessments chosen, oldest first; by default the latest two, which the
        menus then show. None on bad input (the page shows the error, and no comparison).
        Needs at least two submitted assessments."""
        ordered = list(self.submitted.values())
        if not self.is_bound:
            self.initial = {"earlier": str(ordered[-2].pk), "later": str(ordered[-1].pk)}
            return ordered[-2], ordered[-1]
        if not self.is_valid():
            return None
        pair = sorted(
            (self.submitted[self.cleaned_data[n]] for n in ("earlier", "later")),
            key=lambda a: (a.submitted_at, str(a.pk)),
        )
        return pair[0], pair[1]
