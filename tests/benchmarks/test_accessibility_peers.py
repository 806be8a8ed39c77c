"""axe-core (WCAG 2.0/2.1 A and AA) in Chromium on the peer comparison, the peer-sharing
choice and the program view; each also at 320 CSS pixels without sideways scrolling, and
without JavaScript."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from accounts.models import User
from tests.browser import assert_accessible, browser_test, log_in
from tests.peer_data import submitted

pytestmark = browser_test


@pytest.fixture
def demo(transactional_db, migrated_data, settings):
    """Sixty demo agencies, counted (demo mode): enough for every kind of group to be shown
    somewhere."""
    settings.DEMO_MODE = True
    call_command("seed_demo", agencies=60, assessments=80, seed=11, stdout=io.StringIO())


# Every element and every run of text in a part of the page, and how far right it reaches;
# a wide table may scroll inside its own labelled, focusable region instead.
TOO_WIDE = """part => {
  const found = [];
  const walker = document.createTreeWalker(
    document.querySelector(part), NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let node = walker.currentNode; node; node = walker.nextNode()) {
    const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    if (element.closest('.table-responsive')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const right = node.nodeType === Node.ELEMENT_NODE
      ? node.getBoundingClientRect().right : range.getBoundingClientRect().right;
    if (right > 320.5) found.push(Math.round(right) + " " + element.outerHTML.slice(0, 80));
  }
  return found;
}"""


def no_sideways_scrolling(page, path: str, live_server, part: str = "main") -> None:
    """Nothing in ``part`` of the page reaches past 320 CSS pixels."""
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(live_server.url + path)
    too_wide = page.evaluate(TOO_WIDE, part)
    assert too_wide == [], f"{path}: " + "\n".join(too_wide)


def test_results_with_peers_shown_have_no_violations(page, live_server, alice, springfield, demo):
    springfield.shares_in_peer_benchmarks = True
    springfield.save()
    own = submitted(springfield, "partly", **{"buy-in-promises-tracked": "not_in_place"})
    log_in(page, live_server, alice)
    url = reverse("assessment_results", args=[own.pk])
    page.goto(live_server.url + url)
    expect(page.get_by_role("heading", name="Your agency beside its peers")).to_be_visible()
    expect(
        page.get_by_role("img", name="Your scores beside all participating agencies")
    ).to_be_visible()
    expect(page.get_by_text("All participating agencies (").first).to_be_visible()
    assert_accessible(page, "results with peers")
    # The peer comparison; the results page's own score table is not part of it.
    no_sideways_scrolling(page, url, live_server, part="#peers")


def test_the_peer_sharing_choice_has_no_violations_even_with_an_error(page, live_server, alice):
    log_in(page, live_server, alice)
    page.goto(live_server.url + reverse("account"))
    assert_accessible(page, "account with the peer-sharing choice")
    page.get_by_role("button", name="Save the choice").click()
    expect(
        page.get_by_text("Choose whether your agency counts in peer benchmarks.").first
    ).to_be_visible()
    assert_accessible(page, "peer-sharing choice with an error")
    no_sideways_scrolling(page, reverse("account"), live_server)


def test_the_owner_chooses_to_share_without_javascript(page_without_js, live_server, alice):
    # axe needs JavaScript, so this only checks that the form works without it.
    page = page_without_js
    log_in(page, live_server, alice)
    page.goto(live_server.url + reverse("account"))
    page.get_by_label("Yes: count our submitted assessments in peer benchmarks").check()
    page.get_by_role("button", name="Save the choice").click()
    expect(page.get_by_text("Your agency now counts in peer benchmarks.")).to_be_visible()
    expect(
        page.get_by_label("Yes: count our submitted assessments in peer benchmarks")
    ).to_be_checked()


@pytest.fixture
def program_staff(transactional_db, migrated_data) -> User:
    staff = User.objects.create_user(
        "priya@program.example", "priya-password-123", full_name="Priya Program"
    )
    staff.groups.add(Group.objects.get(name="Program staff"))
    return staff


def test_the_program_view_has_no_violations(page, live_server, demo, program_staff):
    log_in(page, live_server, program_staff)
    page.goto(live_server.url + reverse("program"))
    expect(page.get_by_role("heading", name="Program view")).to_be_visible()
    assert_accessible(page, "program view")
    page.get_by_label("Show the figures of").select_option(index=1)
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(f"{live_server.url}{reverse('program')}?group=type%3Amunicipal")
    assert_accessible(page, "program view of one group")
    page.goto(live_server.url + reverse("program") + "?group=type:nonsense")
    expect(page.get_by_text("That group is not shown")).to_be_visible()
    assert_accessible(page, "program view asked for a group not shown")
    no_sideways_scrolling(page, reverse("program"), live_server)


def test_the_program_view_works_without_javascript(
    page_without_js, live_server, demo, program_staff
):
    page = page_without_js
    log_in(page, live_server, program_staff)
    page.goto(live_server.url + reverse("program"))
    second = page.locator("#id_group option").nth(1)
    group, label = second.get_attribute("value"), second.inner_text()
    page.get_by_label("Show the figures of").select_option(group)
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", name=label.split(" (")[0] + ":")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the figures of every group").click()
    assert download.value.suggested_filename.startswith("cvi-program-figures-")


def test_the_program_view_refuses_others_accessibly(page, live_server, alice):
    log_in(page, live_server, alice)
    page.goto(live_server.url + reverse("program"))
    expect(
        page.get_by_role("heading", name="The program view is for program staff")
    ).to_be_visible()
    assert_accessible(page, "program view refused")
