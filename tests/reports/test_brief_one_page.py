"""The command brief stays one page whatever it holds: the longest names and titles, owners
and dates, perspectives, progress since the last assessment, three priorities and five things
needed from city hall. The sign-off is whole on page 1."""

import io

import pytest
from django.urls import reverse

from accounts.models import Agency, User
from guidance.models import Domain, Item
from plans.models import NEED_MAX_LENGTH, PlanNeed, Promise
from questionnaire.models import Assessment
from tests.factories import engaged_reassessment, invitees_answer, results_of
from tests.pdf import requires_pdf

pytestmark = [requires_pdf, pytest.mark.django_db]


def pages(content: bytes) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def longest(words: str, length: int) -> str:
    return (words * (length // len(words) + 1))[:length].strip()


@pytest.fixture
def worst_case(springfield, alice, no_noise):
    """Everything at its longest: with statement by statement perception gaps (from about 50
    answers) and an overdue promise to the community."""
    Domain.objects.filter(slug="organizational-culture").update(
        title=longest("Organizational culture and recognition of community work ", 120)
    )
    assessment = engaged_reassessment(springfield, alice)
    invitees_answer(assessment, "line_officers", ["not_in_place"] * 50)
    Promise.objects.create(
        agency=springfield,
        promise=longest("Meet the residents of the east side every month ", 300),
        made_to=longest("East Side Neighborhood Association ", 200),
        made_on="2001-01-01",
        due_on="2001-01-31",
    )
    Agency.objects.filter(pk=springfield.pk).update(
        name=longest("Metropolitan Police Department of the Consolidated City and County ", 200)
    )
    User.objects.filter(pk=alice.pk).update(full_name=longest("Alexandra Chief-Executive ", 150))
    Assessment.objects.filter(agency=springfield).update(
        name=longest("Reassessment after the first year of the grant ", 120)
    )
    for action in assessment.actions.all():
        action.title = longest(
            "Draft and sign the information-sharing agreement with partners ", 300
        )
        action.owner = longest("Deputy Chief of the Community Engagement Bureau ", 200)
        action.target_date = "2001-01-31"
        action.save()
    for n in range(1, 6):
        PlanNeed.objects.create(
            assessment=assessment,
            position=n,
            text=longest(f"{n}: funding for outreach staff ", NEED_MAX_LENGTH),
        )
    gap_item = results_of(assessment).priorities[0].result.statements[0].item
    Item.objects.exclude(pk=gap_item.pk).update(
        text=longest("Our officers and partners agree ", 400)
    )
    return Assessment.objects.get(pk=assessment.pk)


def test_the_longest_brief_is_one_page_with_the_whole_sign_off(alice_client, worst_case):
    brief = pages(alice_client.get(reverse("assessment_brief_pdf", args=[worst_case.pk])).content)
    assert len(brief) == 1, brief[1:]
    page = brief[0]
    for part in ("Three priorities", "Largest perception gap", "What we need from city hall",
                 "Since “", "Promises to the community past their due date", "Prepared by",
                 "Reviewed by", "Approved by"):  # fmt: skip
        assert part in page, part
    assert page.count("OVERDUE") == 3


def test_the_full_plan_starts_with_the_same_one_page_brief(alice_client, worst_case):
    plan = pages(alice_client.get(reverse("assessment_plan_pdf", args=[worst_case.pk])).content)
    assert "Approved by" in plan[0] and "Approved by" not in plan[1]
    assert not plan[1].split("Page 2 of")[0].strip().startswith("Reviewed by")
