"""The owner's choice to count the agency in peer benchmarks (accounts/peer-sharing/)."""

import pytest
from django.urls import reverse

from accounts.models import Agency
from tests.conftest import client_for
from tests.html import page_text

pytestmark = pytest.mark.django_db
URL = reverse("peer_sharing")


def test_an_agency_does_not_share_until_its_owner_chooses(alice_client, springfield):
    assert not springfield.shares_in_peer_benchmarks
    text = page_text(alice_client.get(reverse("account")))
    assert "Peer benchmarks" in text
    assert (
        "your agency does not count in peer benchmarks: it stays out until its owner chooses"
        in (text)
    )


def test_the_account_page_says_what_is_shared_and_what_never_is(alice_client):
    text = page_text(alice_client.get(reverse("account")))
    assert "The scores of your agency's submitted assessments, and its answers" in text
    assert "Your agency's name." in text
    assert "Your notes, and anything about the people in your agency" in text
    assert "Your action plan and information-sharing worksheet." in text


def test_the_owner_opts_in(alice_client, springfield):
    response = alice_client.post(URL, {"shares": "yes"}, follow=True)
    springfield.refresh_from_db()
    assert springfield.shares_in_peer_benchmarks
    assert springfield.peer_sharing_chosen_at is not None
    text = page_text(response)
    assert "Your agency now counts in peer benchmarks." in text
    assert "your agency counts in peer benchmarks (chosen" in text


def test_the_owner_opts_out_again(alice_client, springfield):
    Agency.objects.filter(pk=springfield.pk).update(shares_in_peer_benchmarks=True)
    response = alice_client.post(URL, {"shares": "no"}, follow=True)
    springfield.refresh_from_db()
    assert not springfield.shares_in_peer_benchmarks
    assert "Your agency no longer counts in peer benchmarks." in page_text(response)


def test_a_member_who_is_not_the_owner_cannot_change_it(alice, bob, springfield):
    client = client_for(bob)
    text = page_text(client.get(reverse("account")))
    assert "Only your agency's owner can change this." in text
    response = client.post(URL, {"shares": "yes"})
    assert response.status_code == 403
    assert "Alice Chief" in page_text(response)
    springfield.refresh_from_db()
    assert not springfield.shares_in_peer_benchmarks


def test_another_agencys_owner_changes_only_their_own(charlie_client, springfield, shelbyville):
    charlie_client.post(URL, {"shares": "yes"})
    springfield.refresh_from_db()
    shelbyville.refresh_from_db()
    assert shelbyville.shares_in_peer_benchmarks and not springfield.shares_in_peer_benchmarks


def test_a_person_without_an_agency_is_refused(eve):
    assert client_for(eve).post(URL, {"shares": "yes"}).status_code == 403


@pytest.mark.parametrize("data", [{}, {"shares": "maybe"}])
def test_no_choice_or_a_tampered_one_is_refused_with_a_message_and_changes_nothing(
    alice_client, springfield, data
):
    response = alice_client.post(URL, data)
    assert response.status_code == 200
    text = page_text(response)
    assert "Error: Your agency in peer benchmarks" in text
    assert "Please correct the following" in text
    assert (
        "Choose whether your agency counts in peer benchmarks." in text
        or "Choose one of the two answers listed." in text
    )
    assert 'href="#div_id_shares"' in response.content.decode()
    springfield.refresh_from_db()
    assert not springfield.shares_in_peer_benchmarks
    assert springfield.peer_sharing_chosen_at is None


def test_the_choice_is_kept_when_the_page_is_shown_again(alice_client, springfield):
    alice_client.post(URL, {"shares": "yes"})
    html = alice_client.get(reverse("account")).content.decode()
    assert 'value="yes" id="id_shares_0" checked' in html
    assert 'value="no" id="id_shares_1" checked' not in html
