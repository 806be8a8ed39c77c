"""Invitations: the owner's pages (in English) and the pages invitees answer on (in English or
Spanish, chosen by the link and by a switch on the page)."""

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation

from cvi_assess.languages import language_chosen, language_switch
from cvi_assess.mail import site_of
from guidance.models import COMMUNITY_PARTNERS
from perspectives.forms import (
    INVITEE_GROUPS,
    InvitationForm,
    InviteeForm,
    PersonalInvitationsForm,
)
from perspectives.invitations import (
    OPEN,
    USED,
    InvitationError,
    InviteeLink,
    TooManyAnswers,
    invitation_withdraw,
    invitations_with_counts,
    invited_response_submit,
    invitee_link,
    invitee_link_state,
    open_link_create,
    personal_invitations_remind,
    personal_invitations_send,
)
from perspectives.kit import kit_texts, qr_data_uri, qr_svg
from perspectives.models import Invitation
from perspectives.results import items_for_perspective, perspective_progress
from perspectives.steps import (
    draft_answered,
    draft_as_data,
    draft_delete,
    draft_initial,
    draft_read,
    draft_save,
    invitee_steps,
    step_chosen,
)
from questionnaire.access import agency_member_required, get_assessment_for_owner


def _link_for(request: HttpRequest) -> Callable[[str], str]:
    return lambda token: request.build_absolute_uri(reverse("respond", args=[token]))


def _invitations_url(assessment) -> str:
    return reverse("assessment_invitations", args=[assessment.pk])


@agency_member_required
def assessment_invitations(request: HttpRequest, assessment_id) -> HttpResponse:
    """Invite perspectives: personal invitations by email, open links with their kit, and
    answers as released (never exact). Owner only. Template: perspectives/invitations.html.

    Context: ``progress`` (per perspective: ``band``, ``shown`` and ``sealed_until``),
    ``rounds`` (personal invitations, each with ``invited`` and ``state``), ``links`` (open
    links, each with ``state``, its ``link``, ``qr_src`` and ``kit`` texts while open),
    ``personal_form``,
    ``open_form``, ``shown_from`` and ``statements_from`` (the estimated answers from which a
    group, and its statement by statement figures, are shown).
    """
    assessment = get_assessment_for_owner(request, assessment_id)
    create = request.POST.get("create") if request.method == "POST" else None
    personal_form = PersonalInvitationsForm(
        request.POST if create == "personal" else None, prefix="personal"
    )
    open_form = InvitationForm(request.POST if create == "open" else None, prefix="open")
    if create == "personal" and personal_form.is_valid():
        data = personal_form.cleaned_data
        try:
            invitation = personal_invitations_send(
                assessment=assessment,
                created_by=request.user,
                site=site_of(request),
                **data,
            )
        except InvitationError as error:
            personal_form.add_error("emails", str(error))
        else:
            count = len(data["emails"])
            messages.success(
                request,
                f"{count} personal invitation{'s' if count != 1 else ''} for "
                f"{invitation.get_perspective_display()} "
                f"{'are' if count != 1 else 'is'} being emailed. Each link answers once; you "
                "will see roughly how many answered, never who.",
            )
            return redirect(_invitations_url(assessment))
    if create == "open" and open_form.is_valid():
        try:
            invitation = open_link_create(
                assessment=assessment, invitation=open_form.save(commit=False), by=request.user
            )
        except InvitationError as error:
            open_form.add_error(None, str(error))
        else:
            messages.success(
                request,
                f"The link for {invitation.get_perspective_display()} is ready: copy "
                "it, or show its QR code, from the list below.",
            )
            return redirect(f"{_invitations_url(assessment)}#link-{invitation.pk}")
    invitations = invitations_with_counts(assessment)
    return render(
        request,
        "perspectives/invitations.html",
        {
            "assessment": assessment,
            "progress": perspective_progress(assessment),
            "rounds": [invitation for invitation in invitations if invitation.is_personal],
            "links": _with_kits(request, invitations),
            "personal_form": personal_form,
            "open_form": open_form,
            "shown_from": settings.PERSPECTIVE_ANSWERS_SHOWN_MIN,
            "statements_from": settings.PERSPECTIVE_STATEMENTS_MIN,
            "limit": settings.INVITATIONS_PER_ASSESSMENT_MAX,
        },
    )


