"""The results page: scores, gaps mapped to the report, benchmarks, notes."""

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from accounts.models import Agency
from guidance.models import ExamplePractice, Item, Suggestion
from questionnaire.models import Assessment, Response
from questionnaire.services import assessment_submit
from tests.factories import answer_all, answer_by_suggestion, results_of
from tests.html import outline, page_text


def edit(obj, **changes) -> None:
    """Change guidance as the admin does (save() records history, which the cache follows)."""
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.save()


def results_url(assessment):
    return reverse("assessment_results", args=[assessment.pk])


@pytest.mark.django_db
class TestResultsPage:
    def test_a_draft_shows_provisional_results(self, alice_client, draft):
        answer_all(draft, value="partly")
        text = page_text(alice_client.get(results_url(draft)))
        assert "Provisional results: Springfield Police Department" in text
        assert "Provisional: still a draft" in text

    def test_scores_and_levels_are_in_a_table_and_a_described_chart(self, alice_client, draft):
        answer_all(draft, value="partly", **{
            "culture-hiring-looks-for-community-commitment": "fully",
            "culture-promotion-weighs-community-relationships": "fully",
        })  # fmt: skip
        response = alice_client.get(results_url(draft))
        text = page_text(response)
        assert "Organizational culture 75 Established 4 of 4 0" in text
        assert "Implementation 50 Developing 5 of 5 0" in text
        assert "Overall 55 Developing 23 of 23 0" in text
        svg = outline(response).find_all("svg", role="img")
        assert svg and svg[0]["aria-labelledby"] == "chart-title chart-desc"
        assert "Organizational culture: 75 (Established)." in text

    def test_each_gap_shows_its_suggestion_page_reference_example_and_resources(
        self, alice_client, draft
    ):
        answer_all(
            draft,
            value="fully",
            **{"implementation-works-with-experienced-organization": "planned"},
        )
        text = page_text(alice_client.get(results_url(draft)))
        assert "Partner with experienced organizations from the start" in text
        assert "Report, pp. 14-15" in text
        assert "First step" in text
        assert "National Institute for Criminal Justice Reform provide training" in text
        assert "National Network for Safe Communities (John Jay College)" in text

    def test_the_page_leads_with_three_priorities_and_why_each_is_there(self, alice_client, draft):
        answer_by_suggestion(draft, "fully", **{
            "conduct-a-capacity-assessment": "partly",
            "hire-and-promote-for-community": "not_in_place",
            "deliver-on-promises": "planned",
            "support-the-service-arm": "partly",
        })  # fmt: skip
        draft.actions.create(
            source="gaps",
            suggestion=Suggestion.objects.get(slug="hire-and-promote-for-community"),
            title="Add community work to the promotion board's criteria",
            owner="Deputy Chief Ortiz",
            timeframe="60",
            timeframe_set_on=timezone.localdate(),
        )
        page = outline(alice_client.get(results_url(draft)))
        start = page.text.split("Start here", 1)[1].split("On this page", 1)[0]
        assert (
            start.index("Assess the agency's capacity")
            < start.index("promotion board")
            < (start.index("Deliver on the promises"))
        )
        assert "Support the service arm" not in start
        assert "Why: First step." in start and "Why: Largest shortfall." in start
        # Each reason is explained once, under the three, whichever priorities it applies to.
        assert start.count("the report advises taking it at the outset") == 1
        assert start.count("furthest from “largely in place”") == 1
        assert "Owner: Deputy Chief Ortiz · Due" in start
        assert "No owner yet" in start

    def test_foundational_gaps_are_listed_first(self, alice_client, draft):
        answer_all(draft, value="largely", **{
            "culture-hiring-looks-for-community-commitment": "not_in_place",
            "information-sharing-guidelines-agreed": "partly",
        })  # fmt: skip
        headings = [
            h for tag, h in outline(alice_client.get(results_url(draft))).headings if tag == "h3"
        ]
        assert headings.index("Agree what information will be shared, and with whom") < (
            headings.index("Hire and promote people who are committed to the community")
        )

    def test_information_sharing_guidance_is_prominent_when_it_has_gaps(self, alice_client, draft):
        answer_all(draft, value="fully")
        assert "Information sharing: the report's advice" not in page_text(
            alice_client.get(results_url(draft))
        )
        answer_all(
            draft, value="fully", **{"information-sharing-guidelines-agreed-at-outset": "dont_know"}
        )
        text = page_text(alice_client.get(results_url(draft)))
        assert "Information sharing: the report's advice" in text
        assert "Find out" in text

    def test_strengths_and_notes_are_shown(self, alice_client, draft):
        answer_all(draft, value="partly", **{"buy-in-promises-kept": "fully"})
        item = Item.objects.get(slug="buy-in-officers-told-why")
        Response.objects.filter(assessment=draft, item=item).update(note="Roll-call briefings")
        text = page_text(alice_client.get(results_url(draft)))
        strengths = text.split("Strengths", 2)[2].split("Your agency beside")[0]
        assert "We deliver on the promises we make to the community" in strengths
        assert "Your note: Roll-call briefings" in text
        assert f"{item.text} Roll-call briefings" in text

    def test_benchmarks_sit_beside_the_agencys_own_answers(self, alice_client, draft):
        Assessment.objects.filter(pk=draft.pk).update(
            has_participated="yes",
            participation_start_year=2021,
            community_shares_responsibility="yes",
            preferred_role="support",
        )
        text = page_text(alice_client.get(results_url(draft)))
        assert (
            "85% of the agencies that answered PERF's 2023 survey believe the community "
            "shares responsibility for addressing violence. You answered: Yes."
        ) in text
        assert (
            "Nearly half of the surveyed agencies have taken part in a CVI. You answered: Yes."
            in text
        )
        assert "Your agency's participation began in 2021." in text
        assert (
            "13% of the agencies without CVI experience said they would not take part in "
            "one. Not applicable"
        ) in text

    def test_user_text_is_escaped(self, alice_client, draft):
        Agency.objects.filter(pk=draft.agency_id).update(name="<script>alert(1)</script> PD")
        answer_all(draft, value="planned")
        Response.objects.filter(assessment=draft).update(note="<b>bold</b>")
        html = alice_client.get(results_url(draft)).content.decode()
        assert "<script>alert(1)</script>" not in html and "<b>bold</b>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt; PD" in html


