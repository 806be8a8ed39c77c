"""Taking an assessment from start to submission through the test client."""

import pytest
from django.urls import reverse

from guidance.models import Domain, Item
from questionnaire.models import Assessment, Response
from tests.conftest import client_for
from tests.factories import CONTEXT_ANSWERS, answer_all, section_items, section_post, section_url
from tests.html import outline, page_text

SECTIONS = [
    "organizational-culture",
    "implementation",
    "buy-in",
    "partnerships",
    "information-sharing",
]


@pytest.mark.django_db
class TestWholeFlow:
    def test_a_chief_answers_every_section_submits_and_sees_results(self, alice):
        client = client_for(alice)
        response = client.post("/assessments/", {"copy_from": ""})
        assessment = Assessment.objects.get()
        assert response["Location"] == reverse("assessment_context", args=[assessment.pk])

        response = client.post(response["Location"], {**CONTEXT_ANSWERS, "action": "continue"})
        assert response["Location"] == section_url(assessment, SECTIONS[0])
        for n, slug in enumerate(SECTIONS):
            page = client.get(section_url(assessment, slug))
            assert page.status_code == 200
            response = client.post(section_url(assessment, slug), section_post(slug))
            expected = (
                section_url(assessment, SECTIONS[n + 1])
                if n + 1 < len(SECTIONS)
                else reverse("assessment_review", args=[assessment.pk])
            )
            assert response["Location"] == expected
        assert Response.objects.filter(assessment=assessment).count() == 23

        review = client.get(reverse("assessment_review", args=[assessment.pk]))
        assert "Every statement is answered." in page_text(review)
        response = client.post(reverse("assessment_review", args=[assessment.pk]), {})
        assert response["Location"] == reverse("assessment_results", args=[assessment.pk])
        assessment.refresh_from_db()
        assert assessment.is_submitted and assessment.submitted_by == alice
        results = page_text(client.get(response["Location"]))
        assert "Results: Springfield Police Department" in results
        assert "Provisional" not in results

    def test_the_domain_page_is_headed_by_its_ask_yourself_question(self, alice_client, draft):
        page = alice_client.get(section_url(draft, "implementation"))
        assert outline(page).headings[0] == ("h1", "Implementation")
        assert "Ask yourself Does our agency have the capacity" in page_text(page)

    def test_each_item_is_a_fieldset_whose_legend_is_the_statement(self, alice_client, draft):
        page = outline(alice_client.get(section_url(draft, "buy-in")))
        assert len(page.find_all("fieldset", **{"class": "rated-item"})) == 6
        text = page.text
        for item in section_items("buy-in"):
            assert item.text in text
        assert text.count("Fully in place and sustained") == 6
        assert text.count("Don't know") >= 6

    def test_each_answer_shows_what_that_level_looks_like_as_the_tools_guidance(
        self, alice_client, draft
    ):
        response = alice_client.get(section_url(draft, "implementation"))
        page = outline(response)
        item = Item.objects.get(slug="implementation-capacity-assessed")
        radio = page.find_all("input", id=f"id_item-{item.pk}_2")[0]  # "Partly in place"
        assert radio["aria-describedby"] == f"id_item-{item.pk}_2_level"
        described = page.find_all("span", id=f"id_item-{item.pk}_2_level")
        assert described and described[0]["class"] == "rated-item__anchor"
        text = page.text
        assert f"Partly in place {item.anchor_partly}" in text
        assert f"Fully in place and sustained {item.anchor_fully} Don't know" in text
        assert "The descriptions are this tool's guidance" in text
        assert "they are not the words of PERF's report" in text

    def test_the_note_asks_for_evidence_with_the_statements_own_hint(self, alice_client, draft):
        response = alice_client.get(section_url(draft, "implementation"))
        item = Item.objects.get(slug="implementation-capacity-assessed")
        text = page_text(response)
        assert f"Evidence or note (optional) {item.evidence_hint}" in text
        textarea = outline(response).find_all("textarea", id=f"id_note-{item.pk}")[0]
        assert textarea["aria-describedby"] == f"id_note-{item.pk}_helptext"

    def test_a_statement_nobody_has_described_yet_shows_its_plain_scale(self, alice_client, draft):
        domain = Domain.objects.get(slug="buy-in")
        added = Item.objects.create(
            domain=domain, suggestion=domain.suggestions.first(), slug="new", text="Added."
        )
        page = outline(alice_client.get(section_url(draft, "buy-in")))
        radio = page.find_all("input", id=f"id_item-{added.pk}_2")[0]
        assert "aria-describedby" not in radio
        scale = "Not in place Planned or under discussion Partly in place Largely in place"
        between = page.text.split("Added.")[1].split("Don't know")[0]
        assert between.endswith(f"{scale} Fully in place and sustained ")

    def test_items_come_from_the_guidance_so_a_new_item_appears(self, alice_client, draft):
        domain = Domain.objects.get(slug="buy-in")
        Item.objects.create(
            domain=domain,
            suggestion=domain.suggestions.first(),
            slug="new-item",
            text="A statement added by an editor.",
        )
        assert "A statement added by an editor." in page_text(
            alice_client.get(section_url(draft, "buy-in"))
        )

    def test_a_note_is_saved_with_the_answer(self, alice_client, draft):
        item = section_items("partnerships")[0]
        alice_client.post(
            section_url(draft, "partnerships"),
            section_post("partnerships", **{f"note-{item.pk}": "MOU drafted"}),
        )
        assert Response.objects.get(assessment=draft, item=item).note == "MOU drafted"

    def test_a_note_without_an_answer_is_kept_and_the_item_stays_unanswered(
        self, alice_client, draft
    ):
        item = section_items("partnerships")[0]
        alice_client.post(
            section_url(draft, "partnerships"),
            {f"note-{item.pk}": "Ask the deputy", "action": "continue"},
        )
        response = Response.objects.get(assessment=draft, item=item)
        assert (response.value, response.note) == ("", "Ask the deputy")
        review = page_text(alice_client.get(reverse("assessment_review", args=[draft.pk])))
        assert item.text in review


