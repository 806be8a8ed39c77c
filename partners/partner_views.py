"""The partner's page, reached through its personal link, without an account, in English or
Spanish: the actions it co-owns (which it can update), what community partners said, and the
information-sharing guidelines (its side, agreeing a version, the Word draft).

Nothing else of the agency is shown through it: not its assessments, scores, members, other
partners or other actions. Every view is wrapped in ``partner_link_view`` (partners/access.py).
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext

from partners.access import PartnerVisit, partner_link_view
from partners.documents import guidelines_document
from partners.forms import AgreeForm, PartnerActionForm, PositionForm
from partners.guidelines import (
    GuidelinesError,
    guidelines_agree,
    guidelines_position_save,
    guidelines_state,
)
from partners.models import Side
from partners.services import StaleAction, co_owned_actions, partner_action_update
from partners.summary import partners_said
from partners.views import docx_response, guidelines_context
from plans.models import ActionItem


def _page_url(visit: PartnerVisit, anchor: str = "") -> str:
    url = f"{reverse('partner_page', args=[visit.token])}?lang={visit.language}"
    return f"{url}#{anchor}" if anchor else url


def _action_form(action: ActionItem, data=None) -> PartnerActionForm:
    return PartnerActionForm(
        data,
        prefix=f"action-{action.pk}",
        initial={
            "seen": action.updated_at.isoformat(),
            "status": action.status,
            "target_date": action.target_date,
            "notes": action.notes,
        },
    )


def _page(
    request: HttpRequest,
    visit: PartnerVisit,
    *,
    action_form: tuple[int, PartnerActionForm] | None = None,
    form: PositionForm | None = None,
    agree_form: AgreeForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The partner's page, with whichever of its forms has errors."""
    partner = visit.partner
    state = guidelines_state(partner)
    actions = co_owned_actions(partner)
    for action in actions:
        bound = action_form and action_form[0] == action.pk
        action.form = action_form[1] if bound else _action_form(action)
    return render(
        request,
        "partners/partner_page.html",
        {
            **visit.context(),
            **guidelines_context(state, side=Side.PARTNER),
            "actions": actions,
            "said": partners_said(partner.agency),
            "form": form
            or PositionForm(
                own=state.positions[Side.PARTNER].answers(),
                other=state.positions[Side.AGENCY].answers(),
                other_name=partner.agency.name,
            ),
            "agree_form": agree_form
            or AgreeForm(
                prefix="agree",
                initial={"version": state.version, "name": partner.contact_name},
            ),
            "can_agree": True,
            "action_error": action_form is not None,
        },
        status=status,
    )


@partner_link_view
def partner_page(request: HttpRequest, visit: PartnerVisit) -> HttpResponse:
    """The partner's page. Template: partners/partner_page.html. Context: ``partner`` and
    ``agency``, ``actions`` (co-owned, each with its ``form``), ``said`` (partners_said),
    ``state``, ``rows``, ``form`` and ``agree_form`` (the guidelines), the ``language`` and
    the switch to the ``other_language``."""
    if request.method == "POST":
        return redirect(_page_url(visit))
    return _page(request, visit)


@partner_link_view
def partner_page_action(request: HttpRequest, visit: PartnerVisit, action_id: int):
    """Save the partner's update of one co-owned action (POST); 404 for any other action."""
    action = next((a for a in co_owned_actions(visit.partner) if a.pk == action_id), None)
    if action is None:
        raise Http404("No such co-owned action")
    if request.method != "POST":
        return redirect(_page_url(visit, f"action-{action.pk}"))
    form = _action_form(action, request.POST)
    if form.is_valid():
        try:
            partner_action_update(
                partner=visit.partner,
                action_id=action.pk,
                seen=form.cleaned_data["seen"],
                status=form.cleaned_data["status"],
                target_date=form.cleaned_data["target_date"],
                notes=form.cleaned_data["notes"],
            )
        except StaleAction:
            form.add_error(
                None,
                gettext(
                    "Someone saved this action after you opened the page. Your changes are "
                    "not saved: reload the page to see the action as it is now."
                ),
            )
        else:
            messages.success(request, gettext("Saved “%(title)s”.") % {"title": action.title})
            return redirect(_page_url(visit, f"action-{action.pk}"))
    form.error_context = action.title
    return _page(request, visit, action_form=(action.pk, form), status=400)


@partner_link_view
def partner_page_guidelines(request: HttpRequest, visit: PartnerVisit) -> HttpResponse:
    """Save the partner's side of the guidelines (POST)."""
    if request.method != "POST":
        return redirect(_page_url(visit, "guidelines-heading"))
    partner = visit.partner
    state = guidelines_state(partner)
    form = PositionForm(
        request.POST,
        own=state.positions[Side.PARTNER].answers(),
        other=state.positions[Side.AGENCY].answers(),
        other_name=partner.agency.name,
    )
    if not form.is_valid():
        return _page(request, visit, form=form, status=400)
    changed = guidelines_position_save(
        partner=partner, side=Side.PARTNER, answers=form.answers(), by=partner.name
    )
    messages.success(
        request,
        gettext("Saved your answers: this is a new version of the guidelines.")
        if changed
        else gettext("Nothing changed, so the version stays the same."),
    )
    return redirect(_page_url(visit, "guidelines-heading"))


@partner_link_view
def partner_page_agree(request: HttpRequest, visit: PartnerVisit) -> HttpResponse:
    """Mark the version read agreed on the partner's side (POST)."""
    if request.method != "POST":
        return redirect(_page_url(visit, "agreement-heading"))
    form = AgreeForm(request.POST, prefix="agree")
    if form.is_valid():
        try:
            guidelines_agree(
                partner=visit.partner,
                side=Side.PARTNER,
                version=form.cleaned_data["version"],
                name=form.cleaned_data["name"],
                role=form.cleaned_data["role"],
            )
        except GuidelinesError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                gettext("You agreed version %(version)s.")
                % {"version": form.cleaned_data["version"]},
            )
            return redirect(_page_url(visit, "agreement-heading"))
    return _page(request, visit, agree_form=form, status=400)


@partner_link_view
def partner_page_docx(request: HttpRequest, visit: PartnerVisit) -> HttpResponse:
    """The guidelines as an editable Word document (in English)."""
    return docx_response(guidelines_document(guidelines_state(visit.partner)))