def _with_kits(request: HttpRequest, invitations: list[Invitation]) -> list[Invitation]:
    """The open links, each open one with its ``link``, ``qr_src`` and ``kit`` texts."""
    links = [invitation for invitation in invitations if not invitation.is_personal]
    for invitation in links:
        if invitation.state == OPEN:
            invitation.link = _link_for(request)(invitation.token)
            invitation.qr_src = qr_data_uri(invitation.link)
            invitation.kit = kit_texts(invitation, invitation.link)
    return links


def _owners_invitation(request: HttpRequest, assessment_id, invitation_id: int):
    assessment = get_assessment_for_owner(request, assessment_id)
    return assessment, get_object_or_404(Invitation, pk=invitation_id, assessment=assessment)


@agency_member_required
def invitation_revoke(request: HttpRequest, assessment_id, invitation_id: int) -> HttpResponse:
    """Confirm, then withdraw a link or a round of personal invitations. Answers already given
    are kept. Template: questionnaire/invitation_revoke.html."""
    assessment, invitation = _owners_invitation(request, assessment_id, invitation_id)
    if request.method == "POST":
        invitation_withdraw(invitation=invitation)
        messages.success(request, "Withdrawn: it no longer accepts answers.")
        return redirect(_invitations_url(assessment))
    return render(
        request,
        "perspectives/invitation_revoke.html",
        {"assessment": assessment, "invitation": invitation},
    )


@agency_member_required
def invitation_remind(request: HttpRequest, assessment_id, invitation_id: int) -> HttpResponse:
    """Email a reminder, with a new link, to everyone in a round who has not answered."""
    assessment, invitation = _owners_invitation(request, assessment_id, invitation_id)
    if request.method == "POST":
        try:
            personal_invitations_remind(
                invitation=invitation, site=site_of(request), by=request.user
            )
        except InvitationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                "A reminder is being emailed to everyone in this round who has not answered "
                "yet, with a new link (the earlier one no longer works).",
            )
    return redirect(_invitations_url(assessment))


@agency_member_required
def invitation_qr(request: HttpRequest, assessment_id, invitation_id: int) -> HttpResponse:
    """An open link's QR code as an SVG file, to print or put on a roll-call slide."""
    assessment, invitation = _owners_invitation(request, assessment_id, invitation_id)
    if invitation.is_personal:
        raise Http404("Personal invitations have no shared link")
    response = HttpResponse(
        qr_svg(_link_for(request)(invitation.token)), content_type="image/svg+xml"
    )
    name = f"invitation-{invitation.get_perspective_display().lower().replace(' ', '-')}"
    response["Content-Disposition"] = f'attachment; filename="{name}-{invitation.pk}.svg"'
    return response


def _invitee_context(link: InviteeLink, language: str) -> dict:
    invitation = link.invitation
    return {
        "invitation": invitation,
        "agency": invitation.assessment.agency,
        "community_partner": invitation.perspective in COMMUNITY_PARTNERS,
        "group": INVITEE_GROUPS[invitation.perspective],
        "minimum": settings.PERSPECTIVE_ANSWERS_SHOWN_MIN,
        "personal": link.personal is not None,
        "language": language,
        "other_language": language_switch(language),
    }


def respond(request: HttpRequest, token: str) -> HttpResponse:
    """The questionnaire for an invited perspective, without an account, in the link's
    language or the one chosen on the page.

    Template: perspectives/respond.html; respond_member.html (403) for a logged-in member of
    the agency; respond_closed.html (410) when the link was withdrawn, has expired, is full or
    (a personal link) was used.
    """
    link = invitee_link(token)
    if link is None:
        raise Http404("No such invitation")
    language = language_chosen(request, link.invitation.language)
    with translation.override(language):
        return _respond(request, link, token, language)