@pytest.mark.django_db
class TestProgressAndNavigation:
    def test_the_step_list_shows_each_section_state_and_counts(self, alice_client, draft):
        alice_client.post(section_url(draft, "buy-in"), section_post("buy-in"))
        item = section_items("partnerships")[0]
        Response.objects.create(assessment=draft, item=item, value="fully")
        text = page_text(alice_client.get(section_url(draft, "implementation")))
        assert "Buy-in Complete: 6 of 6 answered" in text
        assert "Partnerships In progress: 1 of 4 answered" in text
        assert "Implementation Not started: 0 of 5 answered" in text
        assert "Agency context Not started: 0 of 4 answered" in text

    def test_save_and_finish_later_saves_and_returns_to_the_list(self, alice_client, draft):
        response = alice_client.post(
            section_url(draft, "buy-in"), section_post("buy-in", action="later")
        )
        assert response["Location"] == "/assessments/"
        assert Response.objects.filter(assessment=draft).count() == 6
        listing = page_text(alice_client.get("/assessments/"))
        assert "6 of 23 statements answered" in listing
        assert "Your answers are saved" in listing

    def test_save_and_go_back_saves_and_goes_to_the_previous_section(self, alice_client, draft):
        response = alice_client.post(
            section_url(draft, "buy-in"), section_post("buy-in", action="back")
        )
        assert response["Location"] == section_url(draft, "implementation")
        assert Response.objects.filter(assessment=draft).count() == 6

    def test_resuming_goes_to_the_first_unfinished_section_from_any_device(self, alice, bob, draft):
        client_for(alice).post(
            reverse("assessment_context", args=[draft.pk]), {**CONTEXT_ANSWERS, "action": "later"}
        )
        client_for(alice).post(section_url(draft, SECTIONS[0]), section_post(SECTIONS[0]))
        # Bob, in the same agency, on another device, carries on where Alice stopped.
        response = client_for(bob).get(reverse("assessment", args=[draft.pk]))
        assert response["Location"] == section_url(draft, "implementation")

    def test_resuming_a_fully_answered_draft_goes_to_the_review(self, alice_client, draft):
        Assessment.objects.filter(pk=draft.pk).update(
            has_participated="no",
            would_participate="yes",
            community_shares_responsibility="yes",
            preferred_role="support",
            local_cvi_types=["none"],
        )
        answer_all(draft)
        response = alice_client.get(reverse("assessment", args=[draft.pk]))
        assert response["Location"] == reverse("assessment_review", args=[draft.pk])


