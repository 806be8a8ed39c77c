"""Forms of the partner pages: a partner organization, sending its link, one side's answers to
the guidelines, agreeing a version, and a partner's update of an action it co-owns.

The last three are shown on the partner's page too, so their words are marked for translation.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Agency
from partners.guidelines import display_answer
from partners.models import GUIDELINES_TEXT_MAX_LENGTH, GuidelinesPosition
from partners.questions import CHOICE, DATE, QUESTIONS, answer_digest
from perspectives.models import Invitation, InviteeLanguage
from plans.models import ActionItem, PartnerOrganization
from questionnaire.models import NOTE_MAX_LENGTH

DATE_FORMAT = "%Y-%m-%d"

# The statuses of an action, as the partner's page says them in its language.
ACTION_STATUSES = [
    (ActionItem.Status.NOT_STARTED, _("Not started")),
    (ActionItem.Status.IN_PROGRESS, _("In progress")),
    (ActionItem.Status.DONE, _("Done")),
    (ActionItem.Status.NOT_APPLICABLE, _("Not applicable")),
]


def _check_year(form: forms.Form, name: str) -> None:
    day = form.cleaned_data.get(name)
    if day is not None and not 2000 <= day.year <= 2100:
        form.add_error(name, _("Enter a date between the years 2000 and 2100."))


class PartnerForm(forms.ModelForm):
    """A partner organization: its name, kind and contact."""

    class Meta:
        model = PartnerOrganization
        fields = ["name", "kind", "contact_name", "contact_email"]
        widgets = {"kind": forms.RadioSelect}
        error_messages = {"kind": {"invalid_choice": "Choose one of the listed kinds."}}
        help_texts = {
            "contact_email": "The partner's personal link is emailed here, e.g. "
            "“dana@safestreets.example”.",
        }

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        taken = self.agency.partners.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(f"{self.agency.name} already has a partner named {name}.")
        return name


class LinkSendForm(forms.Form):
    language = forms.ChoiceField(
        label="Language of the page and the email",
        choices=InviteeLanguage.choices,
        initial=InviteeLanguage.ENGLISH,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose English or Spanish."},
        help_text="The partner can switch language on the page.",
    )


class PartnerInvitationsForm(forms.Form):
    """Which community-partner invitations went to the partner's people."""

    invitations = forms.ModelMultipleChoiceField(
        label="Invitations sent to this partner's people",
        queryset=Invitation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose among your agency's invitations."},
    )

    def __init__(self, *args, invitations: list[Invitation], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["invitations"]
        field.queryset = Invitation.objects.filter(pk__in=[i.pk for i in invitations])
        field.label_from_instance = invitation_label


def invitation_label(invitation: Invitation) -> str:
    """e.g. "Community partners: residents, North district meeting, created May 2, 2027"."""
    parts = [invitation.get_perspective_display(), invitation.label]
    created = timezone.localtime(invitation.created_at)
    return ", ".join(p for p in parts if p) + f", created {created:%B %-d, %Y}"


class PositionForm(forms.Form):
    """One side's answers to every question of the guidelines; where the other side has
    answered differently, a box takes its answer word for word.

    ``other_answers``: the other side's stored answers (keys of partners/questions.py); each
    box carries a fingerprint of the answer the page showed, so that an answer changed since
    is never taken unseen.
    """

    def __init__(self, *args, own: dict[str, str], other: dict[str, str], other_name: str, **kw):
        super().__init__(*args, initial={**own, **kw.pop("initial", {})}, **kw)
        self.other, self.takeable = other, []
        for question in QUESTIONS:
            self.fields[question.key] = self._answer_field(question)
            theirs = other.get(question.key, "")
            if theirs and theirs != own.get(question.key, ""):
                self.takeable.append(question.key)
                self.fields[f"take_{question.key}"] = forms.BooleanField(
                    label=_("Take %(other)s's answer instead of mine") % {"other": other_name},
                    help_text=_("Their answer: %(answer)s")
                    % {"answer": display_answer(question, theirs)},
                    required=False,
                )
                self.fields[f"seen_{question.key}"] = forms.CharField(
                    widget=forms.HiddenInput, required=False, initial=answer_digest(theirs)
                )
        self.other_name = other_name

    @staticmethod
    def _answer_field(question) -> forms.Field:
        common = {"label": question.label, "help_text": question.help_text, "required": False}
        if question.kind == CHOICE:
            return forms.ChoiceField(
                choices=[("", _("Not decided yet")), *GuidelinesPosition.Flow.choices],
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Choose one of the listed answers.")},
                **common,
            )
        if question.kind == DATE:
            return forms.DateField(
                widget=forms.DateInput(attrs={"type": "date"}, format=DATE_FORMAT),
                error_messages={"invalid": _("Enter a real date, e.g. 2027-12-01.")},
                **common,
            )
        return forms.CharField(
            widget=forms.Textarea(attrs={"rows": 3}),
            max_length=GUIDELINES_TEXT_MAX_LENGTH,
            **common,
        )

    def rows(self):
        """(answer field, its "take" box or None, its fingerprint or None) per question."""
        for question in QUESTIONS:
            take = question.key in self.takeable
            yield (
                self[question.key],
                self[f"take_{question.key}"] if take else None,
                self[f"seen_{question.key}"] if take else None,
            )

    def clean(self):
        cleaned = super().clean()
        _check_year(self, "review_on")
        for key in self.takeable:
            if not cleaned.get(f"take_{key}"):
                continue
            theirs = self.other.get(key, "")
            if cleaned.get(f"seen_{key}") != answer_digest(theirs):
                self.add_error(
                    f"take_{key}",
                    _(
                        "%(other)s changed this answer after you opened the page. Read its new "
                        "answer, then choose again."
                    )
                    % {"other": self.other_name},
                )
            else:
                self.errors.pop(key, None)
                cleaned[key] = theirs
        return cleaned

    def answers(self) -> dict[str, str]:
        """The answers as partners/questions.py compares them (dates as 2027-12-01)."""
        answers = {}
        for question in QUESTIONS:
            value = self.cleaned_data.get(question.key) or ""
            answers[question.key] = value.isoformat() if hasattr(value, "isoformat") else value
            if question.kind != CHOICE and question.kind != DATE:
                answers[question.key] = answers[question.key].strip()
        return answers


class AgreeForm(forms.Form):
    """Mark the version read agreed, in someone's name."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    name = forms.CharField(label=_("Agreed by (name)"), max_length=150)
    role = forms.CharField(
        label=_("Their role (optional)"),
        max_length=150,
        required=False,
        help_text=_("e.g. “Executive director” or “Chief of police”."),
    )


class PartnerActionForm(forms.Form):
    """A partner's update of an action it co-owns."""

    seen = forms.CharField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ACTION_STATUSES,
        error_messages={"invalid_choice": _("Choose one of the statuses.")},
    )
    target_date = forms.DateField(
        label=_("Target date (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format=DATE_FORMAT),
        error_messages={"invalid": _("Enter a real date, e.g. 2027-03-31.")},
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The agency sees them: progress, decisions, who else is involved."),
    )

    def clean(self):
        cleaned = super().clean()
        _check_year(self, "target_date")
        return cleaned
