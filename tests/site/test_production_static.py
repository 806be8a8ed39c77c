"""Every page renders with the static storage production uses.

Tests elsewhere serve static files from the source folders (debug storage), where a template
that names a file that does not exist still renders. In production, `collectstatic` writes a
manifest of hashed names and a name missing from it is an error ("Missing staticfiles manifest
entry"), so such a page becomes a 500: this is how the 503 page once failed during every
outage. Here the files are collected once with the production storage, and the error pages and
every page of the journey are rendered against that manifest.
"""

from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client, RequestFactory, override_settings
from django.urls import get_resolver, reverse
from django.utils import timezone

from cvi_assess import views as site_views
from guidance.models import Item
from perspectives.models import Invitation
from plans.models import ActionItem, PartnerOrganization, Promise, PromiseList
from questionnaire.models import Assessment
from questionnaire.services import assessment_submit
from tests.accounts.test_accounts import SIGNUP
from tests.conftest import client_for
from tests.factories import CONTEXT_ANSWERS, answer_all, partner_link
from tests.html import Outline
from tests.pdf import requires_pdf
from workshops.services import workshop_reveal, workshop_start

PRODUCTION_STORAGES = {
    **django_settings.STORAGES,
    "staticfiles": {"BACKEND": django_settings.PRODUCTION_STATIC_STORAGE},
}


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory) -> Path:
    """STATIC_ROOT after `collectstatic` with the production storage (once per test run)."""
    root = tmp_path_factory.mktemp("staticfiles")
    with override_settings(STATIC_ROOT=root, STORAGES=PRODUCTION_STORAGES):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


@pytest.fixture
def production_static(settings, collected_static) -> Path:
    settings.STATIC_ROOT = collected_static
    settings.STORAGES = PRODUCTION_STORAGES
    return collected_static


def assert_static_files_exist(html: str, root: Path) -> None:
    """Every stylesheet, script and icon the page links is a collected, hashed file."""
    page = Outline()
    page.feed(html)
    linked = [tag.get("href") for tag in page.find_all("link")] + [
        tag.get("src") for tag in page.find_all("script")
    ]
    static = [url for url in linked if url and url.startswith(django_settings.STATIC_URL)]
    assert any(url.endswith(".css") for url in static), "the page is styled"
    for url in static:
        name = url.removeprefix(django_settings.STATIC_URL)
        assert (root / name).is_file(), f"{url} was not collected"
        stem = Path(name).stem
        assert "." in stem, f"{url} is not a hashed name: the manifest storage was not used"


def test_the_manifest_storage_is_what_production_uses():
    assert django_settings.PRODUCTION_STATIC_STORAGE == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


class TestErrorPages:
    """Rendered as Django's handlers render them: no request context for 500 and 503."""

    def test_the_503_page_is_styled_and_keeps_what_was_sent(self, production_static):
        request = RequestFactory().post("/assessments/", {"note": "Roll-call briefing"})
        response = site_views.database_unavailable(request)
        assert response.status_code == 503 and response["Retry-After"] == "30"
        html = response.content.decode()
        assert "temporarily unavailable" in html
        assert 'value="Roll-call briefing"' in html
        assert_static_files_exist(html, production_static)

    def test_the_500_page_renders(self, production_static):
        response = site_views.server_error(RequestFactory().get("/"))
        assert response.status_code == 500
        assert "Something went wrong" in response.content.decode()

    @pytest.mark.django_db
    def test_400_403_404_and_the_csrf_page_are_styled(self, production_static, bob, draft):
        request = RequestFactory().get("/")
        request.user = bob
        responses = {
            400: site_views.bad_request(request),
            403: site_views.permission_denied(request),
            "csrf": site_views.csrf_failure(request),
            404: Client().get("/no-such-page/"),
            "owner only": client_for(bob).get(reverse("assessment_invitations", args=[draft.pk])),
        }
        for name, response in responses.items():
            expected = {400: 400, 404: 404}.get(name, 403)
            assert response.status_code == expected, name
            assert_static_files_exist(response.content.decode(), production_static)

    @pytest.mark.django_db
    def test_the_429_pages_are_styled(self, production_static, settings):
        settings.SIGNUP_RATE_LIMIT = 0
        settings.PASSWORD_RESET_RATE_LIMIT = 0
        client = Client()
        for url, data in [
            (reverse("signup"), SIGNUP),
            (reverse("password_reset"), {"email": "someone@example.org"}),
        ]:
            response = client.post(url, data)
            assert response.status_code == 429, url
            assert_static_files_exist(response.content.decode(), production_static)

    @pytest.mark.django_db
    def test_the_locked_out_page_is_styled(self, production_static, alice, settings):
        settings.AXES_FAILURE_LIMIT = 1
        client = Client()
        login = {"username": alice.email, "password": "wrong"}
        client.post(reverse("login"), login)
        response = client.post(reverse("login"), login)
        assert response.status_code == 429
        assert_static_files_exist(response.content.decode(), production_static)


