from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm

from accounts.email_address import canonical_email
from accounts.models import Agency, User


class LoginForm(AuthenticationForm):
    """Django's log-in form, with the address made canonical (accounts/email_address.py)
    before anything looks it up or counts it. A look-alike address or one too long for the
    lockout's records gets a clear error on its field and never reaches ``authenticate()``.

    A plain CharField rather than Django's UsernameField, which would NFKC-normalize a
    look-alike (a fullwidth ａ) into someone else's address instead of refusing it.
    """

    username = forms.CharField(widget=forms.TextInput(attrs={"autofocus": True}))

    def clean_username(self) -> str:
        return canonical_email(self.cleaned_data["username"])


class AdminLoginForm(LoginForm, AdminAuthenticationForm):
    """The admin's log-in form (staff only), with the same canonical address."""


class PasswordResetRequestForm(PasswordResetForm):
    """Django's password-reset form, matching the canonical address exactly (Django's own
    matches case-insensitively in the database). The email goes to the address on file."""

    def clean_email(self) -> str:
        return canonical_email(self.cleaned_data["email"])

    def get_users(self, email: str):
        people = User.objects.filter(email=email, is_active=True)
        return (person for person in people if person.has_usable_password())


class PersonForm(forms.Form):
    """The person signing up: becomes the owner of the new agency.

    A plain form, not a model form: a model form would check that the address is unused and
    say so, and the sign-up must never tell whether an address has an account (see
    accounts/signup.py).
    """

    full_name = forms.CharField(
        label="Your full name",
        max_length=User._meta.get_field("full_name").max_length,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Your work email address",
        max_length=User._meta.get_field("email").max_length,
        help_text="You will log in with it. We send a link to it to finish signing up.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_email(self) -> str:
        return canonical_email(self.cleaned_data["email"])


class NewPasswordForm(forms.Form):
    """A new password typed twice and checked by the password validators against the person
    it is for (``password_user()``): the base of every form where someone chooses one."""

    password1 = forms.CharField(
        label="Choose a password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 12 characters; not a common password or only numbers.",
    )
    password2 = forms.CharField(
        label="Password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def password_user(self, cleaned: dict) -> User:
        raise NotImplementedError

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", "The two passwords do not match.")
        elif password1:
            try:
                password_validation.validate_password(password1, self.password_user(cleaned))
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class SignupPasswordForm(NewPasswordForm):
    """The password chosen when the sign-up link is opened."""

    def __init__(self, *args, person: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person

    def password_user(self, cleaned: dict) -> User:
        return self.person


class AgencyForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = ["name", "agency_type", "sworn_officers", "state", "population_served"]
        labels = {"name": "Agency name"}
        widgets = {"name": forms.TextInput(attrs={"autocomplete": "organization"})}


class ReminderSettingsForm(forms.ModelForm):
    """Each of the plan's emails, on or off for oneself."""

    class Meta:
        model = User
        fields = ["plan_reminders", "plan_digest"]


class PeerSharingForm(forms.Form):
    """The owner's choice: does the agency count in peer benchmarks?"""

    CHOICES = [
        ("yes", "Yes: count our submitted assessments in peer benchmarks"),
        ("no", "No: do not count them"),
    ]
    shares = forms.ChoiceField(
        label="Should your agency's submitted assessments count in peer benchmarks?",
        choices=CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether your agency counts in peer benchmarks.",
            "invalid_choice": "Choose one of the two answers listed.",
        },
    )
