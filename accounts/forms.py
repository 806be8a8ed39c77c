from django import forms
from django.contrib.auth import password_validation

from accounts.models import Agency, User


class PersonForm(forms.ModelForm):
    """The person signing up: becomes the owner of the new agency."""

    password1 = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 12 characters; not a common password or only numbers.",
    )
    password2 = forms.CharField(
        label="Password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = User
        fields = ["full_name", "email"]
        labels = {"full_name": "Your full name", "email": "Your work email address"}
        help_texts = {"email": "You will log in with it."}
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "An account with this email address already exists. Log in, or reset your "
                "password from the log-in page."
            )
        return email

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", "The two passwords do not match.")
        elif password1:
            user = User(email=cleaned.get("email", ""), full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(password1, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class AgencyForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = ["name", "agency_type", "sworn_officers", "state", "population_served"]
        labels = {"name": "Agency name"}
        widgets = {"name": forms.TextInput(attrs={"autocomplete": "organization"})}


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