@pytest.fixture
def journey(alice, bob, springfield, db) -> dict:
    """A submitted baseline, a draft reassessment with a plan and an invitation, as a chief
    leaves them after a first round: enough for every page of the journey to have content."""
    baseline = Assessment.objects.create(
        agency=springfield, created_by=alice, name="2026 baseline", **CONTEXT_ANSWERS
    )
    answer_all(baseline, "planned")
    assessment_submit(assessment=baseline, user=alice)
    draft = Assessment.objects.create(
        agency=springfield, created_by=alice, name="Spring review", **CONTEXT_ANSWERS
    )
    answer_all(draft, "partly")
    action = ActionItem.objects.create(assessment=draft, title="Brief the council", order=1)
    invitation = Invitation.objects.create(assessment=draft, perspective="residents")
    workshop = workshop_start(assessment=draft, by=alice, raters=[alice, bob], anonymous=False)
    workshop_reveal(workshop=workshop, by=alice)
    partner = PartnerOrganization.objects.create(
        agency=springfield, name="Safe Streets", contact_email="dana@safestreets.example"
    )
    promise = Promise.objects.create(
        agency=springfield, promise="Monthly meetings", made_to="Eastside", made_on="2027-01-05"
    )
    PromiseList.objects.create(agency=springfield, published_at=timezone.now())
    return {
        "baseline": baseline,
        "draft": draft,
        "action": action,
        "invitation": invitation,
        "partner": partner,
        "partner_token": partner_link(partner),
        "promise": promise,
    }


def journey_pages(journey: dict) -> dict[str, list[tuple[str, str]]]:
    """(URL name, address) of every page, by who opens it."""
    draft, baseline = journey["draft"], journey["baseline"]
    action, invitation = journey["action"], journey["invitation"]
    a = [draft.pk]
    return {
        "visitor": [
            ("home", reverse("home")),
            ("guidance_library", reverse("guidance_library")),
            ("scoring_explained", reverse("scoring_explained")),
            ("login", reverse("login")),
            ("signup", reverse("signup")),
            ("signup_sent", reverse("signup_sent")),
            ("signup_confirm", reverse("signup_confirm") + "?token=not-a-token"),
            ("password_reset", reverse("password_reset")),
            ("password_reset_done", reverse("password_reset_done")),
            ("password_reset_confirm", reverse("password_reset_confirm", args=["MQ", "x-y"])),
            ("password_reset_complete", reverse("password_reset_complete")),
            ("member_join", reverse("member_join", args=["unknown-link"])),
            ("respond", reverse("respond", args=[invitation.token])),
            ("respond_thanks", reverse("respond_thanks", args=[invitation.token])),
            ("partner_page", reverse("partner_page", args=[journey["partner_token"]])),
            ("public_promises", reverse("public_promises", args=[draft.agency.slug])),
        ],
        "owner": [
            ("account", reverse("account")),
            ("password_change", reverse("password_change")),
            ("peer_sharing", reverse("peer_sharing")),
            ("agency_team", reverse("agency_team")),
            ("agency_leave", reverse("agency_leave")),
            ("member_remove", reverse("member_remove", args=[journey["bob"].pk])),
            ("member_make_owner", reverse("member_make_owner", args=[journey["bob"].pk])),
            ("owner_make_member", reverse("owner_make_member", args=[draft.created_by.pk])),
            ("assessment_list", reverse("assessment_list")),
            ("assessment_progress", reverse("assessment_progress")),
            ("assessment_rename", reverse("assessment_rename", args=a)),
            ("assessment_context", reverse("assessment_context", args=a)),
            ("assessment_section", reverse("assessment_section", args=[draft.pk, "buy-in"])),
            ("assessment_review", reverse("assessment_review", args=a)),
            ("assessment_results", reverse("assessment_results", args=a)),
            ("assessment_results", reverse("assessment_results", args=[baseline.pk])),
            ("assessment_plan", reverse("assessment_plan", args=a)),
            ("assessment_action_edit", reverse("assessment_action_edit", args=[*a, action.pk])),
            (
                "assessment_action_delete",
                reverse("assessment_action_delete", args=[*a, action.pk]),
            ),
            ("assessment_invitations", reverse("assessment_invitations", args=a)),
            ("my_actions", reverse("my_actions")),
            (
                "statement_evidence",
                reverse("statement_evidence", args=[*a, Item.objects.filter(is_active=True)[0].pk]),
            ),
            ("invitation_revoke", reverse("invitation_revoke", args=[*a, invitation.pk])),
            ("assessment_workshop", reverse("assessment_workshop", args=a)),
            ("workshop_rate", reverse("workshop_rate", args=[draft.pk, "buy-in"])),
            ("workshop_finish", reverse("workshop_finish", args=a)),
            ("workshop_differences", reverse("workshop_differences", args=a)),
            ("workshop_meeting", reverse("workshop_meeting", args=[draft.pk, 1])),
            ("password_change_done", reverse("password_change_done")),
            ("partner_list", reverse("partner_list")),
            ("partner_add", reverse("partner_add")),
            *(
                (name, reverse(name, args=[journey["partner"].pk]))
                for name in (
                    "partner_detail", "partner_edit", "partner_remove", "partner_link_withdraw",
                    "partner_guidelines",
                )
            ),  # fmt: skip
            ("promises", reverse("promises")),
            ("promise_edit", reverse("promise_edit", args=[journey["promise"].pk])),
            ("promise_remove", reverse("promise_remove", args=[journey["promise"].pk])),
        ],
        "staff": [
            ("admin:index", reverse("admin:index")),
            ("admin:changelist", reverse("admin:guidance_suggestion_changelist")),
            ("admin:changelist", reverse("admin:workshops_statementagreement_changelist")),
            ("program", reverse("program")),
        ],
    }


