"""The agency's partner pages: the list, adding, changing and removing a partner (owners), its
personal link (owners), the invitations sent to its people (owners), and the guidelines
drafted with it: the agency's side, agreeing a version (owners) and the Word draft.

The PDF of the guidelines is rendered by the reports app (reports/guidelines.py), which sits
above this one."""


from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from cvi_assess.mail import site_of
from partners.access import get_partner_for_owner, get_partner_for_user
from partners.documents import guidelines_document, guidelines_docx, guidelines_filename
from partners.forms import (
    AgreeForm,
    LinkSendForm,
    PartnerForm,
    PartnerInvitationsForm,
    PositionForm,
)
from partners.guidelines import (
    GuidelinesError,
    GuidelinesState,
    day_format,
    guidelines_agree,
    guidelines_position_save,
    guidelines_state,
    guidelines_suggestion,
)
from partners.links import (
    PartnerLinkError,
    live_link,
    partner_link_send,
    partner_link_state,
    partner_link_withdraw,
)
from partners.models import Side
from partners.services import (
    PartnersFull,
    co_owned_actions,
    community_invitations,
    current_plan,
    partner_add,
    partner_invitations_set,
    partner_remove,
    partner_update,
    partners_overview,
)
from plans.models import PartnerOrganization
from questionnaire.access import agency_member_required

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _partner_url(partner: PartnerOrganization, anchor: str = "") -> str:
    url = reverse("partner_detail", args=[partner.pk])
    return f"{url}#{anchor}" if anchor else url


def _guidelines_url(partner: PartnerOrganization, anchor: str = "") -> str:
    url = reverse("partner_guidelines", args=[partner.pk])
    return f"{url}#{anchor}" if anchor else url


@agency_member_required
def partner_list(request: HttpRequest) -> HttpResponse:
    """The agency's partner organizations. Template: partners/list.html, with ``rows`` (each
    partner with its link, co-owned actions and guidelines' version) and ``limit``."""
    return render(
        request,
        "partners/list.html",
        {
            "rows": partners_overview(request.user.agency),
            "limit": settings.PARTNERS_PER_AGENCY_MAX,
        },
    )


