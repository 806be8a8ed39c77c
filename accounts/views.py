from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordResetView
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.emails import password_reset_email
from accounts.forms import (
    AgencyForm,
    PasswordResetRequestForm,
    PeerSharingForm,
    PersonForm,
    ReminderSettingsForm,
    SignupPasswordForm,
)
from accounts.models import Agency, User
from accounts.services import account_signup, agency_peer_sharing_choose
from accounts.signup import (
    SignupDetails,
    link_days,
    signup_details_from_token,
    signup_email_send,
)
from accounts.throttle import over_rate_limit
from cvi_assess.mail import site_of


def signup(request: HttpRequest) -> HttpResponse:
    """Sign up a person and their agency: every valid sign-up emails the address and shows
    "check your email", whether or not it has an account. Template: registration/signup.html.

    Context: ``person_form`` and ``agency_form``. 429 past SIGNUP_RATE_LIMIT sign-ups an hour
    from one client address, with what was typed kept.
    """
    if request.user.is_authenticated:
        return redirect("assessment_list")
    person_form = PersonForm(request.POST if request.method == "POST" else None, prefix="person")
    agency_form = AgencyForm(request.POST if request.method == "POST" else None, prefix="agency")
    status = 200
    if request.method == "POST" and person_form.is_valid() and agency_form.is_valid():
        client = get_client_ip_address(request) or ""
        if over_rate_limit(scope="signup-client", key=client, limit=settings.SIGNUP_RATE_LIMIT):
            person_form.add_error(
                None,
                "Too many sign-ups from your network in the last hour. Try again later; what "
                "you typed is kept below.",
            )
            status = 429
        else:
            details = SignupDetails(
                person=person_form.cleaned_data,
                agency={name: agency_form.cleaned_data[name] for name in AgencyForm.Meta.fields},
            )
            signup_email_send(details=details, site=site_of(request))
            request.session["signup_email"] = details.email
            return redirect("signup_sent")
    return render(
        request,
        "registration/signup.html",
        {"person_form": person_form, "agency_form": agency_form},
        status=status,
    )


def signup_sent(request: HttpRequest) -> HttpResponse:
    """The "check your email" page, the same for every sign-up.
    Template: registration/signup_sent.html.

    Context: ``email`` (the address just used, if any) and ``days`` the link works.
    """
    return render(
        request,
        "registration/signup_sent.html",
        {"email": request.session.get("signup_email", ""), "days": link_days()},
    )


def signup_confirm(request: HttpRequest) -> HttpResponse:
    """The sign-up link: choose a password, then the person and the agency are created and the
    person is logged in. Template: registration/signup_confirm.html; context ``details`` and
    ``form``. An altered or expired link gets registration/signup_link_invalid.html (400), a
    link already used registration/signup_already_done.html.
    """
    details = signup_details_from_token(request.GET.get("token", ""))
    if details is None:
        return render(request, "registration/signup_link_invalid.html", status=400)
    if User.objects.filter(email=details.email).exists():
        return render(request, "registration/signup_already_done.html")
    person = User(email=details.email, full_name=details.person["full_name"])
    agency = Agency(**details.agency)
    form = SignupPasswordForm(request.POST if request.method == "POST" else None, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            user = account_signup(
                person=person, agency=agency, password=form.cleaned_data["password1"]
            )
        except (ValidationError, IntegrityError):
            # The address was taken meanwhile (the same link, used twice at once), or the
            # agency's details are no longer accepted.
            return render(request, "registration/signup_already_done.html", status=409)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Welcome: your account and your agency are set up.")
        return redirect("assessment_list")
    return render(
        request,
        "registration/signup_confirm.html",
        {"details": details, "agency": agency, "form": form},
    )


class ThrottledPasswordResetView(PasswordResetView):
    """Django's password reset, limited per client address and per email address: past
    PASSWORD_RESET_RATE_LIMIT requests an hour from one client the form says so (429); past
    ACCOUNT_EMAILS_PER_ADDRESS emails an hour to one address it answers as usual and sends
    nothing. The address is matched in its canonical form, exactly, by the worker."""

    form_class = PasswordResetRequestForm

    def form_valid(self, form):
        client = get_client_ip_address(self.request) or ""
        if over_rate_limit(
            scope="reset-client", key=client, limit=settings.PASSWORD_RESET_RATE_LIMIT
        ):
            form.add_error(
                None,
                "Too many password-reset requests from your network in the last hour. Try "
                "again later.",
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        email = form.cleaned_data["email"]
        if not over_rate_limit(
            scope="account-email", key=email, limit=settings.ACCOUNT_EMAILS_PER_ADDRESS
        ):
            # The worker looks the address up and sends the link, if it has an account: the
            # request does the same work whether it has one or not (accounts/emails.py).
            password_reset_email.enqueue(
                email=email, domain=self.request.get_host(), use_https=self.request.is_secure()
            )
        return redirect(self.get_success_url())


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """The person's details and agency. Template: registration/account.html."""
    members = []
    if request.user.agency_id:
        members = request.user.agency.members.order_by("full_name", "email")
    return render(
        request,
        "registration/account.html",
        {"members": members, "reminder_form": ReminderSettingsForm(instance=request.user)},
    )


@login_required
def reminder_settings(request: HttpRequest) -> HttpResponse:
    """Turn the plan's reminder emails on or off for oneself (a form on the account page)."""
    if request.method == "POST":
        form = ReminderSettingsForm(request.POST, instance=request.user)
        if form.is_valid():
            form.save()
            nudges = "on" if form.instance.plan_reminders else "off"
            digest = "on" if form.instance.plan_digest else "off"
            messages.success(
                request,
                f"Reminder emails about your actions are {nudges}; the weekly digest is {digest}.",
            )
    return redirect("account")


@login_required
def peer_sharing(request: HttpRequest) -> HttpResponse:
    """Whether the agency counts in peer benchmarks; only its owner may change it.

    Template: registration/peer_sharing.html (the account page shows the same part through
    registration/includes/peer_sharing.html). Context: ``peer_form``, bound when it has errors.
    """
    agency = request.user.agency
    if agency is None:
        raise PermissionDenied("Your account is not linked to an agency")
    form = PeerSharingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not request.user.is_agency_owner:
            raise PermissionDenied(
                "Only your agency's owner can change whether it counts in peer benchmarks"
            )
        if form.is_valid():
            shares = form.cleaned_data["shares"] == "yes"
            agency_peer_sharing_choose(agency=agency, shares=shares)
            messages.success(
                request,
                "Your agency now counts in peer benchmarks."
                if shares
                else "Your agency no longer counts in peer benchmarks.",
            )
            return redirect("account")
    return render(request, "registration/peer_sharing.html", {"peer_form": form})
