"""Who may see what in a workshop. Every workshop view starts here, after the assessment's own
access helper (404 for anyone outside the agency)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from questionnaire.access import get_assessment_for_user
from questionnaire.models import Assessment
from workshops.models import Rater, Workshop


def get_workshop_for_user(request: HttpRequest, assessment_id) -> tuple[Assessment, Workshop]:
    """The assessment (404 outside its agency) and its workshop (404 if it has none)."""
    assessment = get_assessment_for_user(request, assessment_id)
    workshop = Workshop.objects.filter(assessment=assessment).first()
    if workshop is None:
        raise Http404("This assessment has no workshop")
    workshop.assessment = assessment
    return assessment, workshop


def rater_of(workshop: Workshop, user) -> Rater | None:
    return Rater.objects.filter(workshop=workshop, user=user).first()


def get_rater(request: HttpRequest, assessment_id) -> Rater:
    """The person's own place among the raters; 403 for members who were not asked to rate."""
    _assessment, workshop = get_workshop_for_user(request, assessment_id)
    rater = rater_of(workshop, request.user)
    if rater is None:
        raise PermissionDenied("Only the people asked to rate in this workshop rate here")
    rater.workshop = workshop
    return rater


def may_see_ratings(workshop: Workshop, user, rater: Rater | None) -> bool:
    """Once revealed, the raters and the agency's owners see the ratings; nobody before."""
    return workshop.is_revealed and (rater is not None or user.is_agency_owner)


def get_revealed_workshop(request: HttpRequest, assessment_id) -> tuple[Workshop, Rater | None]:
    """The revealed workshop, for its raters and the agency's owners; 403 for others, and for
    everyone while the ratings are hidden."""
    _assessment, workshop = get_workshop_for_user(request, assessment_id)
    rater = rater_of(workshop, request.user)
    if not workshop.is_revealed:
        raise PermissionDenied("The ratings are not revealed yet: nobody sees them until then")
    if not may_see_ratings(workshop, request.user, rater):
        raise PermissionDenied(
            "Only the workshop's raters and your agency's owners see its ratings"
        )
    return workshop, rater