@agency_member_required
def partner_add_view(request: HttpRequest) -> HttpResponse:
    """Add a partner organization (owners). Template: partners/partner_form.html."""
    if not request.user.is_agency_owner:
        raise PermissionDenied("Only your agency's owner can add partners")
    agency = request.user.agency
    form = PartnerForm(request.POST if request.method == "POST" else None, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            partner = partner_add(agency=agency, partner=form.save(commit=False))
        except PartnersFull:
            form.add_error(
                None,
                f"{agency.name} has {settings.PARTNERS_PER_AGENCY_MAX} partner organizations, "
                "the most it can record. Remove one you no longer work with first.",
            )
        else:
            messages.success(request, f"Added {partner.name}.")
            return redirect(_partner_url(partner))
    return render(request, "partners/partner_form.html", {"form": form, "partner": None})


@agency_member_required
def partner_edit(request: HttpRequest, partner_id: int) -> HttpResponse:
    """Change a partner's name, kind or contact (owners). Template: partners/partner_form.html.
    A new contact address takes effect with the next link sent."""
    partner = get_partner_for_owner(request, partner_id)
    form = PartnerForm(
        request.POST if request.method == "POST" else None,
        instance=partner,
        agency=partner.agency,
    )
    if request.method == "POST" and form.is_valid():
        partner = partner_update(partner=form.save(commit=False))
        messages.success(request, f"Saved {partner.name}.")
        return redirect(_partner_url(partner))
    return render(request, "partners/partner_form.html", {"form": form, "partner": partner})


@agency_member_required
def partner_remove_view(request: HttpRequest, partner_id: int) -> HttpResponse:
    """Confirm, then remove a partner (owners). Template: partners/partner_remove.html, with
    ``partner`` and ``actions`` (the co-owned ones, which stay in the plan)."""
    partner = get_partner_for_owner(request, partner_id)
    if request.method == "POST":
        partner_remove(partner=partner)
        messages.success(
            request,
            f"Removed {partner.name}. Its link no longer works; the actions it co-owned stay "
            "in the plan.",
        )
        return redirect("partner_list")
    return render(
        request,
        "partners/partner_remove.html",
        {"partner": partner, "actions": co_owned_actions(partner)},
    )


def _detail_page(request, partner, *, link_form=None, invitations_form=None, status=200):
    link = live_link(partner)
    invitations = community_invitations(partner.agency)
    return render(
        request,
        "partners/detail.html",
        {
            "partner": partner,
            "link": link,
            "link_state": partner_link_state(link) if link else "",
            "link_form": link_form or LinkSendForm(),
            "link_days": settings.PARTNER_LINK_DAYS,
            "plan": current_plan(partner.agency),
            "actions": co_owned_actions(partner),
            "invitations_form": invitations_form
            or PartnerInvitationsForm(
                invitations=invitations,
                initial={"invitations": [i.pk for i in invitations if i.partner_id == partner.pk]},
            ),
            "tied": [i for i in invitations if i.partner_id == partner.pk],
            "invitations_available": bool(invitations),
        },
        status=status,
    )


@agency_member_required
def partner_detail(request: HttpRequest, partner_id: int) -> HttpResponse:
    """A partner: its contact, its personal link, the actions it co-owns in the current plan
    and the invitations sent to its people. Template: partners/detail.html, with
    ``partner``, ``link`` and ``link_state``, ``link_form``, ``plan``, ``actions``,
    ``invitations_form`` and ``tied``."""
    partner = get_partner_for_user(request, partner_id)
    return _detail_page(request, partner)


@agency_member_required
def partner_link(request: HttpRequest, partner_id: int) -> HttpResponse:
    """Email the partner's contact a new personal link (owners, POST); the one before stops
    working."""
    partner = get_partner_for_owner(request, partner_id)
    if request.method != "POST":
        return redirect(_partner_url(partner, "link-heading"))
    form = LinkSendForm(request.POST)
    if form.is_valid():
        try:
            address = partner_link_send(
                partner=partner,
                language=form.cleaned_data["language"],
                sent_by=request.user,
                site=site_of(request),
            )
        except PartnerLinkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                f"A personal link is on its way to {address}. It works for "
                f"{settings.PARTNER_LINK_DAYS} days; once it is sent, any earlier link no longer "
                "works.",
            )
            return redirect(_partner_url(partner, "link-heading"))
    return _detail_page(request, partner, link_form=form, status=400)


@agency_member_required
def partner_link_withdraw_view(request: HttpRequest, partner_id: int) -> HttpResponse:
    """Confirm, then withdraw the partner's link (owners). Template:
    partners/link_withdraw.html."""
    partner = get_partner_for_owner(request, partner_id)
    if request.method == "POST":
        if partner_link_withdraw(partner=partner):
            messages.success(request, f"{partner.name}'s link no longer works.")
        return redirect(_partner_url(partner, "link-heading"))
    return render(request, "partners/link_withdraw.html", {"partner": partner})


@agency_member_required
def partner_invitations(request: HttpRequest, partner_id: int) -> HttpResponse:
    """Record which community-partner invitations went to the partner's people (owners)."""
    partner = get_partner_for_owner(request, partner_id)
    if request.method != "POST":
        return redirect(_partner_url(partner, "invitations-heading"))
    form = PartnerInvitationsForm(request.POST, invitations=community_invitations(partner.agency))
    if form.is_valid():
        partner_invitations_set(partner=partner, invitations=list(form.cleaned_data["invitations"]))
        messages.success(request, "Saved which invitations went to the partner's people.")
        return redirect(_partner_url(partner, "invitations-heading"))
    return _detail_page(request, partner, invitations_form=form, status=400)


