"""The scores of a submitted assessment, stored as rows when it is submitted."""

import pytest

from guidance.models import Item
from questionnaire.models import Assessment, SubmittedAnswer, SubmittedScore
from questionnaire.services import assessment_submit
from tests.factories import answer_all, results_of

pytestmark = pytest.mark.django_db


def test_a_draft_has_no_stored_scores(draft):
    answer_all(draft, value="partly")
    assert not SubmittedScore.objects.filter(assessment=draft).exists()


def test_submitting_stores_the_overall_and_every_section_score_as_results_show_them(draft, alice):
    answer_all(draft, value="partly", **{"culture-hiring-looks-for-community-commitment": "fully"})
    assert assessment_submit(assessment=draft, user=alice)
    results = results_of(draft)
    stored = {s.domain_id: s for s in SubmittedScore.objects.filter(assessment=draft)}
    assert stored[None].score == results.overall.score
    assert stored[None].level == results.overall.level.key
    for row in results.domains:
        score = stored[row.domain.pk]
        assert (score.score, score.level) == (row.score.score, row.score.level.key)
        assert (score.rated, score.dont_know, score.total) == (
            row.score.rated, row.score.dont_know, row.score.total
        )  # fmt: skip
    assert len(stored) == len(results.domains) + 1


def test_submitting_stores_each_statement_with_its_points_and_gap(draft, alice):
    answer_all(draft, value="largely", **{
        "buy-in-promises-kept": "dont_know",
        "buy-in-officers-told-why": "planned",
        "partnerships-regular-contact": "",
    })  # fmt: skip
    assessment_submit(assessment=draft, user=alice)
    answers = {
        a.item.slug: (a.value, a.points, a.gap)
        for a in SubmittedAnswer.objects.filter(assessment=draft).select_related("item")
    }
    assert len(answers) == Item.objects.filter(is_active=True).count()
    assert answers["buy-in-promises-kept"] == ("dont_know", None, "find_out")
    assert answers["buy-in-officers-told-why"] == ("planned", 1, "act")
    assert answers["partnerships-regular-contact"] == ("", None, "")
    assert answers["buy-in-community-told-why-and-how"] == ("largely", 3, "")
    told = SubmittedAnswer.objects.get(
        assessment=draft, item__slug="buy-in-community-told-why-and-how"
    )
    assert told.suggestion_id == told.item.suggestion_id
    assert told.domain_id == told.item.domain_id


def test_a_section_with_nothing_rated_is_stored_without_a_score(draft, alice):
    answer_all(draft, value="partly", **{
        item.slug: "dont_know" for item in Item.objects.filter(domain__slug="buy-in")
    })  # fmt: skip
    assessment_submit(assessment=draft, user=alice)
    buy_in = SubmittedScore.objects.get(assessment=draft, domain__slug="buy-in")
    statements = Item.objects.filter(domain__slug="buy-in", is_active=True).count()
    assert (buy_in.score, buy_in.level, buy_in.dont_know) == (None, "", statements)


def test_submitting_twice_stores_the_scores_once(draft, alice):
    answer_all(draft, value="partly")
    assert assessment_submit(assessment=draft, user=alice)
    assert not assessment_submit(assessment=draft, user=alice)
    assert SubmittedScore.objects.filter(assessment=draft, domain__isnull=True).count() == 1


def test_later_guidance_edits_never_change_stored_scores(draft, alice):
    answer_all(draft, value="partly", **{"culture-hiring-looks-for-community-commitment": "fully"})
    assessment_submit(assessment=draft, user=alice)
    before = list(SubmittedScore.objects.filter(assessment=draft).values_list("score", flat=True))
    item = Item.objects.get(slug="culture-hiring-looks-for-community-commitment")
    item.weight = 5
    item.save()
    after = list(SubmittedScore.objects.filter(assessment=draft).values_list("score", flat=True))
    assert before == after


@pytest.mark.django_db
def test_each_submission_becomes_its_agencys_latest_and_the_one_before_stops_counting(alice):
    first = Assessment.objects.create(agency=alice.agency, created_by=alice)
    answer_all(first, "partly")
    assessment_submit(assessment=first, user=alice)
    second = Assessment.objects.create(agency=alice.agency, created_by=alice)
    answer_all(second, "fully")
    assessment_submit(assessment=second, user=alice)
    for model in (SubmittedScore, SubmittedAnswer):
        latest = model.objects.filter(agency=alice.agency, latest=True)
        assert set(latest.values_list("assessment", flat=True)) == {second.pk}
        assert model.objects.filter(assessment=first, latest=False).exists()