def examples_by_gap(html: str) -> dict[str, list[tuple[str, str]]]:
    """{gap's suggestion title: [(heading above the example, example text)]} of a results page."""
    found = {}
    for segment in html.split('<li class="gap">')[1:]:
        segment = segment.split("</ol>", 1)[0]  # the last gap ends with the list
        title = re.search(r"<h3[^>]*>(.*?)</h3>", segment).group(1)
        heading, shown = "", []
        for match in re.finditer(r'<h4[^>]*>(.*?)</h4>|<p class="example">(.*?)</p>', segment):
            if match.group(1):
                heading = match.group(1)
            else:
                text = match.group(2).split("<span", 1)[0]  # without the page reference
                shown.append((heading, unescape(text).strip()))
        found[unescape(title)] = shown
    return found


@pytest.mark.django_db
class TestExamplesBesideGaps:
    def test_a_gap_shows_the_examples_tied_to_its_suggestion_as_what_others_did(
        self, alice_client, draft
    ):
        answer_all(draft, value="fully", **{"implementation-capacity-assessed": "planned"})
        shown = examples_by_gap(alice_client.get(results_url(draft)).content.decode())
        capacity = "Assess the agency's capacity before agreeing to the work"
        example = ExamplePractice.objects.get(
            slug="implementation-training-and-technical-assistance"
        )
        assert shown == {capacity: [("What other agencies have done", example.text)]}

    def test_otherwise_a_gap_shows_its_domains_examples_as_from_the_same_part_of_the_report(
        self, alice_client, draft
    ):
        answer_all(draft, value="fully", **{"information-sharing-guidelines-agreed": "partly"})
        html = alice_client.get(results_url(draft)).content.decode()
        harm = ExamplePractice.objects.get(slug="partnerships-acknowledge-past-harm")
        assert examples_by_gap(html) == {
            "Agree what information will be shared, and with whom": [
                ("From the same part of the report", harm.text)
            ]
        }
        summary = html.split('<details class="gap__more">', 1)[1].split("</summary>", 1)[0]
        assert "what the report advises" in summary
        assert "what other agencies have done" not in summary

    def test_every_example_shown_on_a_gap_is_tied_to_it_or_labeled_as_from_the_same_part(
        self, alice_client, draft
    ):
        answer_all(draft, value="not_in_place")
        shown = examples_by_gap(alice_client.get(results_url(draft)).content.decode())
        examples = ExamplePractice.objects.prefetch_related("suggestions")
        suggestions = {s.title: s for s in Suggestion.objects.filter(is_active=True)}
        assert set(shown) == set(suggestions)  # every suggestion has a gap on this page
        for title, pairs in shown.items():
            suggestion = suggestions[title]
            tied = {e.text for e in examples if suggestion in e.suggestions.all()}
            same_part = {e.text for e in examples if e.domain_id == suggestion.domain_id}
            assert pairs, title  # every domain of the report has an example
            for heading, text in pairs:
                if heading == "What other agencies have done":
                    assert text in tied, (title, text)
                else:
                    assert heading == "From the same part of the report", (title, text)
                    assert text in same_part - tied and not tied, (title, text)


