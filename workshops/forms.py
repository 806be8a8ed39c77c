"""A workshop's forms: starting it, a rater's ratings, the agreed level in meeting mode."""

from django import forms

from accounts.models import User
from guidance.models import Item
from questionnaire.forms import SectionForm
from workshops.services import MIN_RATERS


class WorkshopStartForm(forms.Form):
    raters = forms.ModelMultipleChoiceField(
        label="Who rates",
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=f"At least {MIN_RATERS}: usually the chief and the command staff. Tick "
        "yourself to rate too.",
        error_messages={
            "invalid_choice": "Choose people from your team's list.",
            "invalid_pk_value": "Choose people from your team's list.",
        },
    )
    anonymous = forms.TypedChoiceField(
        label="After the reveal, show",
        choices=[
            ("", "Who chose what: each rating with its rater's name (recommended)"),
            ("1", "Counts only: how many chose each level, never who"),
        ],
        coerce=bool,
        empty_value=False,
        required=False,
        widget=forms.RadioSelect,
        initial="",
        error_messages={"invalid_choice": "Choose one of the listed answers."},
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["raters"].queryset = members
        self.fields["raters"].label_from_instance = lambda user: user.full_name or user.email

    def clean_raters(self) -> list[User]:
        raters = list(self.cleaned_data["raters"])
        if len(raters) < MIN_RATERS:
            raise forms.ValidationError(f"Choose at least {MIN_RATERS} people to rate.")
        return raters


class RatingForm(SectionForm):
    """A rater's ratings of one section: the same statements, levels and evidence hints as the
    assessment itself."""

    note_label = "Your evidence or note (optional)"


class AgreedLevelForm(SectionForm):
    """The level the group agreed on for one statement, and the assessment's note on it."""

    note_label = "Evidence or note for the agreed answer (optional)"

    def __init__(self, *args, item: Item, **kwargs):
        super().__init__(*args, items=[item], **kwargs)
        self.item = item

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get(f"item-{self.item.pk}"):
            self.add_error(
                f"item-{self.item.pk}",
                "Choose the level you agreed on (or “Don't know”), or go to the next statement "
                "without recording one.",
            )
        return cleaned
