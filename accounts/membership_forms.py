from django import forms

from accounts.email_address import canonical_email
from accounts.forms import NewPasswordForm
from accounts.models import User


class MemberInviteForm(forms.Form):
    email = forms.EmailField(
        label="Your colleague's work email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        help_text="They get an email with a link that works once. If they have no account, "
        "they create one when they accept.",
    )

    def clean_email(self) -> str:
        return canonical_email(self.cleaned_data["email"])


class JoinForm(NewPasswordForm):
    """A new account for the invited address: the name and a password."""

    full_name = forms.CharField(
        label="Your full name",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    field_order = ["full_name", "password1", "password2"]

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def password_user(self, cleaned: dict) -> User:
        return User(email=self.email, full_name=cleaned.get("full_name", ""))
