"""Every page: a language, a title, one h1, labelled landmarks, a skip link.

Browser-level accessibility checks (axe-core) are in test_accessibility.py.
"""

import pytest
from django.urls import reverse

from guidance.models import Item
from tests.conftest import client_for
from tests.html import outline


def check_structure(response) -> None:
    assert response.status_code == 200, response.status_code
    page = outline(response)
    assert page.find_all("html", lang="en"), "the page declares its language"
    assert page.title.strip(), "the page has a title"
    assert [h for h, _ in page.headings].count("h1") == 1, page.headings
    assert page.find_all("main", id="main")
    assert page.find_all("a", href="#main"), "a skip link to the main content"
    assert page.find_all("header") and page.find_all("footer")
    for nav in page.find_all("nav"):
        assert nav.get("aria-label"), "every navigation landmark is labelled"
    levels = [int(h[1]) for h, _ in page.headings]
    for previous, current in zip(levels, levels[1:], strict=False):
        assert current <= previous + 1, f"heading levels skip: {page.headings}"


PUBLIC_PAGES = [
    "/",
    "/guidance/",
    "/scoring/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password_reset/",
    "/accounts/password_reset/done/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_are_well_structured(client, url):
    check_structure(client.get(url))


@pytest.mark.django_db
def test_the_pages_of_an_assessment_are_well_structured(alice, draft):
    client = client_for(alice)
    urls = [
        "/accounts/",
        "/accounts/password_change/",
        reverse("assessment_list"),
        reverse("assessment_context", args=[draft.pk]),
        reverse("assessment_section", args=[draft.pk, "buy-in"]),
        reverse("assessment_section", args=[draft.pk, "information-sharing"]),
        reverse("assessment_review", args=[draft.pk]),
        reverse("assessment_results", args=[draft.pk]),
    ]
    for url in urls:
        check_structure(client.get(url))


@pytest.mark.django_db
def test_a_page_with_form_errors_is_well_structured(alice, draft):
    item = Item.objects.filter(domain__slug="buy-in").first()
    url = reverse("assessment_section", args=[draft.pk, "buy-in"])
    response = client_for(alice).post(url, {f"item-{item.pk}": "bogus", "action": "continue"})
    check_structure(response)
