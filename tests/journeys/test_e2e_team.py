"""An owner builds the agency's team in the browser: a colleague accepts an emailed invitation
and sees the agency's assessments. axe on every page and state of the team."""

import re
from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import MemberInvitation, User
from tests.browser import assert_accessible, browser_test, log_in

pytestmark = browser_test


def test_an_owner_invites_a_colleague_who_accepts_and_sees_the_agencys_assessments(
    page, live_server, alice, draft
):
    log_in(page, live_server, alice)
    page.goto(live_server.url + reverse("account"))
    page.get_by_role("link", name="Manage your team").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Springfield Police Department: your team"
    )
    assert_accessible(page, "team page")
    page.get_by_label("Your colleague's work email address").fill("not an address")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("Enter a valid email address.").first).to_be_visible()
    assert_accessible(page, "team page with an error")
    page.get_by_label("Your colleague's work email address").fill("dana@springfield.example")
    page.get_by_role("button", name="Send the invitation").click()
    expect(
        page.get_by_text("An invitation is being emailed to dana@springfield.example")
    ).to_be_visible()
    assert_accessible(page, "team page with an invitation waiting")

    link = re.search(r"https?://[^/\s]+(/accounts/join/\S+/)", mail.outbox[0].body).group(1)
    colleague = page.context.browser.new_context(viewport={"width": 390, "height": 844})
    newcomer = colleague.new_page()
    newcomer.goto(live_server.url + link)
    expect(newcomer.get_by_role("heading", level=1)).to_have_text(
        "Join Springfield Police Department"
    )
    assert_accessible(newcomer, "accepting an invitation")
    newcomer.get_by_label("Your full name").fill("Dana Deputy")
    newcomer.get_by_label("Choose a password").fill("a long passphrase")
    newcomer.get_by_label("Password again").fill("a long passphrase")
    newcomer.get_by_role("button", name="Create the account and join").click()
    expect(newcomer.get_by_text("Welcome to Springfield Police Department")).to_be_visible()
    expect(newcomer.get_by_role("link", name=re.compile("^Continue"))).to_be_visible()
    assert newcomer.url.endswith(reverse("assessment_list"))
    assert_accessible(newcomer, "the colleague's assessments")
    newcomer.goto(live_server.url + link)
    expect(newcomer.get_by_role("heading", level=1)).to_have_text(
        "This invitation can no longer be accepted"
    )
    assert_accessible(newcomer, "an invitation already accepted")
    colleague.close()

    page.reload()
    expect(page.get_by_role("link", name="Remove Dana Deputy")).to_be_visible()
    expect(page.get_by_text("Joined the agency")).to_be_visible()


def test_making_an_owner_removing_and_leaving_are_confirmed_first(page, live_server, alice, bob):
    log_in(page, live_server, alice)
    page.goto(live_server.url + reverse("agency_team"))
    page.get_by_role("link", name="Make an owner (Bob Deputy)").click()
    assert_accessible(page, "make an owner confirmation")
    page.get_by_role("link", name="Cancel").click()
    page.get_by_role("link", name="Remove Bob Deputy").click()
    assert_accessible(page, "remove member confirmation")
    page.get_by_role("button", name="Remove Bob Deputy").click()
    expect(
        page.get_by_text("is no longer a member of Springfield Police Department")
    ).to_be_visible()
    assert User.objects.get(pk=bob.pk).agency is None
    page.get_by_role("link", name="Leave the agency").click()
    expect(page.get_by_text("You are the agency's only owner")).to_be_visible()
    assert_accessible(page, "leave refused to the only owner")


def test_expired_and_unknown_invitation_links_explain_themselves(page, live_server, alice):
    MemberInvitation.objects.create(
        agency=alice.agency,
        email="late@springfield.example",
        token_hash="f" * 64,
        expires_at=timezone.now() - timedelta(days=1),
    )
    page.goto(live_server.url + "/accounts/join/not-a-real-link/")
    expect(page.get_by_role("heading", level=1)).to_have_text("This invitation link is not valid")
    assert_accessible(page, "unknown invitation link")
    log_in(page, live_server, alice)
    page.goto(live_server.url + reverse("agency_team"))
    expect(page.get_by_text(re.compile("^Expired"))).to_be_visible()
    assert_accessible(page, "team page with an expired invitation")