@pytest.mark.django_db
class TestContext:
    def url(self, draft):
        return reverse("assessment_context", args=[draft.pk])

    def test_the_answers_are_saved(self, alice_client, draft):
        alice_client.post(self.url(draft), {**CONTEXT_ANSWERS, "action": "continue"})
        draft.refresh_from_db()
        assert (draft.has_participated, draft.participation_start_year) == ("yes", 2019)
        assert draft.local_cvi_types == ["street_outreach", "hospital"]

    def test_an_answer_that_does_not_apply_is_not_kept_and_the_page_says_so(
        self, alice_client, draft
    ):
        response = alice_client.post(
            self.url(draft),
            {
                "has_participated": "no",
                "participation_start_year": "2019",
                "would_participate_again": "yes",
                "would_participate": "yes",
                "action": "continue",
            },
            follow=True,
        )
        text = page_text(response)
        assert "Your answers to “If it has: in which year did its participation begin?”" in text
        assert "“If it has: would it take part in a CVI again?” were not kept" in text
        draft.refresh_from_db()
        assert (draft.has_participated, draft.would_participate) == ("no", "yes")
        assert (draft.participation_start_year, draft.would_participate_again) == (None, "")

    def test_a_radio_answer_can_be_taken_back_without_javascript_by_changing_the_first(
        self, alice_client, draft
    ):
        alice_client.post(self.url(draft), {**CONTEXT_ANSWERS, "action": "continue"})
        # The page still shows "Yes" ticked under "would it take part again?": a browser without
        # JavaScript sends it back. Changing the first answer is enough to take it back.
        response = alice_client.post(
            self.url(draft), {**CONTEXT_ANSWERS, "has_participated": "unsure", "action": "later"}
        )
        assert response.status_code == 302
        draft.refresh_from_db()
        assert (draft.has_participated, draft.would_participate_again) == ("unsure", "")
        assert draft.involvement_routes == []

    def test_the_survey_topics_are_saved_for_an_agency_that_has_taken_part(
        self, alice_client, draft
    ):
        topics = {
            "involvement_routes": ["government"],
            "agency_roles": ["referrals", "information"],
            "staffing": ["alongside"],
            "funding_sources": ["federal", "agency_budget"],
            "cvi_focus": ["individuals"],
        }
        alice_client.post(self.url(draft), {**CONTEXT_ANSWERS, **topics, "action": "continue"})
        draft.refresh_from_db()
        assert {name: getattr(draft, name) for name in topics} == topics
        # Optional detail: the section counts as complete without it.
        draft.__class__.objects.filter(pk=draft.pk).update(staffing=[], cvi_focus=[])
        text = page_text(alice_client.get(self.url(draft)))
        assert "Agency context Complete: 6 of 6 answered" in text

    def test_not_sure_cannot_be_combined_with_another_choice(self, alice_client, draft):
        response = alice_client.post(
            self.url(draft),
            {**CONTEXT_ANSWERS, "funding_sources": ["unsure", "federal"], "action": "continue"},
        )
        assert "“Not sure” cannot be combined with other choices." in page_text(response)
        draft.refresh_from_db()
        assert draft.has_participated == ""

    def test_the_lead_or_support_question_explains_the_balance_of_roles(self, alice_client, draft):
        text = page_text(alice_client.get(self.url(draft)))
        assert "a careful balance between the roles of law enforcement and the community" in text

    @pytest.mark.parametrize("year", ["1899", "2999", "twenty"])
    def test_an_impossible_year_is_refused(self, alice_client, draft, year):
        response = alice_client.post(
            self.url(draft),
            {"has_participated": "yes", "participation_start_year": year, "action": "continue"},
        )
        assert response.status_code == 200
        assert "participation_start_year" in response.context["form"].errors
        draft.refresh_from_db()
        assert draft.participation_start_year is None

    def test_none_cannot_be_combined_with_a_kind_of_cvi(self, alice_client, draft):
        response = alice_client.post(
            self.url(draft), {"local_cvi_types": ["none", "hospital"], "action": "continue"}
        )
        assert "cannot be combined" in page_text(response)


