"""Fake agencies cannot move a real agency's peer figures (issue 23, finding 6).

The attack: ten agencies signed up in the target's group, five answering every statement "not
in place" and five "fully", made every median equal to the target's own score, which then
read off the peer tables. Now peer figures and the program view count an agency only once it
is verified: an administrator approves it, or its owner's address is on a domain an
administrator allowed. Demo agencies count only in demo mode.
"""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Agency, AllowedDomain, User
from accounts.verification import allowed_domain_verify_agencies
from benchmarks.peers import peer_figures
from program.figures import program_figures
from tests.conftest import client_for
from tests.html import page_text
from tests.peer_data import many_peers, submitted

pytestmark = pytest.mark.django_db


def sign_up(n: int, email: str) -> Agency:
    """An agency signed up by anyone, as the sign-up link creates it, sharing its results."""
    from accounts.services import account_signup

    agency = Agency(name=f"Fake PD {n}", agency_type="municipal", sworn_officers="100-249",
                    state="IL", population_served="100k-249k")  # fmt: skip
    person = User(email=email, full_name=f"Fake {n}")
    account_signup(person=person, agency=agency, password="fake-password-123")
    agency.refresh_from_db()
    agency.shares_in_peer_benchmarks = True
    agency.save()
    return agency


def spreads():
    figures = peer_figures()
    return {key: (g.agencies, g.spreads[None].median) for key, g in figures.groups.items()}


class TestTenFakeAgencies:
    def test_cannot_force_the_medians_of_a_real_agencys_groups(self, springfield):
        many_peers(10, overall=30, agency_type="municipal", size="100-249", state="IL")
        springfield.shares_in_peer_benchmarks = True
        springfield.save()
        submitted(springfield, "partly")
        before = spreads()
        for n in range(10):
            fake = sign_up(n, f"chief{n}@mailbox.example")
            submitted(fake, "not_in_place" if n < 5 else "fully")
        assert not Agency.objects.filter(name__startswith="Fake", verified_at__isnull=False)
        assert spreads() == before
        assert program_figures().groups["all"].agencies == 11

    def test_the_admin_approves_an_agency_and_it_counts(self, root, springfield):
        many_peers(10, overall=30, agency_type="municipal", size="100-249", state="IL")
        fake = sign_up(1, "chief@mailbox.example")
        submitted(fake, "fully")
        assert peer_figures().groups["all"].agencies == 10
        client_for(root).post(
            reverse("admin:accounts_agency_changelist"),
            {"action": "approve", "_selected_action": [fake.pk]},
        )
        fake.refresh_from_db()
        assert fake.verification == "admin" and fake.verified_at is not None
        assert peer_figures().groups["all"].agencies == 11

    def test_approving_many_at_once_rebuilds_the_peer_summary_once(self, root, monkeypatch):
        from benchmarks import summary

        fakes = [sign_up(n, f"chief{n}@mailbox.example") for n in range(5)]
        for fake in fakes:
            submitted(fake, "fully")
        rebuilds = []
        monkeypatch.setattr(summary, "peer_summary_refresh", lambda: rebuilds.append(1))
        for action in ("approve", "unverify"):
            client_for(root).post(
                reverse("admin:accounts_agency_changelist"),
                {"action": action, "_selected_action": [f.pk for f in fakes]},
            )
        assert len(rebuilds) == 2
        assert not Agency.objects.filter(pk__in=[f.pk for f in fakes]).exclude(verified_at=None)

    def test_an_owner_on_an_allowed_domain_is_verified_at_sign_up(self):
        AllowedDomain.objects.create(domain="shelbyville.gov")
        assert sign_up(1, "chief@shelbyville.gov").verification == "domain"
        assert sign_up(2, "chief@evil-shelbyville.gov").verified_at is None
        assert sign_up(3, "chief@shelbyville.gov.example").verified_at is None

    def test_allowing_a_domain_verifies_the_agencies_already_signed_up_and_counts_them(
        self, root
    ):
        many_peers(10, overall=30, agency_type="municipal", size="100-249", state="IL")
        waiting = sign_up(1, "chief@ogdenville.gov")
        submitted(waiting, "fully")
        assert peer_figures().groups["all"].agencies == 10
        response = client_for(root).post(
            reverse("admin:accounts_alloweddomain_add"),
            {"domain": "Ogdenville.GOV", "note": "Checked by phone"},
            follow=True,
        )
        assert "1 agencies on ogdenville.gov are now verified." in page_text(response)
        waiting.refresh_from_db()
        assert waiting.verification == "domain"
        assert peer_figures().groups["all"].agencies == 11
        assert allowed_domain_verify_agencies(domain=AllowedDomain.objects.get()) == 0

    def test_a_bad_domain_is_refused_with_a_clear_message(self, root):
        response = client_for(root).post(
            reverse("admin:accounts_alloweddomain_add"), {"domain": "not a domain"}
        )
        assert "Enter a domain such as “springfield.gov”." in page_text(response)
        assert not AllowedDomain.objects.exists()

    def test_the_owner_is_told_why_an_unverified_agency_does_not_count(self, db):
        many_peers(10, overall=30, agency_type="municipal", size="100-249", state="IL")
        agency = sign_up(1, "chief@mailbox.example")
        own = submitted(agency, "fully")
        client = client_for(User.objects.get(email="chief@mailbox.example"))
        text = page_text(client.get(reverse("assessment_results", args=[own.pk])))
        assert "yours is not verified yet" in text
        assert mail.outbox == []  # nothing is sent about verification

    def test_the_program_view_shows_the_verified_count(self, springfield, shelbyville, db):
        sign_up(1, "chief@mailbox.example")
        figures = program_figures()
        assert (figures.signed_up, figures.verified) == (3, 2)


@pytest.mark.parametrize("demo_mode", [False, True])
def test_what_an_agency_is_told_of_itself_matches_who_is_counted(settings, demo_mode):
    """The results page's "your agency counts in these figures" (Agency.counts_in_peers) and
    the figures themselves (counted_in_peers) apply one rule, in and out of demo mode."""
    import datetime

    from accounts.models import counted_in_peers

    settings.DEMO_MODE = demo_mode
    verified = datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC)
    for n, (shares, verified_at, is_demo) in enumerate(
        (s, v, d) for s in (True, False) for v in (None, verified) for d in (False, True)
    ):
        Agency.objects.create(
            name=f"Rule PD {n}", slug=f"rule-pd-{n}", agency_type="municipal",
            sworn_officers="1-24", state="IL", population_served="<25k",
            shares_in_peer_benchmarks=shares, verified_at=verified_at, is_demo=is_demo,
            verification="admin" if verified_at else "",
        )  # fmt: skip
    agencies = Agency.objects.filter(slug__startswith="rule-pd-")
    counted = set(agencies.filter(counted_in_peers()).values_list("pk", flat=True))
    assert {a.pk for a in agencies if a.counts_in_peers} == counted
    # Sharing, verified and real; in demo mode, sharing and demo, verified or not.
    assert len(counted) == (2 if demo_mode else 1)
