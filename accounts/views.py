from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.forms import AgencyForm, PeerSharingForm, PersonForm
from accounts.services import account_signup, agency_peer_sharing_choose


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
    return render(request, "registration/account.html", {"members": members})


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
