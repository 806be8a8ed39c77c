"""A content update (statements split, retired and re-tied, as in docs/content.md) leaves every
submitted assessment as it was: the same statements, answers and scores on every page."""

import copy

import pytest
from django.urls import reverse

from guidance.content import guidance_load, read_content_file
from guidance.models import Item
from questionnaire.services import assessment_submit
from tests.conftest import client_for
from tests.factories import answer_all, results_of, section_url
from tests.html import page_text

ADDED = {
    "implementation-works-with-experienced-organization",
    "implementation-experienced-help-from-start",
    "buy-in-community-told-why-and-how",
    "buy-in-officers-can-raise-concerns",
    "buy-in-officers-concerns-addressed",
    "buy-in-community-expectations-reasonable",
    "buy-in-promises-kept",
    "information-sharing-guidelines-agreed",
    "information-sharing-guidelines-agreed-at-outset",
}
SECTIONS = ["organizational-culture", "implementation", "buy-in", "partnerships"]


def content_before_the_update() -> dict:
    """The content file as it was before the update: the retired statements in use, the
    statements that replaced them not yet there, the fears statement tied to trust."""
    data = copy.deepcopy(read_content_file())
    for domain in data["domains"]:
        for item in domain["items"]:
            if item["slug"] in ADDED:
                item["is_active"] = False
            elif not item["is_active"]:
                item["is_active"] = True
            if item["slug"] == "information-sharing-fears-discussed":
                item["suggestion"] = "build-trust-and-accountability"
    return data


@pytest.fixture
def submitted_before_the_update(alice, draft):
    guidance_load(data=content_before_the_update(), overwrite=True)
    assert Item.objects.filter(is_active=True).count() == 20
    answer_all(draft, value="partly", **{
        "buy-in-promises-tracked": "not_in_place",
        "information-sharing-fears-discussed": "dont_know",
        "culture-hiring-looks-for-community-commitment": "fully",
    })  # fmt: skip
    assert assessment_submit(assessment=draft, user=alice)
    draft.refresh_from_db()
    return draft


def pages(client, assessment) -> dict[str, str]:
    urls = {
        "results": reverse("assessment_results", args=[assessment.pk]),
        "list": "/assessments/",
        "review": reverse("assessment_review", args=[assessment.pk]),
        **{slug: section_url(assessment, slug) for slug in [*SECTIONS, "information-sharing"]},
    }
    return {name: page_text(client.get(url)) for name, url in urls.items()}


@pytest.mark.django_db
def test_a_submitted_assessment_renders_unchanged_after_the_content_update(
    alice, submitted_before_the_update
):
    assessment = submitted_before_the_update
    client = client_for(alice)
    before = pages(client, assessment)
    scores_before = results_of(assessment)
    assert "We keep track of the commitments made to the community" in before["buy-in"]

    result = guidance_load()  # the update, as `load_guidance` runs it on deployment
    assert not result.kept
    assert set(Item.objects.filter(is_active=True).values_list("slug", flat=True)) >= ADDED

    after = pages(client, assessment)
    for name in before:
        assert after[name] == before[name], name
    scores_after = results_of(assessment)
    assert scores_after.overall == scores_before.overall
    assert [d.score for d in scores_after.domains] == [d.score for d in scores_before.domains]
    assert [g.group for g in scores_after.suggestions] == [
        g.group for g in scores_before.suggestions
    ]
    fears = next(
        entry
        for entry in scores_after.suggestions
        if any(s.item.slug.endswith("fears-discussed") for s in entry.statements)
    )
    assert fears.suggestion.slug == "build-trust-and-accountability"  # as it was submitted


@pytest.mark.django_db
def test_a_new_assessment_after_the_update_asks_the_new_statements(alice, alice_client, draft):
    guidance_load(data=content_before_the_update(), overwrite=True)
    guidance_load()
    text = page_text(alice_client.get(section_url(draft, "buy-in")))
    assert Item.objects.get(slug="buy-in-promises-kept").text in text
    assert Item.objects.get(slug="buy-in-promises-tracked").text not in text
    assert "Buy-in Not started: 0 of 6 answered" in text
