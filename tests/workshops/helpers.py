"""A workshop built the way the pages build it, for the tests of workshops."""

from django.urls import reverse

from accounts.models import User
from guidance.models import Item
from questionnaire.models import Assessment
from workshops.models import Rater, Rating, Workshop
from workshops.services import workshop_reveal, workshop_start


def make_dana(agency) -> User:
    """A third member of Springfield's command staff."""
    return User.objects.create_user(
        "dana@springfield.example", "dana-password-123", full_name="Dana Deputy", agency=agency
    )


def started(assessment: Assessment, owner: User, *raters: User, anonymous=False) -> Workshop:
    return workshop_start(assessment=assessment, by=owner, raters=list(raters), anonymous=anonymous)


def rate(workshop: Workshop, user: User, values: dict[Item, str], note: str = "") -> None:
    """Ratings straight into the database (item -> value)."""
    rater = Rater.objects.get(workshop=workshop, user=user)
    for item, value in values.items():
        Rating.objects.update_or_create(
            rater=rater, item=item, defaults={"value": value, "note": note}
        )


def revealed(workshop: Workshop, owner: User) -> Workshop:
    workshop_reveal(workshop=workshop, by=owner)
    workshop.refresh_from_db()
    return workshop


def url(name: str, assessment: Assessment, *args) -> str:
    return reverse(name, args=[assessment.pk, *args])


def four_items() -> list[Item]:
    """Four active statements, in questionnaire order."""
    return list(Item.objects.filter(is_active=True).order_by("domain__order", "order", "pk")[:4])


# The hand-computed example (tests/workshops/test_agreement.py): three raters, four statements.
#   statement 1: partly, partly, partly       everyone agrees
#   statement 2: planned, partly, partly      within one level
#   statement 3: not in place, partly, largely   three levels apart
#   statement 4: largely, don't know, largely  agree (don't know is missing)
EXAMPLE = [
    ("partly", "partly", "partly"),
    ("planned", "partly", "partly"),
    ("not_in_place", "partly", "largely"),
    ("largely", "dont_know", "largely"),
]


def rate_the_example(workshop: Workshop, people: list[User]) -> list[Item]:
    items = four_items()
    for column, person in enumerate(people):
        rate(
            workshop, person, {item: row[column] for item, row in zip(items, EXAMPLE, strict=True)}
        )
    return items
