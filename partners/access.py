"""Who may see a partner. Every view that takes a partner id starts with
``get_partner_for_user`` (or ``get_partner_for_owner``); every view reached through a
partner's personal link is wrapped in ``partner_link_view``."""

from dataclasses import dataclass
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation

from cvi_assess.languages import language_chosen, language_switch
from partners.guidelines import day_format
from partners.links import (
    OPEN,
    RATE_WINDOW_SECONDS,
    partner_link_allowed,
    partner_link_for_token,
    partner_link_state,
)
from partners.models import PartnerLink
from plans.models import PartnerOrganization


def get_partner_for_user(request: HttpRequest, partner_id: int) -> PartnerOrganization:
    """The partner if it is one of the person's agency's; 404 otherwise, never 403."""
    return get_object_or_404(
        PartnerOrganization.objects.select_related("agency"),
        pk=partner_id,
        agency_id=request.user.agency_id,
    )


def get_partner_for_owner(request: HttpRequest, partner_id: int) -> PartnerOrganization:
    """As ``get_partner_for_user``, for the agency's owners; members get the 403 page that
    names the owners."""
    partner = get_partner_for_user(request, partner_id)
    if not request.user.is_agency_owner:
        raise PermissionDenied("Only your agency's owner can manage its partners")
    return partner


@dataclass
class PartnerVisit:
    """A request through a partner's open link: the link, its secret (for the page's own
    addresses) and the page's language."""

    link: PartnerLink
    token: str
    language: str

    @property
    def partner(self) -> PartnerOrganization:
        return self.link.partner

    def context(self) -> dict:
        return {
            "partner": self.partner,
            "agency": self.partner.agency,
            "token": self.token,
            "language": self.language,
            "other_language": language_switch(self.language),
            "expires_at": self.link.expires_at,
            "day_format": day_format(),
        }



def partner_link_view(view):
    """For views reached through a partner's link: 404 for an unknown link; in the page's
    language, 403 for a logged-in member of the agency (the page is the partner's voice, not
    the agency's), 410 for a withdrawn or expired link, 429 past the link's rate limit;
    otherwise ``view(request, visit, ...)``."""

    @wraps(view)
    def wrapper(request: HttpRequest, token: str, *args, **kwargs) -> HttpResponse:
        link = partner_link_for_token(token)
        if link is None:
            raise Http404("No such partner link")
        visit = PartnerVisit(link, token, language_chosen(request, link.language))
        with translation.override(visit.language):
            context = visit.context()
            if request.user.is_authenticated and request.user.agency_id == link.partner.agency_id:
                return render(request, "partners/partner_member.html", context, status=403)
            state = partner_link_state(link)
            if state != OPEN:
                context["state"] = state
                return render(request, "partners/partner_closed.html", context, status=410)
            if not partner_link_allowed(link):
                response = render(request, "partners/partner_busy.html", context, status=429)
                response["Retry-After"] = str(RATE_WINDOW_SECONDS)
                return response
            return view(request, visit, *args, **kwargs)

    return wrapper
