"""Forms of invitations: an open link, a round of personal invitations, and the page an
invited person answers on (in English or Spanish)."""

import re

from django import forms
from django.conf import settings
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from accounts.email_address import canonical_email
from guidance.models import Item, Perspective
from perspectives.invitations import PASTE_MAX
from perspectives.models import Invitation, InviteeLanguage
from questionnaire.forms import RatedItemsForm
from questionnaire.models import Answer


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The model's default is a function, so Django would add a hidden "initial-" input
        # (and give it the visible field's aria-describedby, which the HTML checker rejects);
        # nothing here compares against the initial value.
        self.fields["expires_on"].show_hidden_initial = False

    def clean_expires_on(self):
        return _check_expiry(self.cleaned_data["expires_on"])

    def clean_max_responses(self):
        cap = self.cleaned_data["max_responses"]
        minimum = settings.PERSPECTIVE_ANSWERS_SHOWN_MIN
        if cap < minimum:
            # A link that fills up tells you that one more person answered: it may not close
            # before a group could be shown.
            raise forms.ValidationError(
                f"Allow at least {minimum} answers: a group's results appear only once about "
                f"{minimum} people have answered."
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
        label=_("Quote my notes to the agency word for word, without my name"),
        required=False,
        help_text=_(
            "Notes are kept only if you check this box. The organizer may guess who wrote a "
            "note from what it says."
        ),
    )

    def __init__(
        self,
        *args,
        sections: list[tuple],
        perspective: str,
        language: str,
        final: bool = True,
        **kwargs,
    ):
        """``final``: the answers are to be sent (at least one, notes only with consent);
        False for one step of several, which only checks its own answers."""
        self.sections = sections
        self.perspective = perspective
        self.language = language
        self.final = final
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
        if self.errors or not self.final:
            return cleaned
        if not any(cleaned.get(f"item-{item.pk}") for item in self.items):
            raise forms.ValidationError(_("Answer at least one statement before sending."))
        wrote_notes = any(cleaned.get(f"note-{item.pk}", "").strip() for item in self.items)
        if wrote_notes and not cleaned.get("share_notes"):
            self.add_error(
                "share_notes",
                _(
                    "You wrote notes: check this box to have them quoted, or delete them before "
                    "sending."
                ),
            )
        return cleaned
