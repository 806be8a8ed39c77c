"""A person's own actions ("My actions"), their status changed in place, and calendars: the
person's private feed and an .ics file per action."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.throttle import over_rate_limit
from plans.calendars import (
    FEED_FETCHES_PER_HOUR,
    calendar_feed_create,
    calendar_feed_delete,
    calendar_feed_owner,
    calendar_of_actions,
    feed_actions,
)
from plans.models import ActionItem, CalendarFeed
from plans.my_actions import actions_owned_by, get_action_for_user
from plans.services import action_update
from questionnaire.access import agency_member_required, get_assessment_for_user


def _my_actions_page(request: HttpRequest, *, feed_url: str = "") -> HttpResponse:
    mine = actions_owned_by(request.user)
    return render(
        request,
        "plans/my_actions.html",
        {
            "mine": mine,
            "statuses": ActionItem.Status.choices,
            "has_feed": bool(feed_url) or CalendarFeed.objects.filter(user=request.user).exists(),
            "feed_url": feed_url,
        },
    )


@agency_member_required
def my_actions(request: HttpRequest) -> HttpResponse:
    """Every action the person owns across the agency's assessments, by when it is due, each
    with its status to change in place; and their calendar feed. Template:
    plans/my_actions.html. Context: ``mine`` (plans.my_actions.MyActions), ``statuses``,
    ``has_feed`` and ``feed_url`` (only right after a new address was made)."""
    return _my_actions_page(request)


@agency_member_required
def my_action_status(request: HttpRequest, action_id: int) -> HttpResponse:
    """Change an action's status from "My actions" (JSON for the page's script, otherwise
    back to the action in the list). A status not on the list changes nothing."""
    action = get_action_for_user(request, action_id)
    status = request.POST.get("status", "")
    wants_json = request.headers.get("Accept") == "application/json"
    if request.method != "POST" or status not in ActionItem.Status.values:
        if wants_json:
            return JsonResponse({"saved": False}, status=400)
        if request.method == "POST":
            messages.error(request, "Choose one of the statuses; nothing was changed.")
        return redirect(reverse("my_actions") + f"#mine-{action.pk}")
    previous = action.status
    action.status = status
    action_update(
        action=action, previous_timeframe=action.timeframe, previous_status=previous,
        user=request.user,
    )  # fmt: skip
    if wants_json:
        return JsonResponse({"saved": True, "status": action.get_status_display()})
    messages.success(request, f"“{action.title}” is now {action.get_status_display().lower()}.")
    return redirect(reverse("my_actions") + f"#mine-{action.pk}")


@agency_member_required
def calendar_feed_manage(request: HttpRequest) -> HttpResponse:
    """Make a new private calendar address (shown once, on the page this answers with), or
    turn it off. A GET goes back to "My actions"."""
    if request.method != "POST":
        return redirect("my_actions")
    if request.POST.get("feed") == "off":
        if calendar_feed_delete(user=request.user):
            messages.success(
                request, "Your calendar address is turned off: calendars that used it get nothing."
            )
        return redirect(reverse("my_actions") + "#calendar")
    token = calendar_feed_create(user=request.user)
    url = request.build_absolute_uri(reverse("calendar_feed", args=[token]))
    return _my_actions_page(request, feed_url=url)


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A person's private feed (no log-in: calendars fetch it on their own): the due dates of
    the open actions they own. 404 for an address turned off or replaced."""
    user = calendar_feed_owner(token)
    if user is None:
        raise Http404("No such calendar")
    if over_rate_limit(
        scope="calendar-feed", key=str(user.pk), limit=FEED_FETCHES_PER_HOUR, window=3600
    ):
        response = HttpResponse("Too many requests for this calendar; try again later.",
                                status=429, content_type="text/plain; charset=utf-8")  # fmt: skip
        response["Retry-After"] = "3600"
        return response
    body = calendar_of_actions(
        name=f"CVI action plan: {user.full_name or user.email}",
        actions=feed_actions(user),
        link_for=lambda a: request.build_absolute_uri(
            reverse("assessment_action_edit", args=[a.assessment_id, a.pk])
        ),
    )
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@agency_member_required
def action_calendar(request: HttpRequest, assessment_id, action_id: int) -> HttpResponse:
    """One action's due date as an .ics file to add to a calendar (Outlook, Google)."""
    assessment = get_assessment_for_user(request, assessment_id)
    action = get_action_for_user(request, action_id)
    if action.assessment_id != assessment.pk:
        raise Http404("No such action")
    edit = reverse("assessment_action_edit", args=[assessment.pk, action.pk])
    if action.due_date is None:
        messages.info(request, "Give the action a target date or a timeframe first.")
        return redirect(edit)
    body = calendar_of_actions(
        name=f"CVI action plan: {assessment.agency.name}",
        actions=[action],
        link_for=lambda a: request.build_absolute_uri(edit),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cvi-action-{action.pk}.ics"'
    return response
