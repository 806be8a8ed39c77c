"""Who may see what. Every view that takes an assessment id starts here."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404, render

from questionnaire.models import Assessment


def agency_member_required(view):
    """Logged in and a member of an agency; others get a page that says how to join one."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if request.user.agency_id is None:
            return render(request, "questionnaire/no_agency.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def get_assessment_for_user(request: HttpRequest, assessment_id) -> Assessment:
    """The assessment if it belongs to the user's agency; 404 otherwise, never 403."""
    assessments = Assessment.objects.for_user(request.user).select_related("agency")
    return get_object_or_404(assessments, pk=assessment_id)


def get_assessment_for_owner(request: HttpRequest, assessment_id) -> Assessment:
    """As ``get_assessment_for_user``, for the agency's owners only; members get a 403 page
    that names the owners."""
    assessment = get_assessment_for_user(request, assessment_id)
    if not request.user.is_agency_owner:
        raise PermissionDenied("Only your agency's owner can manage invitations")
    return assessment
