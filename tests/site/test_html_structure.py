"""Every page: a language, a title, one h1, labelled landmarks, a skip link.

Browser-level accessibility checks (axe-core) are in test_accessibility.py.
"""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from guidance.models import Item
from tests.conftest import client_for
from tests.html import outline


def check_structure(response, status: int = 200) -> None:
    assert response.status_code == status, response.status_code
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
def test_the_plan_and_invitation_pages_are_well_structured(alice, bob, draft):
    from perspectives.models import Invitation
    from plans.models import ActionItem

    action = ActionItem.objects.create(assessment=draft, title="Brief the council", order=1)
    invitation = Invitation.objects.create(assessment=draft, perspective="residents")
    client = client_for(alice)
    for url in [
        reverse("assessment_plan", args=[draft.pk]),
        reverse("assessment_action_delete", args=[draft.pk, action.pk]),
        reverse("assessment_invitations", args=[draft.pk]),
        reverse("invitation_revoke", args=[draft.pk, invitation.pk]),
    ]:
        check_structure(client.get(url))
    anyone = Client()
    check_structure(anyone.get(reverse("respond", args=[invitation.token])))
    check_structure(anyone.get(reverse("respond_thanks", args=[invitation.token])))
    owner_only = client_for(bob).get(reverse("assessment_invitations", args=[draft.pk]))
    assert owner_only.status_code == 403
    check_structure(owner_only, status=403)
    Invitation.objects.filter(pk=invitation.pk).update(max_responses=1, revoked_at=timezone.now())
    check_structure(anyone.get(reverse("respond", args=[invitation.token])), status=410)


@pytest.mark.django_db
def test_the_results_page_prints_with_its_own_stylesheet(alice, draft):
    page = outline(client_for(alice).get(reverse("assessment_results", args=[draft.pk])))
    assert page.find_all("link", rel="stylesheet", media="print", href="/static/css/print.css")


@pytest.mark.django_db
def test_a_page_with_form_errors_is_well_structured(alice, draft):
    item = Item.objects.filter(domain__slug="buy-in").first()
    url = reverse("assessment_section", args=[draft.pk, "buy-in"])
    response = client_for(alice).post(url, {f"item-{item.pk}": "bogus", "action": "continue"})
    check_structure(response)


@pytest.mark.django_db
def test_the_team_pages_are_well_structured(alice, bob):
    from datetime import timedelta

    from accounts.models import MemberInvitation

    MemberInvitation.objects.create(
        agency=alice.agency,
        email="dana@springfield.example",
        token_hash="0" * 64,
        expires_at=timezone.now() + timedelta(days=7),
    )
    client = client_for(alice)
    for url in [
        reverse("agency_team"),
        reverse("member_remove", args=[bob.pk]),
        reverse("member_make_owner", args=[bob.pk]),
        reverse("owner_make_member", args=[alice.pk]),
        reverse("agency_leave"),
    ]:
        check_structure(client.get(url))
    check_structure(Client().get(reverse("member_join", args=["unknown-link"])), status=404)


@pytest.mark.django_db
def test_no_hidden_input_carries_an_aria_attribute_and_no_form_sits_in_a_span(alice, draft):
    """What the Nu HTML Checker reported: aria-* on an input that no one can perceive, and a
    form inside a phrasing element."""
    import re

    from perspectives.models import Invitation
    from tests.factories import answer_all, personal_links

    answer_all(draft, "partly")
    Invitation.objects.create(assessment=draft, perspective="supervisors")
    personal_links(draft, "residents", 2)
    client = client_for(alice)
    urls = [
        reverse("assessment_list"),
        reverse("assessment_context", args=[draft.pk]),
        reverse("assessment_section", args=[draft.pk, "buy-in"]),
        reverse("assessment_results", args=[draft.pk]),
        reverse("assessment_plan", args=[draft.pk]),
        reverse("assessment_invitations", args=[draft.pk]),
        reverse("assessment_progress"),
    ]
    for url in urls:
        html = client.get(url).content.decode()
        for tag in re.findall(r"<input[^>]*>", html):
            if 'type="hidden"' in tag:
                assert " aria-" not in tag, (url, tag)
        assert not re.search(r"<span[^>]*>(?:(?!</span>).)*<form", html, re.S), url
