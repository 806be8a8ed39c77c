"""Cached page parts and PDFs are keyed by versions in the shared cache (cvi_assess/versions.py):
every change a page shows moves a version on, through a model's save or delete or through the
write paths that bypass them, and nothing counts history rows."""

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cvi_assess import versions
from guidance.cache import cached_guidance, forget_guidance, guidance_version
from guidance.models import Suggestion
from questionnaire import page_cache
from questionnaire.invitations import invitation_withdraw
from questionnaire.models import ActionItem, Invitation
from questionnaire.plan import action_mark_done, action_move, action_plan_ensure
from questionnaire.services import assessment_submit
from tests.conftest import client_for
from tests.factories import answer_all, section_items, section_post, section_url
from tests.html import page_text
from tests.pdf import requires_pdf


def agency_version(agency) -> int:
    return versions.current(f"agency:{agency.pk}")[0]


class TestVersions:
    def test_a_version_starts_from_the_clock_and_only_moves_on(self):
        (first,) = versions.current("example")
        versions.bump("example")
        assert versions.current("example") == (first + 1,)

    def test_a_lost_version_comes_back_above_every_earlier_one(self):
        (first,) = versions.current("example")
        versions.bump("example")
        cache.clear()
        assert versions.current("example")[0] > first + 1

    def test_bumping_a_version_never_read_gives_a_new_one(self):
        versions.bump("never-read")
        assert versions.current("never-read")[0] > 0

    def test_a_version_that_redis_restarted_at_one_goes_back_to_the_clock(self):
        """INCR on a key evicted a moment before starts it at 1: never reuse small numbers."""
        cache.set(versions.PREFIX + "example", 1, timeout=None)
        versions.bump("example")
        assert versions.current("example")[0] > versions.FROM_THE_CLOCK

    def test_several_versions_are_read_in_one_call(self):
        a, b = versions.current("a", "b")
        versions.bump("b")
        assert versions.current("a", "b") == (a, b + 1)

    def test_a_change_moves_the_version_on_now_and_again_after_commit(
        self, db, django_capture_on_commit_callbacks
    ):
        (first,) = versions.current("example")
        with django_capture_on_commit_callbacks(execute=True):
            versions.changed("example")
            assert versions.current("example") == (first + 1,)
        assert versions.current("example") == (first + 2,)


@pytest.mark.django_db
class TestGuidanceVersion:
    def test_saving_or_deleting_any_guidance_row_moves_it_on(self):
        before = guidance_version()
        suggestion = Suggestion.objects.get(slug="support-the-service-arm")
        suggestion.title = "Back the service providers"
        suggestion.save()
        saved = guidance_version()
        assert saved > before
        suggestion.examples.clear()  # a many-to-many change
        assert guidance_version() > saved

    def test_reverting_from_history_moves_it_on(self):
        suggestion = Suggestion.objects.get(slug="support-the-service-arm")
        suggestion.title = "Back the service providers"
        suggestion.save()
        before = guidance_version()
        suggestion.history.earliest().instance.save()
        assert guidance_version() > before
        assert (
            Suggestion.objects.get(pk=suggestion.pk).title == "Support the service arm of the CVI"
        )

    def test_load_guidance_moves_it_on(self):
        from django.core.management import call_command

        before = guidance_version()
        call_command("load_guidance", verbosity=0)
        assert guidance_version() > before

    def test_another_process_builds_afresh_after_an_edit_made_elsewhere(self):
        """Two server processes share the cache but not their memory: after an edit through
        one, the other sees a new version and rebuilds."""
        built = []

        def build():
            built.append(True)
            return Suggestion.objects.get(slug="support-the-service-arm").title

        assert cached_guidance("title", build) == "Support the service arm of the CVI"
        assert cached_guidance("title", build) == "Support the service arm of the CVI"
        assert len(built) == 1
        Suggestion.objects.filter(slug="support-the-service-arm").update(title="Edited elsewhere")
        versions.bump("guidance")  # what the other process's save did
        assert cached_guidance("title", build) == "Edited elsewhere"
        assert len(built) == 2


def test_every_model_an_agency_page_shows_moves_the_agency_version():
    """A new model must be listed: either it moves its agency's version, or no page shows it."""
    labels = {model._meta.label for model in apps.get_app_config("questionnaire").get_models()}
    listed = set(page_cache.AGENCY_OF) | page_cache.WRITTEN_WITH_PARENT | page_cache.NOT_SHOWN
    assert labels - listed == set()
    assert {"accounts.Agency", "accounts.User"} <= set(page_cache.AGENCY_OF)