@pytest.mark.django_db
class TestReviewAndSubmit:
    def test_the_review_shows_every_answer_with_counts_and_links_to_change_it(
        self, alice_client, draft
    ):
        alice_client.post(section_url(draft, "buy-in"), section_post("buy-in"))
        first = section_items("buy-in")[0]
        Response.objects.filter(assessment=draft, item=first).update(value="dont_know")
        page = alice_client.get(reverse("assessment_review", args=[draft.pk]))
        text = page_text(page)
        buy_in = len(section_items("buy-in"))
        assert f"Buy-in {buy_in} of {buy_in} answered · 1 “don't know”" in text
        assert f"{first.text} Don't know Change" in text
        assert f"{section_items('buy-in')[1].text} Partly in place Change" in text
        unanswered = section_items("partnerships")[2]
        partnerships = len(section_items("partnerships"))
        assert f"{unanswered.text} Not answered Answer" in text
        assert f"Partnerships 0 of {partnerships} answered · {partnerships} unanswered" in text
        links = [a["href"] for a in outline(page).find_all("a")]
        assert f"{section_url(draft, 'partnerships')}#item-{unanswered.pk}" in links
        assert f"{section_url(draft, 'buy-in')}#item-{first.pk}" in links
        total = Item.objects.filter(is_active=True).count()
        assert f"{total - buy_in} statements are unanswered." in text

    def test_submitting_with_gaps_asks_for_confirmation_first(self, alice_client, draft):
        url = reverse("assessment_review", args=[draft.pk])
        response = alice_client.post(url, {})
        assert "23 statements are unanswered" in page_text(response)
        draft.refresh_from_db()
        assert not draft.is_submitted
        response = alice_client.post(url, {"confirm_incomplete": "on"})
        draft.refresh_from_db()
        assert draft.is_submitted

    def test_a_double_submit_submits_once_and_says_so(self, alice, alice_client, draft):
        answer_all(draft)
        url = reverse("assessment_review", args=[draft.pk])
        alice_client.post(url, {"confirm_incomplete": "on"})
        first = Assessment.objects.get(pk=draft.pk).submitted_at
        response = alice_client.post(url, {"confirm_incomplete": "on"}, follow=True)
        assert "can no longer be changed" in page_text(response)
        assert Assessment.objects.get(pk=draft.pk).submitted_at == first

    def test_a_submitted_assessment_is_read_only_with_a_clear_message(self, alice_client, draft):
        answer_all(draft, value="planned")
        alice_client.post(reverse("assessment_review", args=[draft.pk]), {})
        response = alice_client.post(
            section_url(draft, "buy-in"), section_post("buy-in", value="fully"), follow=True
        )
        assert response.status_code == 200
        assert "was submitted on" in page_text(response)
        assert "can no longer be changed; nothing was saved" in page_text(response)
        assert set(Response.objects.filter(assessment=draft).values_list("value", flat=True)) == {
            "planned"
        }
        page = page_text(alice_client.get(section_url(draft, "buy-in")))
        told = Item.objects.get(slug="buy-in-officers-told-why")
        assert f"Answer: Planned or under discussion {told.anchor_planned}" in page
        response = alice_client.post(
            reverse("assessment_context", args=[draft.pk]),
            {**CONTEXT_ANSWERS, "action": "continue"},
            follow=True,
        )
        assert "can no longer be changed" in page_text(response)
        draft.refresh_from_db()
        assert draft.has_participated == ""

    def test_a_new_assessment_can_start_from_a_copy_of_the_previous_answers(
        self, alice_client, draft
    ):
        Assessment.objects.filter(pk=draft.pk).update(has_participated="yes")
        answer_all(draft, value="largely")
        retired = Item.objects.first()
        retired.is_active = False
        retired.save()
        alice_client.post("/assessments/", {"copy_from": str(draft.pk)})
        copy = Assessment.objects.exclude(pk=draft.pk).get()
        assert copy.has_participated == "yes" and not copy.is_submitted
        assert Response.objects.filter(assessment=copy).count() == 22
        assert not Response.objects.filter(assessment=copy, item=retired).exists()

    def test_copying_from_another_agencys_assessment_is_refused(self, charlie_client, draft):
        response = charlie_client.post("/assessments/", {"copy_from": str(draft.pk)})
        assert response.status_code == 200
        assert "Select a valid choice" in page_text(response)
        assert Assessment.objects.count() == 1


@pytest.mark.django_db
class TestAssessmentLimit:
    def test_an_agency_has_at_most_100_assessments_and_the_list_says_so(
        self, alice, alice_client, springfield
    ):
        Assessment.objects.bulk_create(
            Assessment(agency=springfield, created_by=alice) for _ in range(100)
        )
        response = alice_client.post("/assessments/", {"copy_from": ""})
        assert response.status_code == 200
        assert "Your agency has 100 assessments, the most it can keep" in page_text(response)
        assert Assessment.objects.filter(agency=springfield).count() == 100

    def test_another_agencys_assessments_do_not_count(self, charlie_client, springfield, settings):
        settings.ASSESSMENTS_PER_AGENCY_MAX = 1
        Assessment.objects.create(agency=springfield)
        assert charlie_client.post("/assessments/", {"copy_from": ""}).status_code == 302
        assert "the most it can keep" in page_text(
            charlie_client.post("/assessments/", {"copy_from": ""})
        )