def guidelines_context(state: GuidelinesState, *, side: str) -> dict:
    """What both sides' pages show of the guidelines, seen from ``side``."""
    partner = state.partner
    agency_side = side == Side.AGENCY
    return {
        "state": state,
        "rows": state.rows(),
        "suggestion": guidelines_suggestion(),
        "sides": [
            (partner.agency.name, state.current.get(Side.AGENCY)),
            (partner.name, state.current.get(Side.PARTNER)),
        ],
        "own_approval": state.current.get(side),
        "own_name": partner.agency.name if agency_side else partner.name,
        "day_format": day_format(),
    }


def _guidelines_page(
    request, state: GuidelinesState, *, form=None, agree_form=None, status=200
) -> HttpResponse:
    partner = state.partner
    return render(
        request,
        "partners/guidelines.html",
        {
            **guidelines_context(state, side=Side.AGENCY),
            "partner": partner,
            "form": form
            or PositionForm(
                own=state.positions[Side.AGENCY].answers(),
                other=state.positions[Side.PARTNER].answers(),
                other_name=partner.name,
            ),
            "agree_form": agree_form
            or AgreeForm(
                prefix="agree",
                initial={"version": state.version, "name": request.user.get_full_name()},
            ),
            "can_agree": request.user.is_agency_owner,
        },
        status=status,
    )


@agency_member_required
def partner_guidelines(request: HttpRequest, partner_id: int) -> HttpResponse:
    """The information-sharing guidelines with one partner: both sides' answers, where they
    agree, what is still to agree, the agency's side (members save it) and agreeing a
    version (owners). Template: partners/guidelines.html, with ``state``, ``rows``, ``form``
    and ``agree_form``."""
    partner = get_partner_for_user(request, partner_id)
    state = guidelines_state(partner)
    if request.method != "POST":
        return _guidelines_page(request, state)
    form = PositionForm(
        request.POST,
        own=state.positions[Side.AGENCY].answers(),
        other=state.positions[Side.PARTNER].answers(),
        other_name=partner.name,
    )
    if not form.is_valid():
        return _guidelines_page(request, state, form=form, status=400)
    changed = guidelines_position_save(
        partner=partner, side=Side.AGENCY, answers=form.answers(), by=request.user.get_full_name()
    )
    messages.success(
        request,
        "Saved your agency's answers: this is a new version of the guidelines."
        if changed
        else "Nothing changed, so the version stays the same.",
    )
    return redirect(_guidelines_url(partner, "guidelines-heading"))


@agency_member_required
def partner_guidelines_agree(request: HttpRequest, partner_id: int) -> HttpResponse:
    """Mark the version read agreed on the agency's side (owners, POST)."""
    partner = get_partner_for_owner(request, partner_id)
    if request.method != "POST":
        return redirect(_guidelines_url(partner))
    form = AgreeForm(request.POST, prefix="agree")
    if form.is_valid():
        try:
            guidelines_agree(
                partner=partner,
                side=Side.AGENCY,
                version=form.cleaned_data["version"],
                name=form.cleaned_data["name"],
                role=form.cleaned_data["role"],
                user=request.user,
            )
        except GuidelinesError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Your agency agreed version {form.cleaned_data['version']}.")
            return redirect(_guidelines_url(partner, "agreement-heading"))
    return _guidelines_page(request, guidelines_state(partner), agree_form=form, status=400)


@agency_member_required
def partner_guidelines_docx(request: HttpRequest, partner_id: int) -> HttpResponse:
    """The guidelines as an editable Word document."""
    partner = get_partner_for_user(request, partner_id)
    return docx_response(guidelines_document(guidelines_state(partner)))


def docx_response(document: dict) -> HttpResponse:
    response = HttpResponse(guidelines_docx(document), content_type=DOCX)
    name = guidelines_filename(document, "docx")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
