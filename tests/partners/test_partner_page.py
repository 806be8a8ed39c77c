"""The partner's page, through its personal link: what it shows (and never shows), updating a
co-owned action, what community partners said, and the link's protections (unknown, expired,
withdrawn, a member of the agency, the rate limit, never stored)."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import MemberInvitation
from partners.models import GuidelinesPosition, PartnerLink, SharingGuidelines
from perspectives.models import Invitation
from plans.models import (
    ActionItem,
    ActionStatusChange,
    InformationSharingWorksheet,
    PartnerOrganization,
    Promise,
)
from questionnaire.models import Assessment, Response
from questionnaire.services import assessment_submit
from tests.conftest import client_for
from tests.factories import answer_all, invitees_answer, partner_link
from tests.html import outline, page_text

pytestmark = pytest.mark.django_db


def page_url(token: str, **query) -> str:
    url = reverse("partner_page", args=[token])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def action_url(token: str, action) -> str:
    return reverse("partner_page_action", args=[token, action.pk])


def action_post(action, **changes) -> dict:
    data = {
        "seen": action.updated_at.isoformat(),
        "status": action.status,
        "target_date": action.target_date.isoformat() if action.target_date else "",
        "notes": action.notes,
    }
    data.update(changes)
    return {f"action-{action.pk}-{key}": value for key, value in data.items()}


@pytest.fixture
def plan(draft, alice):
    """Springfield's plan: one action co-owned with Safe Streets, others not."""
    draft.plan_created_at = timezone.now()
    draft.save()
    return draft


@pytest.fixture
def joint(plan, safe_streets):
    return ActionItem.objects.create(
        assessment=plan,
        title="Joint walk of the Eastside with Safe Streets",
        owner="Deputy Chief Ortiz",
        target_date=datetime.date(2027, 5, 1),
        notes="Route agreed with the outreach team.",
        partner_organization=safe_streets,
        order=1,
    )


@pytest.fixture
def token(safe_streets) -> str:
    return partner_link(safe_streets)


class TestWhatThePageShows:
    def test_it_shows_the_partners_co_owned_actions_and_the_guidelines(self, token, joint):
        text = page_text(Client().get(page_url(token)))
        assert "Safe Streets Springfield and Springfield Police Department" in text
        assert "Joint walk of the Eastside with Safe Streets" in text
        assert "Deputy Chief Ortiz" in text and "Route agreed with the outreach team." in text
        assert "Information-sharing guidelines" in text
        assert "Which way will information flow?" in text
        assert "(Report, pp. 22-23)" in text
        assert "this tool's own wording, not the report's" in text

    def test_nothing_else_of_the_agency_is_visible_through_the_link(
        self, token, joint, plan, alice, bob, springfield, safe_streets
    ):
        """Everything the agency keeps, each marked SECRET; none may reach the partner."""
        plan.name = "SECRET assessment name"
        plan.save()
        answer_all(plan)
        Response.objects.filter(assessment=plan).update(note="SECRET note on an answer")
        ActionItem.objects.create(
            assessment=plan, title="SECRET internal action", notes="SECRET internal notes", order=2
        )
        other = PartnerOrganization.objects.create(
            agency=springfield, name="SECRET other partner", contact_email="x@secret.example"
        )
        ActionItem.objects.create(
            assessment=plan, title="SECRET action with the other partner",
            partner_organization=other, order=3,
        )  # fmt: skip
        guidelines = SharingGuidelines.objects.create(partner=other, version=1)
        GuidelinesPosition.objects.create(
            guidelines=guidelines, side="agency", kinds="SECRET terms with the other partner"
        )
        older = Assessment.objects.create(agency=springfield, created_by=alice, name="SECRET old")
        ActionItem.objects.create(
            assessment=older, title="SECRET old co-owned action", partner_organization=safe_streets
        )
        InformationSharingWorksheet.objects.create(assessment=plan, recipients="SECRET worksheet")
        Invitation.objects.create(assessment=plan, perspective="residents", label="SECRET label")
        Promise.objects.create(
            agency=springfield, promise="SECRET unpublished promise", made_to="SECRET group",
            made_on=datetime.date(2027, 1, 5),
        )  # fmt: skip
        client = Client()
        pages = [
            client.get(page_url(token)),
            client.get(page_url(token, lang="es")),
            client.post(action_url(token, joint), action_post(joint, status="bogus")),
            client.post(reverse("partner_page_guidelines", args=[token]), {"review_on": "x"}),
            client.post(reverse("partner_page_agree", args=[token]), {}),
        ]
        for response in pages:
            html = response.content.decode()
            assert "SECRET" not in html, response.request["PATH_INFO"]
            for person in (alice, bob):
                assert person.email not in html and person.full_name not in html
        assert "Joint walk" in pages[0].content.decode()

    def test_the_owner_is_named_but_an_invited_colleagues_address_never_shown(
        self, token, joint, plan, alice, safe_streets
    ):
        joint.owner, joint.owner_member = "", alice
        joint.save()
        invited = MemberInvitation.objects.create(
            agency=plan.agency, email="new.captain@springfield.example", token_hash="0" * 64,
            expires_at=timezone.now() + datetime.timedelta(days=7),
        )  # fmt: skip
        ActionItem.objects.create(
            assessment=plan, title="Joint training", partner_organization=safe_streets,
            owner_invitation=invited, order=2,
        )  # fmt: skip
        text = page_text(Client().get(page_url(token)))
        assert f"Owner at the agency {alice.full_name}" in text
        assert "new.captain" not in text

    def test_the_page_takes_the_same_queries_for_one_co_owned_action_or_ten(
        self, token, joint, plan, safe_streets
    ):
        def count() -> int:
            with CaptureQueriesContext(connection) as queries:
                assert Client().get(page_url(token)).status_code == 200
            return len(queries)

        one = count()
        for n in range(9):
            ActionItem.objects.create(
                assessment=plan, title=f"Joint {n}", partner_organization=safe_streets, order=n + 2
            )
        assert count() == one <= 14

    def test_without_a_plan_it_says_no_action_is_shared_yet(self, token):
        text = page_text(Client().get(page_url(token)))
        assert "No action of the agency's current plan is shared with your organization" in text