# Pages opened here with a link that is not valid, as a stranger would: they say so.
NOT_FOUND_OR_REFUSED = {"signup_confirm": 400, "member_join": 404}

# URL names that are not HTML pages of their own: downloads, actions that only take a form
# (they redirect), and pages reached only through a redirect (rendered above under another
# name), each with why.
NOT_PAGES = {
    "assessment_export_xlsx": "a workbook download",
    "assessment_export_zip": "a zip of CSV files",
    "assessment_export_json": "a JSON download",
    "assessment_plan_pdf": "a PDF (its stylesheet is read from the files by the PDF renderer)",
    "assessment_brief_pdf": "a PDF",
    "invitation_qr": "an SVG image",
    "healthz": "JSON for load balancers",
    "assessment": "redirects to the first unfinished section",
    "after_login": "redirects to the assessments or the program view",
    "assessment_plan_gaps": "takes a form, then redirects to the plan",
    "assessment_action_done": "takes a form, then redirects to the plan",
    "assessment_action_move": "takes a form, then redirects to the plan",
    "perception_gap_add": "takes a form, then redirects to the plan",
    "invitation_remind": "takes a form, then redirects to the invitations",
    "member_invitation_resend": "takes a form, then redirects to the team",
    "member_invitation_withdraw": "takes a form, then redirects to the team",
    "logout": "takes a form, then redirects home",
    "assessment_plan_add": "takes a form of the plan page (rendered above), else redirects",
    "assessment_worksheet": "takes a form of the plan page (rendered above), else redirects",
    "assessment_plan_needs": "takes a form of the plan page (rendered above), else redirects",
    "reminder_settings": "takes a form (on the account page), then redirects to it",
    "program_csv": "a CSV download",
    "partner_link": "takes a form of the partner's page (rendered above), else redirects",
    "partner_invitations": "takes a form of the partner's page (rendered above), else redirects",
    "partner_guidelines_agree": "takes a form of the guidelines page (rendered above)",
    "partner_guidelines_docx": "a Word document",
    "partner_guidelines_pdf": "a PDF",
    "partner_page_action": "takes a form of the partner's own page (rendered above)",
    "partner_page_guidelines": "takes a form of the partner's own page (rendered above)",
    "partner_page_agree": "takes a form of the partner's own page (rendered above)",
    "partner_page_docx": "a Word document",
    "partner_page_pdf": "a PDF",
    "promises_publish": "takes a form of the promises page (rendered above), then redirects",
    "assessment_plan_assign": "takes a form of the plan page (rendered above), else redirects",
    "my_action_status": "takes a form of My actions (rendered above), then redirects to it",
    "calendar_feed_manage": "takes a form of My actions, then renders it (rendered above)",
    "calendar_feed": "an iCalendar feed",
    "action_calendar": "an .ics download",
    "action_evidence_add": "takes a form of the action's page (rendered above), then redirects",
    "evidence_download": "a file download",
    "evidence_remove": "takes a form, then redirects to where the file was listed",
}


@pytest.mark.django_db
def test_every_page_of_the_journey_renders_with_the_production_storage(
    production_static, journey, alice, bob, root
):
    journey["bob"] = bob
    root.groups.add(Group.objects.get(name="Program staff"))
    pages = journey_pages(journey)
    clients = {"visitor": Client(), "owner": client_for(alice), "staff": client_for(root)}
    for who, urls in pages.items():
        for name, url in urls:
            response = clients[who].get(url)
            expected = NOT_FOUND_OR_REFUSED.get(name, 200)
            assert response.status_code == expected, (name, url, response.status_code)
            assert_static_files_exist(response.content.decode(), production_static)


@pytest.mark.django_db
def test_every_named_page_is_rendered_here_or_said_not_to_be_one(journey, bob):
    journey["bob"] = bob
    rendered = {name for urls in journey_pages(journey).values() for name, _ in urls}
    ours = {
        name
        for name in get_resolver().reverse_dict
        if isinstance(name, str) and not name.startswith("admin")
    }
    assert ours - rendered - set(NOT_PAGES) == set()
    assert set(NOT_PAGES) <= ours, "a name in NOT_PAGES no longer exists"


@requires_pdf
@pytest.mark.django_db
def test_the_pdf_finds_its_stylesheet_under_the_production_storage(production_static, journey):
    draft = journey["draft"]
    Assessment.objects.filter(pk=draft.pk).update(updated_at=timezone.now())
    response = client_for(draft.created_by).get(reverse("assessment_brief_pdf", args=[draft.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
