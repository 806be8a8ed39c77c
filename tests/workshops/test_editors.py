"""Agreement per statement for the guidance editors, in the admin: pooled across agencies, shown
only from the minimum number of agencies, and before and after a change of the level
descriptions."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from guidance.models import Item
from questionnaire.models import Assessment
from tests.conftest import client_for, make_agency
from workshops.models import Rater, Rating, Workshop

pytestmark = pytest.mark.django_db


def workshop_of(n: int, item: Item, values: list[str], when=None) -> Workshop:
    """A revealed workshop of agency ``n`` whose raters rated ``item`` with ``values``."""
    agency = make_agency(f"Agency {n}", f"agency-{n}")
    assessment = Assessment.objects.create(agency=agency)
    workshop = Workshop.objects.create(assessment=assessment, revealed_at=timezone.now())
    for i, value in enumerate(values):
        user = User.objects.create_user(f"r{i}@{n}.example", "x-password-123", agency=agency)
        rater = Rater.objects.create(workshop=workshop, user=user, name=f"Rater {i}")
        rating = Rating.objects.create(rater=rater, item=item, value=value)
        if when:
            Rating.objects.filter(pk=rating.pk).update(updated_at=when)
    return workshop


@pytest.fixture
def item():
    return Item.objects.filter(is_active=True).first()


CHANGELIST = "admin:workshops_statementagreement_changelist"


@override_settings(PEER_MIN_AGENCIES=3)
def test_editors_see_agreement_per_statement_only_from_the_minimum_of_agencies(eve, item):
    client = client_for(eve)
    workshop_of(1, item, ["partly", "partly"])
    workshop_of(2, item, ["partly", "largely"])
    page = client.get(reverse(CHANGELIST)).content.decode()
    assert item.text in page and "Fewer than 3 agencies" in page
    assert "Springfield" not in page
    workshop_of(3, item, ["not_in_place", "fully"])
    page = client.get(reverse(CHANGELIST)).content.decode()
    # Exact in workshop 1 of 3, within one level in workshops 1 and 2.
    assert "<td>33%</td>" in page and "<td>67%</td>" in page
    assert "Agency 1" not in page and "Rater 0" not in page


def test_people_who_do_not_edit_guidance_cannot_open_it(alice, bob):
    for person in (alice, bob):
        response = client_for(person).get(reverse(CHANGELIST))
        assert response.status_code == 302  # to the admin's log-in


@override_settings(PEER_MIN_AGENCIES=2)
def test_a_statements_history_shows_agreement_before_and_after_its_descriptions_changed(eve, item):
    before = timezone.now() - timedelta(days=30)
    item.history.update(history_date=before - timedelta(days=1))
    workshop_of(1, item, ["not_in_place", "fully"], when=before)
    workshop_of(2, item, ["planned", "largely"], when=before)
    item.anchor_partly = "Some districts do it; a written practice is being drafted."
    item.save()
    workshop_of(3, item, ["partly", "partly"])
    workshop_of(4, item, ["partly", "largely"])
    page = (
        client_for(eve)
        .get(reverse("admin:workshops_statementagreement_change", args=[item.pk]))
        .content.decode()
    )
    newest, oldest = page.split("Level descriptions from")[1:]
    assert "in force now" in newest and "Exact agreement: 50%; within one level: 100%" in newest
    assert "Some districts do it" in newest
    assert "Exact agreement: 0%; within one level: 0%" in oldest


@override_settings(PEER_MIN_AGENCIES=2)
def test_a_version_under_the_minimum_hides_every_versions_figures(eve, item):
    """Otherwise the hidden version's figures are the statement's less the others'."""
    before = timezone.now() - timedelta(days=30)
    item.history.update(history_date=before - timedelta(days=1))
    workshop_of(1, item, ["not_in_place", "fully"], when=before)
    workshop_of(2, item, ["planned", "largely"], when=before)
    item.anchor_partly = "Some districts do it; a written practice is being drafted."
    item.save()
    workshop_of(3, item, ["partly", "partly"])  # one agency alone under the new descriptions
    client = client_for(eve)
    history = client.get(
        reverse("admin:workshops_statementagreement_change", args=[item.pk])
    ).content.decode()
    assert "Exact agreement:" not in history
    assert "this version or another one was rated by fewer than 2 agencies" in history
    assert "<td>33%</td>" in client.get(reverse(CHANGELIST)).content.decode()  # the whole