def _respond(request: HttpRequest, link: InviteeLink, token: str, language: str):
    invitation = link.invitation
    context = _invitee_context(link, language)
    if request.user.is_authenticated and request.user.agency_id == invitation.assessment.agency_id:
        # The agency's own people take part in its assessment; through its links their
        # answers could be used to single out someone else's.
        return render(request, "perspectives/respond_member.html", context, status=403)
    state = invitee_link_state(link)
    if state != OPEN:
        return render(
            request, "perspectives/respond_closed.html", {**context, "state": state}, status=410
        )
    sections = items_for_perspective(invitation.perspective)
    if request.method == "POST" and "step" not in request.POST:
        # Every statement at once (a form saved before the steps, or a script).
        form = _invitee_form(request.POST, sections, invitation, language)
        if form.is_valid():
            return _send(request, link, token, language, context, form)
        return render(request, "perspectives/respond.html", {**context, "form": form})
    return _respond_in_steps(request, link, token, language, context, sections)


def _invitee_form(data, sections, invitation: Invitation, language: str, **kwargs):
    return InviteeForm(
        data,
        sections=sections,
        perspective=invitation.perspective,
        language=language,
        **kwargs,
    )


def _respond_in_steps(request, link, token, language, context, sections):
    """One section per page, with Back and Continue; the answers are kept in the session
    between steps (perspectives/steps.py) and sent from the last one."""
    invitation = link.invitation
    steps = invitee_steps(sections)
    if not steps:
        raise Http404("Nothing to answer")
    asked = request.POST.get("step") if request.method == "POST" else request.GET.get("step")
    step = step_chosen(steps, asked)
    last = step.number == len(steps)
    draft = draft_read(request.session, token)
    section = [(step.domain, step.items)]
    if request.method != "POST":
        form = _invitee_form(None, section, invitation, language, initial=draft_initial(draft))
        return _step_page(request, context, form, steps, step, draft)
    form = _invitee_form(request.POST, section, invitation, language, final=False)
    if not form.is_valid():  # a tampered answer or an overlong note: nothing is kept
        return _step_page(request, context, form, steps, step, draft)
    draft_save(
        request.session,
        token,
        invitation=invitation,
        answers=form.answers(),
        share_notes=form.cleaned_data["share_notes"] if last else None,
        keep_expiry=request.user.is_authenticated,
    )
    action = request.POST.get("action")
    lang = f"lang={language}"
    if action == "back" and step.number > 1:
        return redirect(f"{reverse('respond', args=[token])}?{lang}&step={step.number - 1}")
    if action != "send" or not last:
        following = min(step.number + 1, len(steps))
        return redirect(f"{reverse('respond', args=[token])}?{lang}&step={following}")
    draft = draft_read(request.session, token)
    extra = {"share_notes": "on"} if draft["share_notes"] else {}
    whole = _invitee_form(draft_as_data(draft, **extra), sections, invitation, language)
    if whole.is_valid():
        return _send(request, link, token, language, context, whole)
    for name, errors in whole.errors.items():  # on the last step: consent, or no answer
        for error in errors:
            form.add_error(name if name in form.fields else None, error)
    return _step_page(request, context, form, steps, step, draft)


def _step_page(request, context, form, steps, step, draft, *, status: int = 200, **extra):
    return render(
        request,
        "perspectives/respond.html",
        {
            **context,
            "form": form,
            "steps": draft_answered(draft, steps),
            "step": step,
            "last": step.number == len(steps),
            **extra,
        },
        status=status,
    )


def _send(request, link, token, language, context, form) -> HttpResponse:
    """Store the invitee's answers, then thank them; the draft is deleted once stored."""
    try:
        stored = invited_response_submit(
            link=link, answers=form.answers(), share_notes=form.cleaned_data["share_notes"]
        )
    except TooManyAnswers:
        # Keep what the person typed: they can send it again in a few minutes.
        context.update(form=form, busy=True)
        return render(request, "perspectives/respond.html", context, status=429)
    if stored is None:
        closed = USED if link.personal else "full"
        return render(
            request, "perspectives/respond_closed.html", {**context, "state": closed}, status=410
        )
    draft_delete(request.session, token)
    return redirect(f"{reverse('respond_thanks', args=[token])}?lang={language}")


def respond_thanks(request: HttpRequest, token: str) -> HttpResponse:
    """Thanks the invitee. Template: questionnaire/respond_thanks.html."""
    link = invitee_link(token)
    if link is None:
        raise Http404("No such invitation")
    language = language_chosen(request, link.invitation.language)
    with translation.override(language):
        return render(
            request, "perspectives/respond_thanks.html", _invitee_context(link, language)
        )
