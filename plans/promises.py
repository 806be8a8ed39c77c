"""The agency's promises to the community: recording them, what it did, the overdue ones (shown
on the plan and in the command brief) and the public list an owner may publish.

The report asks agencies to deliver on the promises they make to the community, since
promises not kept can further damage relations (pp. 19-20).
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import Agency, User
from guidance.models import Suggestion
from plans.models import Promise, PromiseList

# The report's suggestion the list answers: "Deliver on promises made to the community".
PROMISES_SUGGESTION = "deliver-on-promises"


class PromisesFull(Exception):
    """The agency has PROMISES_PER_AGENCY_MAX promises: no more can be recorded."""


def promises_of(agency: Agency) -> list[Promise]:
    """Every promise of the agency, the most recent first (one query)."""
    return list(agency.promises.all())


def promises_suggestion() -> Suggestion | None:
    """The report's suggestion on keeping promises, for its page reference (one query)."""
    return Suggestion.objects.filter(slug=PROMISES_SUGGESTION, is_active=True).first()


def promises_overdue(agency: Agency) -> list[Promise]:
    """Promises not yet kept whose day has passed, the longest overdue first (one query)."""
    return list(
        agency.promises.filter(
            status=Promise.Status.OPEN, due_on__lt=timezone.localdate()
        ).order_by("due_on", "pk")
    )


@transaction.atomic
def promise_add(*, agency: Agency, promise: Promise) -> Promise:
    """Record a promise (validated by the caller's form); PromisesFull past the limit."""
    # Two windows adding at once must not both take the last place.
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    if agency.promises.count() >= settings.PROMISES_PER_AGENCY_MAX:
        raise PromisesFull
    promise.agency = agency
    promise.full_clean()
    promise.save()
    return promise


def promise_update(*, promise: Promise) -> Promise:
    promise.full_clean()
    promise.save()
    return promise


def promise_list_of(agency: Agency) -> PromiseList:
    """The agency's publication setting (not saved until an owner changes it)."""
    return PromiseList.objects.filter(agency=agency).first() or PromiseList(agency=agency)


@transaction.atomic
def promise_list_publish(*, agency: Agency, user: User, public: bool) -> PromiseList:
    """Publish the list as a public page, or take it down. Safe to repeat."""
    promise_list, _ = PromiseList.objects.select_for_update().get_or_create(agency=agency)
    if public and not promise_list.is_public:
        promise_list.published_at, promise_list.published_by = timezone.now(), user
    elif not public:
        promise_list.published_at, promise_list.published_by = None, None
    promise_list.save()
    return promise_list


def published_promises(agency_slug: str) -> tuple[Agency, list[Promise]] | None:
    """The agency and its promises if its owner has published them; None otherwise (an
    unknown agency and an unpublished list look the same). Two queries."""
    promise_list = (
        PromiseList.objects.select_related("agency")
        .filter(agency__slug=agency_slug, published_at__isnull=False)
        .first()
    )
    if promise_list is None:
        return None
    return promise_list.agency, promises_of(promise_list.agency)
