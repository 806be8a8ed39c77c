"""The agency's team, managed by its owners: members, invitations, removal, ownership."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.membership import (
    MembershipError,
    agency_members,
    agency_pending_invitations,
    agency_recent_events,
    member_invitation_accept,
    member_invitation_accept_new,
    member_invitation_for_token,
    member_invitation_refusal,
    member_invitation_resend,
    member_invitation_withdraw,
    member_invite,
    member_make_owner,
    member_remove,
    owner_make_member,
)
from accounts.membership_forms import JoinForm, MemberInviteForm
from accounts.models import Agency, MemberInvitation, User
from cvi_assess.mail import site_of


def _agency_of(request: HttpRequest) -> Agency:
    if request.user.agency_id is None:
        raise PermissionDenied("Your account is not linked to an agency")
    return request.user.agency


def _owned_agency(request: HttpRequest) -> Agency:
    """The agency the person owns; a 403 page naming its owners for anyone else."""
    agency = _agency_of(request)
    if not request.user.is_agency_owner:
        raise PermissionDenied("Only your agency's owner can manage its members")
    return agency


def _member(agency: Agency, member_id: int) -> User:
    return get_object_or_404(agency.members, pk=member_id)


def _pending(agency: Agency, invitation_id: int) -> MemberInvitation:
    return get_object_or_404(agency.member_invitations.pending(), pk=invitation_id)


@login_required
def agency_team(request: HttpRequest) -> HttpResponse:
    """Members, invitations waiting for an answer, recent changes; inviting a colleague.
    Owners only. Template: registration/agency_team.html.

    Context: ``agency``, ``members``, ``owner_count``, ``invitations`` (each with
    ``state``), ``events`` (the latest 50), ``form`` and ``limit`` (AGENCY_MEMBERS_MAX).
    """
    agency = _owned_agency(request)
    form = MemberInviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = member_invite(
                agency=agency,
                email=form.cleaned_data["email"],
                invited_by=request.user,
                site=site_of(request),
            )
        except MembershipError as error:
            form.add_error("email", str(error))
        else:
            until = timezone.localtime(invitation.expires_at)
            messages.success(
                request,
                f"An invitation is being emailed to {invitation.email}. Its link works once, "
                f"until {until:%B %-d, %Y}.",
            )
            return redirect("agency_team")
    members = list(agency_members(agency))
    return render(
        request,
        "registration/agency_team.html",
        {
            "agency": agency,
            "members": members,
            "owner_count": sum(1 for member in members if member.is_agency_owner),
            "invitations": agency_pending_invitations(agency),
            "events": agency_recent_events(agency),
            "form": form,
            "limit": settings.AGENCY_MEMBERS_MAX,
        },
    )


@login_required
@require_POST
def member_invitation_resend_view(request: HttpRequest, member_invitation_id: int):
    """Email a waiting (or expired) invitation again, with a new link."""
    agency = _owned_agency(request)
    invitation = _pending(agency, member_invitation_id)
    try:
        member_invitation_resend(
            invitation=invitation, by=request.user, site=site_of(request)
        )
    except MembershipError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"The invitation is being sent to {invitation.email} again, with a new link.",
        )
    return redirect("agency_team")


@login_required
@require_POST
def member_invitation_withdraw_view(request: HttpRequest, member_invitation_id: int):
    """Withdraw a waiting invitation: its link stops working."""
    agency = _owned_agency(request)
    invitation = _pending(agency, member_invitation_id)
    member_invitation_withdraw(invitation=invitation, by=request.user)
    messages.success(request, f"The invitation to {invitation.email} is withdrawn.")
    return redirect("agency_team")


@login_required
def member_remove_view(request: HttpRequest, member_id: int) -> HttpResponse:
    """Confirm, then remove a member. Template: registration/member_remove.html."""
    agency = _owned_agency(request)
    member = _member(agency, member_id)
    if member.pk == request.user.pk:
        return redirect("agency_leave")
    if request.method == "POST":
        try:
            member_remove(agency=agency, member=member, by=request.user)
        except MembershipError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                f"{member.full_name} is no longer a member of {agency.name}. From their next "
                "page on, they cannot see its assessments.",
            )
        return redirect("agency_team")
    return render(request, "registration/member_remove.html", {"agency": agency, "member": member})


@login_required
def member_make_owner_view(request: HttpRequest, member_id: int) -> HttpResponse:
    """Confirm, then make another member an owner too. Template:
    registration/member_make_owner.html."""
    agency = _owned_agency(request)
    member = _member(agency, member_id)
    if request.method == "POST":
        try:
            member_make_owner(agency=agency, by=request.user, to=member)
        except MembershipError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, f"{member.full_name} is now an owner of {agency.name}, as you are."
            )
        return redirect("agency_team")
    return render(
        request, "registration/member_make_owner.html", {"agency": agency, "member": member}
    )


@login_required
def owner_make_member_view(request: HttpRequest, member_id: int) -> HttpResponse:
    """Confirm, then make an owner (oneself included) a member; not the last owner.
    Template: registration/owner_make_member.html, with ``only_owner``."""
    agency = _owned_agency(request)
    owner = get_object_or_404(agency.members.filter(is_agency_owner=True), pk=member_id)
    if request.method == "POST":
        try:
            owner_make_member(agency=agency, by=request.user, owner=owner)
        except MembershipError as error:
            messages.error(request, str(error))
            return redirect("agency_team")
        if owner.pk == request.user.pk:
            messages.success(request, f"You are now a member of {agency.name}, not an owner.")
            return redirect("account")
        messages.success(request, f"{owner.full_name} is now a member, not an owner.")
        return redirect("agency_team")
    only_owner = agency.members.filter(is_agency_owner=True).count() == 1
    return render(
        request,
        "registration/owner_make_member.html",
        {"agency": agency, "owner": owner, "only_owner": only_owner},
    )


@login_required
def agency_leave(request: HttpRequest) -> HttpResponse:
    """Confirm, then leave one's agency (not as its only owner). Template:
    registration/agency_leave.html, with ``only_owner``."""
    agency = _agency_of(request)
    if request.method == "POST":
        try:
            member_remove(agency=agency, member=request.user, by=request.user)
        except MembershipError as error:
            messages.error(request, str(error))
            return redirect("account")
        messages.success(request, f"You left {agency.name}.")
        return redirect("account")
    only_owner = (
        request.user.is_agency_owner and agency.members.filter(is_agency_owner=True).count() == 1
    )
    return render(
        request, "registration/agency_leave.html", {"agency": agency, "only_owner": only_owner}
    )


def member_join(request: HttpRequest, token: str) -> HttpResponse:
    """Accept an invitation to an agency. Template: registration/member_join.html.

    Context: ``invitation`` and ``state``: "invalid" (404), "expired", "accepted" or
    "withdrawn" (410), "log_in" (the address has an account: log in first), "new" (with
    ``form`` to create the account), "confirm", or "refused" (with ``refusal``).
    """
    invitation = member_invitation_for_token(token)
    if invitation is None:
        return render(request, "registration/member_join.html", {"state": "invalid"}, status=404)
    context = {"invitation": invitation, "agency": invitation.agency}
    if invitation.state != MemberInvitation.State.PENDING:
        return render(
            request,
            "registration/member_join.html",
            {**context, "state": invitation.state},
            status=410,
        )
    if request.user.is_authenticated:
        return _join_as(request, invitation, context)
    if User.objects.filter(email=invitation.email).exists():
        login_url = f"{reverse('login')}?next={request.path}"
        return render(
            request,
            "registration/member_join.html",
            {**context, "state": "log_in", "login_url": login_url},
        )
    form = JoinForm(request.POST if request.method == "POST" else None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = member_invitation_accept_new(
                invitation=invitation,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
        except MembershipError as error:
            form.add_error(None, str(error))
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, f"Welcome to {invitation.agency.name}.")
            return redirect("assessment_list")
    return render(
        request, "registration/member_join.html", {**context, "state": "new", "form": form}
    )


def _join_as(request: HttpRequest, invitation: MemberInvitation, context: dict) -> HttpResponse:
    """The logged-in person's answer to an invitation: confirm, or why they cannot."""
    refusal = member_invitation_refusal(invitation=invitation, user=request.user)
    if refusal:
        return render(
            request,
            "registration/member_join.html",
            {**context, "state": "refused", "refusal": refusal},
            status=403,
        )
    if request.method == "POST":
        try:
            member_invitation_accept(invitation=invitation, user=request.user)
        except MembershipError as error:
            messages.error(request, str(error))
            return redirect("account")
        messages.success(request, f"You joined {invitation.agency.name}.")
        return redirect("assessment_list")
    return render(request, "registration/member_join.html", {**context, "state": "confirm"})