@pytest.mark.django_db
class TestSubmittedResultsAreFrozen:
    def test_editing_a_weight_after_submission_leaves_the_results_unchanged(
        self, alice, alice_client, draft
    ):
        answer_all(
            draft, value="partly", **{"culture-hiring-looks-for-community-commitment": "fully"}
        )
        assert assessment_submit(assessment=draft, user=alice)
        draft.refresh_from_db()
        before = results_of(draft)
        page_before = page_text(alice_client.get(results_url(draft)))
        edit(Item.objects.get(slug="culture-hiring-looks-for-community-commitment"), weight=5)
        for suggestion in Suggestion.objects.all():
            edit(suggestion, is_foundational=False)
        edit(Item.objects.get(slug="buy-in-promises-kept"), is_active=False)
        after = results_of(draft)
        assert after.overall == before.overall
        assert [d.score for d in after.domains] == [d.score for d in before.domains]
        assert [g.group for g in after.suggestions] == [g.group for g in before.suggestions]
        assert page_text(alice_client.get(results_url(draft))) == page_before

    def test_a_draft_follows_the_current_weights(self, draft):
        answer_all(
            draft, value="partly", **{"culture-hiring-looks-for-community-commitment": "fully"}
        )
        before = results_of(draft).domains[0].score.score
        edit(Item.objects.get(slug="culture-hiring-looks-for-community-commitment"), weight=5)
        assert results_of(draft).domains[0].score.score > before


ANSWERS = st.sampled_from(
    ["", "not_in_place", "planned", "partly", "largely", "fully", "dont_know"]
)


class TestEveryGapMapsToAPagedSuggestion(HypothesisTestCase):
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(ANSWERS, min_size=23, max_size=23), st.booleans())
    def test_every_gap_maps_to_an_active_or_retired_suggestion_with_a_page(self, values, retire):
        agency = Agency.objects.create(
            name="A",
            slug="a",
            agency_type="municipal",
            sworn_officers="1-24",
            state="IL",
            population_served="<25k",
        )
        assessment = Assessment.objects.create(agency=agency)
        active = Item.objects.filter(is_active=True).order_by("pk")
        for item, value in zip(active, values, strict=True):
            if value:
                Response.objects.create(assessment=assessment, item=item, value=value)
        if retire:
            Suggestion.objects.filter(slug="support-the-service-arm").update(is_active=False)
        results = results_of(assessment)
        expected = sum(1 for v in values if v in {"not_in_place", "planned", "partly", "dont_know"})
        assert results.gap_count == expected
        assert sum(len(entry.statements) for entry in results.suggestions) == expected
        for entry in results.suggestions:
            assert entry.suggestion.pages.startswith("p")
            assert {s.item.suggestion_id for s in entry.statements} == {entry.suggestion.pk}


@pytest.mark.django_db
class TestResultsFollowEveryChange:
    """The results body is kept in the cache; every change must still show at once."""

    def test_a_saved_answer_shows_on_the_next_visit(self, alice_client, draft):
        from tests.factories import section_post, section_url

        url = results_url(draft)
        alice_client.post(section_url(draft, "buy-in"), section_post("buy-in", value="fully"))
        assert "Buy-in 100 Sustaining" in page_text(alice_client.get(url))
        alice_client.post(section_url(draft, "buy-in"), section_post("buy-in", value="planned"))
        assert "Buy-in 25 Getting started" in page_text(alice_client.get(url))

    def test_an_editors_change_to_a_suggestion_shows_on_the_next_visit(self, alice_client, draft):
        answer_all(draft, value="planned")
        assert "Support the service arm of the CVI" in page_text(
            alice_client.get(results_url(draft))
        )
        edit(Suggestion.objects.get(slug="support-the-service-arm"), title="Back the providers")
        text = page_text(alice_client.get(results_url(draft)))
        assert "Back the providers" in text and "Support the service arm of the CVI" not in text

    def test_the_owner_and_a_member_each_see_their_own_version(self, alice, bob, draft):
        from tests.conftest import client_for

        assert "invite them to answer" in page_text(client_for(alice).get(results_url(draft)))
        member_view = page_text(client_for(bob).get(results_url(draft)))
        assert "your agency's owner can invite them" in member_view


@pytest.mark.django_db
def test_renaming_the_agency_shows_on_the_results_at_once(alice_client, draft):

    alice_client.get(results_url(draft))
    agency = Agency.objects.get(pk=draft.agency_id)
    agency.name = "Springfield City Police"
    agency.save()  # as the account page saves it
    assert "Provisional results: Springfield City Police" in page_text(
        alice_client.get(results_url(draft))
    )