class TestUpdatingACoOwnedAction:
    def test_the_partner_updates_status_date_and_notes_and_the_history_names_it(
        self, token, joint, safe_streets, alice
    ):
        response = Client().post(
            action_url(token, joint),
            action_post(
                joint, status="in_progress", target_date="2027-06-15", notes="Walk set for June."
            ),
        )
        assert response.status_code == 302
        assert response["Location"].endswith(f"?lang=en#action-{joint.pk}")
        joint.refresh_from_db()
        assert (joint.status, joint.target_date, joint.notes) == (
            "in_progress", datetime.date(2027, 6, 15), "Walk set for June.",
        )  # fmt: skip
        change = ActionStatusChange.objects.get(action=joint)
        assert change.changed_by_partner == safe_streets and change.changed_by is None
        history = page_text(
            client_for(alice).get(
                reverse("assessment_action_edit", args=[joint.assessment_id, joint.pk])
            )
        )
        assert "In progress, set by Safe Streets Springfield (partner)" in history

    def test_an_update_over_someone_elses_newer_save_is_refused(self, token, joint):
        stale = action_post(joint, notes="Partner's text")
        ActionItem.objects.filter(pk=joint.pk).update(
            notes="Agency's newer text", updated_at=timezone.now() + datetime.timedelta(seconds=5)
        )
        response = Client().post(action_url(token, joint), stale)
        assert response.status_code == 400
        assert "Someone saved this action after you opened the page" in page_text(response)
        joint.refresh_from_db()
        assert joint.notes == "Agency's newer text"

    def test_a_tampered_status_or_date_changes_nothing(self, token, joint):
        response = Client().post(
            action_url(token, joint), action_post(joint, status="deleted", target_date="3027-01-01")
        )
        text = page_text(response)
        assert text.startswith("Error:")
        assert "Choose one of the statuses." in text
        assert "Enter a date between the years 2000 and 2100." in text
        joint.refresh_from_db()
        assert joint.status == "not_started"

    def test_only_its_own_actions_of_the_current_plan_can_be_updated(
        self, token, joint, plan, springfield, alice
    ):
        internal = ActionItem.objects.create(assessment=plan, title="Internal", order=5)
        older = Assessment.objects.create(agency=springfield, created_by=alice)
        old_joint = ActionItem.objects.create(
            assessment=older, title="Old", partner_organization=joint.partner_organization
        )
        for action in (internal, old_joint):
            response = Client().post(action_url(token, action), action_post(action, notes="x"))
            assert response.status_code == 404
            action.refresh_from_db()
            assert action.notes == ""


class TestAReassessment:
    def test_it_carries_the_co_owned_action_so_the_partner_keeps_seeing_it(
        self, token, joint, plan, springfield, alice
    ):
        from plans.services import reassessment_start

        later = reassessment_start(agency=springfield, user=alice, copy_from=plan)
        copy = later.actions.get()
        assert copy.partner_organization == joint.partner_organization
        Client().post(action_url(token, copy), action_post(copy, notes="On the new plan."))
        copy.refresh_from_db()
        joint.refresh_from_db()
        assert copy.notes == "On the new plan." and joint.notes != "On the new plan."