@pytest.mark.django_db
class TestAgencyVersion:
    def test_an_answer_a_plan_edit_an_invitation_and_a_rename_each_move_it_on(
        self, springfield, alice, draft
    ):
        seen = [agency_version(springfield)]

        def moved() -> bool:
            seen.append(agency_version(springfield))
            return seen[-1] > seen[-2]

        answer_all(draft, value="planned")
        assert moved()
        action_plan_ensure(assessment=draft)  # a bulk insert
        assert moved()
        first, second = draft.actions.order_by("order")[:2]
        action_move(assessment=draft, action_id=second.pk, offset=-1)  # a bulk update
        assert moved()
        action_mark_done(action=first, user=alice)  # a queryset update
        assert moved()
        invitation = Invitation.objects.create(assessment=draft, perspective="officers")
        assert moved()
        invitation_withdraw(invitation=invitation)
        assert moved()
        springfield.name = "Springfield Police"
        springfield.save()
        assert moved()
        alice.full_name = "Alice Chief of Police"
        alice.save()
        assert moved()
        assessment_submit(assessment=draft, user=alice)
        assert moved()

    def test_logging_in_leaves_it_alone(self, springfield, alice):
        before = agency_version(springfield)
        client_for(None).post(
            reverse("login"), {"username": alice.email, "password": "alice-password-123"}
        )
        alice.refresh_from_db()
        assert alice.last_login is not None
        assert agency_version(springfield) == before

    def test_models_without_a_receiver_keep_djangos_fast_deletes(self):
        from django.contrib.sessions.models import Session
        from django.db.models.deletion import Collector

        from questionnaire.models import PerspectiveAnswer, SubmittedAnswer

        collector = Collector(using="default")
        for queryset in (Session.objects.all(), PerspectiveAnswer.objects.all()):
            assert collector.can_fast_delete(queryset)
        assert collector.can_fast_delete(SubmittedAnswer.objects.all())

    def test_an_invitee_answer_and_a_submission_move_it_on_without_per_row_signals(
        self, springfield, alice, draft
    ):
        answer_all(draft, value="planned")
        before = agency_version(springfield)
        assessment_submit(assessment=draft, user=alice)  # bulk-writes the submitted rows
        assert agency_version(springfield) > before

    def test_a_change_to_another_agency_leaves_it_alone(self, springfield, draft, charlie):
        before = agency_version(springfield)
        charlie.full_name = "Charlie Renamed"
        charlie.save()
        assert agency_version(springfield) == before

    def test_deleting_an_assessment_with_everything_in_it_moves_it_on(self, springfield, draft):
        answer_all(draft, value="planned")
        action_plan_ensure(assessment=draft)
        before = agency_version(springfield)
        draft.delete()
        assert agency_version(springfield) > before


@pytest.mark.django_db
class TestResultsPage:
    def url(self, assessment) -> str:
        return reverse("assessment_results", args=[assessment.pk])

    def test_once_rendered_the_body_is_served_from_the_cache(self, alice_client, draft):
        answer_all(draft, value="planned")
        alice_client.get(self.url(draft))
        with CaptureQueriesContext(connection) as warm:
            assert alice_client.get(self.url(draft)).status_code == 200
        # The session (from the cache), the user and the assessment; no aggregate over the
        # plan, the invitations or the agency's submissions, no history count.
        assert len(warm) <= 3, [q["sql"] for q in warm.captured_queries]

    def test_a_plan_edit_shows_at_once(self, alice_client, draft):
        answer_all(draft, value="planned")
        action_plan_ensure(assessment=draft)
        alice_client.get(self.url(draft))
        action = draft.actions.order_by("order").first()
        action.owner = "Captain Reyes"
        action.save()
        assert "Captain Reyes" in page_text(alice_client.get(self.url(draft)))

    def test_the_owner_and_a_member_get_their_own_copy(self, alice_client, bob, draft):
        answer_all(draft, value="planned")
        owner_page = alice_client.get(self.url(draft)).content
        member_page = client_for(bob).get(self.url(draft)).content
        assert owner_page != member_page


@requires_pdf
@pytest.mark.django_db
class TestPdfCache:
    @pytest.fixture
    def renders(self, monkeypatch):
        from questionnaire import pdf

        counted = []
        real = pdf.render_pdf

        def counting(html: str) -> bytes:
            counted.append(True)
            return real(html)

        monkeypatch.setattr(pdf, "render_pdf", counting)
        return counted

    def test_a_second_download_of_an_unchanged_plan_renders_nothing(
        self, alice_client, draft, renders, settings
    ):
        answer_all(draft, value="planned")
        url = reverse("assessment_plan_pdf", args=[draft.pk])
        first = alice_client.get(url)
        assert first.status_code == 200 and len(renders) == 1
        # Even with every render slot taken, the cached PDF is served.
        from questionnaire.pdf import render_slot

        settings.PDF_RENDERS_MAX = 1
        with render_slot():
            second = alice_client.get(url)
        assert second.status_code == 200 and second.content == first.content
        assert len(renders) == 1

    def test_an_edited_plan_or_guidance_renders_again(self, alice_client, draft, renders):
        answer_all(draft, value="planned")
        url = reverse("assessment_brief_pdf", args=[draft.pk])
        alice_client.get(url)
        action = ActionItem.objects.filter(assessment=draft).order_by("order").first()
        action.owner = "Captain Reyes"
        action.save()
        alice_client.get(url)
        assert len(renders) == 2
        suggestion = Suggestion.objects.get(slug="support-the-service-arm")
        suggestion.title = "Back the service providers"
        suggestion.save()
        forget_guidance()
        alice_client.get(url)
        assert len(renders) == 3


@pytest.mark.django_db
class TestDraftSectionPage:
    def test_once_rendered_it_reads_no_answer_and_builds_no_form(self, alice_client, draft):
        url = section_url(draft, "buy-in")
        alice_client.get(url)
        with CaptureQueriesContext(connection) as warm:
            assert alice_client.get(url).status_code == 200
        # The session comes from the cache: the user and the assessment remain.
        assert len(warm) <= 2, [q["sql"] for q in warm.captured_queries]

    def test_saved_answers_show_at_once_in_the_statements_and_the_step_list(
        self, alice_client, draft
    ):
        url = section_url(draft, "buy-in")
        count = len(section_items("buy-in"))
        assert f"{count} of {count} answered" not in page_text(alice_client.get(url))
        alice_client.post(url, section_post("buy-in", value="fully"))
        page = alice_client.get(url)
        assert f"{count} of {count} answered" in page_text(page)
        assert page.content.decode().count('value="fully" checked') == count

    def test_a_member_does_not_get_the_owners_step_list(self, alice_client, bob, draft):
        url = section_url(draft, "buy-in")
        assert "Invite officers and partners" in page_text(alice_client.get(url))
        assert "Invite officers and partners" not in page_text(client_for(bob).get(url))
