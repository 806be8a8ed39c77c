from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.forms import AgencyForm, PersonForm, ReminderSettingsForm
from accounts.services import account_signup


def signup(request: HttpRequest) -> HttpResponse:
    """Sign up a person and their agency. Template: registration/signup.html.

    Context: ``person_form`` and ``agency_form``.
    """
    if request.user.is_authenticated:
        return redirect("assessment_list")
    person_form = PersonForm(request.POST if request.method == "POST" else None, prefix="person")
    agency_form = AgencyForm(request.POST if request.method == "POST" else None, prefix="agency")
    if request.method == "POST" and person_form.is_valid() and agency_form.is_valid():
        user = account_signup(
            person=person_form.save(commit=False),
            agency=agency_form.save(commit=False),
            password=person_form.cleaned_data["password1"],
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("assessment_list")
    return render(
        request,
        "registration/signup.html",
        {"person_form": person_form, "agency_form": agency_form},
    )


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
            state = "on" if form.instance.plan_reminders else "off"
            messages.success(request, f"Reminder emails about your actions are {state}.")
    return redirect("account")
