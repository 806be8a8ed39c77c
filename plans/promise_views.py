"""The agency's promises to the community: its list (members record and update them), removing
one and publishing the list (owners), and the public page of a published list."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from plans.models import Promise
from plans.promise_forms import PromiseForm
from plans.promises import (
    PromisesFull,
    promise_add,
    promise_list_of,
    promise_list_publish,
    promise_update,
    promises_of,
    promises_suggestion,
    published_promises,
)
from questionnaire.access import agency_member_required


def get_promise_for_user(request: HttpRequest, promise_id: int) -> Promise:
    """The promise if it belongs to the person's agency; 404 otherwise, never 403."""
    return get_object_or_404(Promise, pk=promise_id, agency_id=request.user.agency_id)


def get_promise_for_owner(request: HttpRequest, promise_id: int) -> Promise:
    """As ``get_promise_for_user``, for the agency's owners; members get the 403 page."""
    promise = get_promise_for_user(request, promise_id)
    if not request.user.is_agency_owner:
        raise PermissionDenied("Only your agency's owner can remove a promise")
    return promise


def _full_message() -> str:
    return (
        f"Your agency has recorded {settings.PROMISES_PER_AGENCY_MAX} promises, the most it can "
        "keep. Remove ones recorded by mistake to make room."
    )


@agency_member_required
def promises(request: HttpRequest) -> HttpResponse:
    """The agency's promises to the community, with the form to record one.

    Template: plans/promises.html. Context: ``promises`` (the most recent first, each with
    ``is_overdue``), ``form``, ``promise_list`` (whether it is public), ``limit`` and
    ``suggestion`` (the report's, for its page reference).
    """
    agency = request.user.agency
    form = PromiseForm(request.POST if request.method == "POST" else None, prefix="new")
    if request.method == "POST" and form.is_valid():
        try:
            promise = promise_add(agency=agency, promise=form.save(commit=False))
        except PromisesFull:
            form.add_error(None, _full_message())
        else:
            messages.success(request, f"Recorded the promise “{promise.promise}”.")
            return redirect(f"{request.path}#promise-{promise.pk}")
    return render(
        request,
        "plans/promises.html",
        {
            "promises": promises_of(agency),
            "form": form,
            "promise_list": promise_list_of(agency),
            "limit": settings.PROMISES_PER_AGENCY_MAX,
            "suggestion": promises_suggestion(),
        },
    )


@agency_member_required
def promise_edit(request: HttpRequest, promise_id: int) -> HttpResponse:
    """Update a promise: its status and what the agency did. Template: plans/promise_edit.html,
    with ``promise`` and ``form``."""
    promise = get_promise_for_user(request, promise_id)
    form = PromiseForm(request.POST if request.method == "POST" else None, instance=promise)
    if request.method == "POST" and form.is_valid():
        promise = promise_update(promise=form.save(commit=False))
        messages.success(request, f"Saved the promise “{promise.promise}”.")
        return redirect(f"{reverse('promises')}#promise-{promise.pk}")
    return render(request, "plans/promise_edit.html", {"promise": promise, "form": form})


@agency_member_required
def promise_remove(request: HttpRequest, promise_id: int) -> HttpResponse:
    """Confirm, then remove a promise recorded by mistake (owners). Template:
    plans/promise_remove.html, with ``promise``."""
    promise = get_promise_for_owner(request, promise_id)
    if request.method == "POST":
        promise.delete()
        messages.success(request, f"Removed the promise “{promise.promise}”.")
        return redirect("promises")
    return render(request, "plans/promise_remove.html", {"promise": promise})


@agency_member_required
def promises_publish(request: HttpRequest) -> HttpResponse:
    """Publish the list as a public page, or take it down (owners; POST only)."""
    if not request.user.is_agency_owner:
        raise PermissionDenied("Only your agency's owner can publish the list of promises")
    if request.method == "POST" and request.POST.get("public") in {"yes", "no"}:
        public = request.POST["public"] == "yes"
        promise_list_publish(agency=request.user.agency, user=request.user, public=public)
        messages.success(
            request,
            "The list is public: anyone with its address can read it."
            if public
            else "The list is no longer public: its address now says the page does not exist.",
        )
    return redirect("promises")


def public_promises(request: HttpRequest, agency_slug: str) -> HttpResponse:
    """An agency's published promises, for anyone, without logging in; 404 unless an owner
    published them. Shows nothing else of the agency. Template: plans/public_promises.html,
    with ``agency`` and ``promises``."""
    published = published_promises(agency_slug)
    if published is None:
        raise Http404("No published promises")
    agency, listed = published
    return render(request, "plans/public_promises.html", {"agency": agency, "promises": listed})
