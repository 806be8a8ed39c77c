from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from guidance.models import COMMUNITY_PARTNERS, Perspective
from questionnaire.forms import InvitationForm, InviteeForm
from questionnaire.invitations import (
    OPEN,
    InvitationsFull,
    answer_allowed,
    invitation_create,
    invitation_state,
    invitation_withdraw,
    invitations_with_counts,
    invited_response_submit,
)
from questionnaire.models import Invitation
from questionnaire.perspectives import items_for_perspective, responses_per_perspective
from questionnaire.views.access import agency_member_required, get_assessment_for_owner


@agency_member_required
def assessment_invitations(request: HttpRequest, assessment_id) -> HttpResponse:
    """Invitation links per perspective, and how many answered. Owner only.

    Template: questionnaire/invitations.html. Context: ``invitations`` (each with ``answers``,
    ``state`` and its link), ``counts`` per perspective, ``form`` and ``minimum``.
    """
    assessment = get_assessment_for_owner(request, assessment_id)
    form = InvitationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invitation_create(
                assessment=assessment, invitation=form.save(commit=False), user=request.user
            )
        except InvitationsFull:
            form.add_error(
                None,
                f"This assessment already has {settings.INVITATIONS_PER_ASSESSMENT_MAX} "
                "invitation links, the most it can have (withdrawn links count too). Reuse an "
                "open link, or start a new assessment for a new round of invitations.",
            )
        else:
            messages.success(
                request,
                f"The link for {invitation.get_perspective_display().lower()} is ready: copy "
                "it from the list below and send it to them.",
            )
            return redirect(reverse("assessment_invitations", args=[assessment.pk]))
    invitations = invitations_with_counts(assessment)
    counts = responses_per_perspective(assessment)
    for invitation in invitations:
        invitation.link = request.build_absolute_uri(reverse("respond", args=[invitation.token]))
    return render(
        request,
        "questionnaire/invitations.html",
        {
            "assessment": assessment,
            "invitations": invitations,
            "counts": [(label, counts[p]) for p, label in Perspective.choices if p in counts],
            "form": form,
            "minimum": settings.PERSPECTIVE_MIN_RESPONSES,
        },
    )


@agency_member_required
def invitation_revoke(request: HttpRequest, assessment_id, invitation_id: int) -> HttpResponse:
    """Confirm, then withdraw a link. Answers already given are kept."""
    assessment = get_assessment_for_owner(request, assessment_id)
    invitation = get_object_or_404(Invitation, pk=invitation_id, assessment=assessment)
    if request.method == "POST":
        invitation_withdraw(invitation=invitation)
        messages.success(request, "The link is withdrawn: it no longer accepts answers.")
        return redirect("assessment_invitations", assessment.pk)
    return render(
        request,
        "questionnaire/invitation_revoke.html",
        {"assessment": assessment, "invitation": invitation},
    )


def respond(request: HttpRequest, token: str) -> HttpResponse:
    """The questionnaire for an invited perspective, without an account.

    Template: questionnaire/respond.html, or respond_closed.html (410) when the link was
    withdrawn, has expired or is full.
    """
    invitation = Invitation.objects.select_related("assessment__agency").filter(token=token).first()
    if invitation is None:
        raise Http404("No such invitation")
    state = invitation_state(invitation, invitation.responses.count())
    context = {
        "invitation": invitation,
        "agency": invitation.assessment.agency,
        "community_partner": invitation.perspective in COMMUNITY_PARTNERS,
        "minimum": settings.PERSPECTIVE_MIN_RESPONSES,
    }
    if state != OPEN:
        return render(
            request, "questionnaire/respond_closed.html", {**context, "state": state}, status=410
        )
    form = InviteeForm(
        request.POST if request.method == "POST" else None,
        sections=items_for_perspective(invitation.perspective),
        perspective=invitation.perspective,
    )
    if request.method == "POST" and form.is_valid():
        if not answer_allowed(invitation):
            # Keep what the person typed: they can send it again in a few minutes.
            context.update(form=form, busy=True)
            return render(request, "questionnaire/respond.html", context, status=429)
        stored = invited_response_submit(
            invitation=invitation,
            answers=form.answers(),
            share_notes=form.cleaned_data["share_notes"],
        )
        if stored is None:
            return render(
                request,
                "questionnaire/respond_closed.html",
                {**context, "state": "full"},
                status=410,
            )
        return redirect("respond_thanks", token)
    return render(request, "questionnaire/respond.html", {**context, "form": form})


def respond_thanks(request: HttpRequest, token: str) -> HttpResponse:
    """Thanks the invitee. Template: questionnaire/respond_thanks.html."""
    invitation = Invitation.objects.select_related("assessment__agency").filter(token=token).first()
    if invitation is None:
        raise Http404("No such invitation")
    return render(
        request,
        "questionnaire/respond_thanks.html",
        {
            "agency": invitation.assessment.agency,
            "minimum": settings.PERSPECTIVE_MIN_RESPONSES,
        },
    )
