"""The agency's partner organizations: adding, changing and removing them (owners), the list
with where each stands, the actions a partner co-owns, a partner's update of one, and the
invitations sent to a partner's people."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q

from accounts.models import Agency
from guidance.models import COMMUNITY_PARTNERS
from partners.links import partner_link_state
from partners.models import PartnerInvitation, PartnerLink, SharingGuidelines
from perspectives.models import Invitation
from plans.models import ActionItem, ActionStatusChange, PartnerOrganization
from questionnaire.models import Assessment


class PartnersFull(Exception):
    """The agency has PARTNERS_PER_AGENCY_MAX partner organizations."""


class StaleAction(Exception):
    """The action changed after the partner's page was opened."""


@transaction.atomic
def partner_add(*, agency: Agency, partner: PartnerOrganization) -> PartnerOrganization:
    """Record a partner organization (validated by the caller's form); PartnersFull past the
    limit."""
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    if agency.partners.count() >= settings.PARTNERS_PER_AGENCY_MAX:
        raise PartnersFull
    partner.agency = agency
    partner.full_clean()
    partner.save()
    return partner


def partner_update(*, partner: PartnerOrganization) -> PartnerOrganization:
    partner.full_clean()
    partner.save()
    return partner


def partner_remove(*, partner: PartnerOrganization) -> None:
    """Remove the partner with its link (which stops working), its guidelines and the record
    of its invitations; the actions it co-owned stay in the plan, owned by the agency alone."""
    partner.delete()


@dataclass
class PartnerRow:
    partner: PartnerOrganization
    link: PartnerLink | None
    link_state: str  # "" without a link
    actions: int  # co-owned actions in the current plan
    version: int  # of the guidelines, 0 if nobody wrote yet


def partners_overview(agency: Agency) -> list[PartnerRow]:
    """Every partner of the agency with its link, co-owned actions and guidelines' version:
    three queries, whatever the number of partners."""
    plan = current_plan(agency)
    partners = list(
        agency.partners.annotate(
            actions_count=Count("actions", filter=Q(actions__assessment=plan))
        ).select_related("guidelines")
    )
    links = {
        link.partner_id: link
        for link in PartnerLink.objects.filter(partner__agency=agency, revoked_at=None)
    }
    rows = []
    for partner in partners:
        link = links.get(partner.pk)
        try:
            version = partner.guidelines.version
        except SharingGuidelines.DoesNotExist:
            version = 0
        rows.append(
            PartnerRow(
                partner,
                link,
                partner_link_state(link) if link else "",
                partner.actions_count if plan else 0,
                version,
            )
        )
    return rows


def current_plan(agency: Agency) -> Assessment | None:
    """The assessment whose plan is the agency's current one: the newest that has a plan (a
    reassessment carries the plan forward, so older plans are history). One query."""
    return (
        Assessment.objects.filter(agency=agency, plan_created_at__isnull=False)
        .order_by("-created_at")
        .first()
    )


def co_owned_actions(partner: PartnerOrganization) -> list[ActionItem]:
    """The actions of the agency's current plan that ``partner`` co-owns, in plan order."""
    plan = current_plan(partner.agency)
    if plan is None:
        return []
    return list(
        plan.actions.filter(partner_organization=partner)
        .select_related("owner_member")
        .order_by("order", "pk")
    )


@transaction.atomic
def partner_action_update(
    *,
    partner: PartnerOrganization,
    action_id: int,
    seen: str,
    status: str,
    target_date: date | None,
    notes: str,
) -> ActionItem:
    """A partner's update of an action it co-owns: its status, target date and notes.

    ActionItem.DoesNotExist unless the action is in the current plan and co-owned by
    ``partner``. StaleAction if anyone saved the action after the partner's page showed it
    (``seen``: its last-saved time as the page had it), so that nobody's notes are lost.
    """
    plan = current_plan(partner.agency)
    action = ActionItem.objects.select_for_update().get(
        pk=action_id, assessment=plan, partner_organization=partner
    )
    if action.updated_at.isoformat() != seen:
        raise StaleAction
    previous_status = action.status
    action.status, action.target_date, action.notes = status, target_date, notes
    action.full_clean()
    action.save()
    if action.status != previous_status:
        ActionStatusChange.objects.create(
            action=action, status=action.status, changed_by_partner=partner
        )
    return action


def community_invitations(agency: Agency) -> list[Invitation]:
    """The agency's invitations to community-partner perspectives, newest first, each with
    ``partner_id`` (the partner it was sent to, or None). One query."""
    invitations = list(
        Invitation.objects.filter(assessment__agency=agency, perspective__in=COMMUNITY_PARTNERS)
        .select_related("assessment", "partner_tie")
        .order_by("-created_at")
    )
    for invitation in invitations:
        tie = getattr(invitation, "partner_tie", None)
        invitation.partner_id = tie.partner_id if tie else None
    return invitations


@transaction.atomic
def partner_invitations_set(*, partner: PartnerOrganization, invitations: list[Invitation]) -> None:
    """Record which of the agency's community-partner invitations went to ``partner``'s
    people (each invitation to one partner at most)."""
    PartnerInvitation.objects.filter(partner=partner).exclude(invitation__in=invitations).delete()
    for invitation in invitations:
        PartnerInvitation.objects.update_or_create(
            invitation=invitation, defaults={"partner": partner}
        )