class TestWhatCommunityPartnersSaid:
    """Figures as the perspectives release them: with their noise turned off here
    (``no_noise``), since these tests are about what the page shows, not the guarantee."""

    def submitted_with_residents(self, draft, alice, count=12, **options):
        answer_all(draft, value="largely")
        invitees_answer(draft, "residents", ["planned"] * count, **options)
        assert assessment_submit(assessment=draft, user=alice)

    def test_the_page_shows_the_residents_scores_not_the_agencys_own_nor_their_notes(
        self, token, draft, alice, no_noise
    ):
        from tests.perspectives.test_invitations import items_asked

        item = items_asked("residents")[0]
        self.submitted_with_residents(draft, alice, notes={item: "SECRET"})
        response = Client().get(page_url(token))
        text = page_text(response)
        assert "What community partners said" in text
        assert "Residents" in text and "25" in text  # "planned" scores 25 of 100
        assert "75" not in text  # the agency's own "largely"
        assert "SECRET" not in response.content.decode()
        assert "Your own assessment" not in text

    def test_too_few_answers_show_nothing_but_that_more_are_awaited(
        self, token, draft, alice, no_noise
    ):
        self.submitted_with_residents(draft, alice, count=2)
        text = page_text(Client().get(page_url(token)))
        assert "Nothing to show yet" in text
        assert "Waiting for more answers from: Residents." in text

    def test_it_reads_the_results_as_perspective_results_releases_them(
        self, token, draft, alice, monkeypatch, no_noise
    ):
        """The page computes nothing from raw answers: whatever the perspectives' results
        release (another engineer adds a privacy mechanism there) is what it shows."""
        import partners.summary

        self.submitted_with_residents(draft, alice)
        real = partners.summary.perspective_results

        def released(scored, *, domains):
            results = real(scored, domains=domains)
            results.domains = [
                (domain, [scores[0], 61.0], flagged) for domain, scores, flagged in results.domains
            ]
            return results

        monkeypatch.setattr(partners.summary, "perspective_results", released)
        assert "61" in page_text(Client().get(page_url(token)))


class TestTheLinksProtections:
    def test_an_unknown_link_is_not_found(self, safe_streets):
        response = Client().get(page_url("Mistyped-token-0123456789abcdefghijklmnopq"))
        assert response.status_code == 404

    def test_an_expired_link_explains_itself_in_the_links_language(self, safe_streets):
        token = partner_link(safe_streets, language="es", days=-1)
        response = Client().get(page_url(token))
        assert response.status_code == 410
        assert "El enlace venció" in page_text(response)
        assert Client().post(reverse("partner_page_guidelines", args=[token])).status_code == 410

    def test_a_member_of_the_agency_cannot_use_the_partners_link(self, token, joint, bob):
        client = client_for(bob)
        assert client.get(page_url(token)).status_code == 403
        response = client.post(action_url(token, joint), action_post(joint, notes="by Bob"))
        assert response.status_code == 403
        assert "This page is the partner's" in page_text(response)
        joint.refresh_from_db()
        assert joint.notes == "Route agreed with the outreach team."

    def test_another_agencys_member_is_treated_as_anyone_with_the_link(
        self, token, joint, charlie
    ):
        response = client_for(charlie).get(page_url(token))
        assert response.status_code == 200
        text = page_text(response)
        assert "Joint walk of the Eastside with Safe Streets" in text
        assert charlie.agency.name not in text

    def test_past_the_rate_limit_the_link_pauses(self, token, settings):
        settings.PARTNER_LINK_RATE_LIMIT = 3
        client = Client()
        assert [client.get(page_url(token)).status_code for _ in range(4)] == [200, 200, 200, 429]
        busy = client.get(page_url(token))
        assert busy["Retry-After"] == "600"
        assert "Please try again in a few minutes." in page_text(busy)

    def test_the_page_and_its_documents_are_never_stored(self, token):
        for url in [page_url(token), reverse("partner_page_docx", args=[token])]:
            response = Client().get(url)
            assert response.status_code == 200
            assert "no-store" in response["Cache-Control"], url

    def test_the_secret_is_never_stored_only_its_fingerprint(self, token):
        assert not PartnerLink.objects.filter(token_hash=token).exists()


class TestInSpanish:
    def test_a_spanish_link_opens_in_spanish_and_can_switch(self, safe_streets, joint):
        token = partner_link(safe_streets, language="es")
        response = Client().get(page_url(token))
        page = outline(response)
        assert page.find_all("html", lang="es")
        text = page.text
        assert "Acciones que comparten con Springfield Police Department" in text
        assert "¿En qué sentido circulará la información?" in text
        assert "nuestra propia traducción" in text
        assert page.find_all("a", lang="en", hreflang="en")
        english = page_text(Client().get(page_url(token, lang="en")))
        assert "Which way will information flow?" in english

    def test_errors_are_in_spanish_and_nothing_is_saved(self, safe_streets, joint):
        token = partner_link(safe_streets, language="es")
        response = Client().post(
            action_url(token, joint) + "?lang=es", action_post(joint, status="x")
        )
        text = page_text(response)
        assert text.startswith("Error:")
        assert "Corrija lo siguiente. Todavía no se ha guardado nada." in text
        joint.refresh_from_db()
        assert joint.status == "not_started"
