"""Every page and document scores an assessment once and reads its answers once.

The results page shows the results, the perspectives beside them, progress since the last
assessment and the peer comparison; the PDFs show the same. Each used to score the assessment
again. Now the view builds the scores once (questionnaire.scored.assessment_scored) and passes
them along: these tests count the scoring runs per assessment, and the reads of the answers.
"""

import inspect
from collections import Counter
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from questionnaire import scored as scored_module
from questionnaire.models import Assessment
from questionnaire.services import assessment_submit
from tests.factories import CONTEXT_ANSWERS, answer_all, ensure_plan, personal_links
from tests.pdf import requires_pdf
from tests.perspectives.test_invitations import submit


class ScoringCounter:
    """Counts runs of scoring, per assessment (read from the caller, assessment_scored)."""

    def __init__(self) -> None:
        self.runs: Counter = Counter()
        self.original = scored_module.score_assessment

    def __call__(self, inputs, domain_ids):
        caller = inspect.currentframe().f_back
        self.runs[caller.f_locals["assessment"].pk] += 1
        return self.original(inputs, domain_ids)


def answer_reads(queries) -> int:
    return sum(1 for q in queries if 'FROM "questionnaire_response"' in q["sql"])


@pytest.fixture
def reassessment(alice, springfield):
    """A submitted baseline, and a draft reassessment with perspectives and a plan."""
    baseline = Assessment.objects.create(
        agency=springfield, created_by=alice, name="Baseline", **CONTEXT_ANSWERS
    )
    answer_all(baseline, "planned")
    assessment_submit(assessment=baseline, user=alice)
    draft = Assessment.objects.create(
        agency=springfield, created_by=alice, name="Review", **CONTEXT_ANSWERS
    )
    answer_all(draft, "partly")
    for token in personal_links(draft, "line_officers", 3):
        submit(token, value="not_in_place", perspective="line_officers")
    ensure_plan(draft)
    return draft


def scoring_of(client, url: str) -> tuple[Counter, int]:
    counter = ScoringCounter()
    with (
        mock.patch.object(scored_module, "score_assessment", counter),
        CaptureQueriesContext(connection) as queries,
    ):
        response = client.get(url)
    assert response.status_code == 200, url
    return counter.runs, answer_reads(queries)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["assessment_results", "assessment_plan", "assessment_section", "assessment_review"]
)
def test_a_page_scores_the_assessment_at_most_once_and_reads_its_answers_once(
    alice_client, reassessment, name
):
    args = [reassessment.pk, "buy-in"] if name == "assessment_section" else [reassessment.pk]
    runs, reads = scoring_of(alice_client, reverse(name, args=args))
    assert runs[reassessment.pk] <= 1
    assert all(n == 1 for n in runs.values()), runs
    assert reads == 1


@pytest.mark.django_db
def test_the_results_page_scores_it_once_and_the_previous_assessment_once(
    alice_client, reassessment
):
    runs, reads = scoring_of(alice_client, reverse("assessment_results", args=[reassessment.pk]))
    baseline = Assessment.objects.get(name="Baseline")
    # Its perspectives, progress since the baseline and the peer comparison share one run.
    assert runs == {reassessment.pk: 1, baseline.pk: 1}
    assert reads == 1  # the baseline's scores come from its snapshot, not its answers


@requires_pdf
@pytest.mark.django_db
@pytest.mark.parametrize("name", ["assessment_plan_pdf", "assessment_brief_pdf"])
def test_each_pdf_scores_the_assessment_once(alice_client, reassessment, name):
    runs, reads = scoring_of(alice_client, reverse(name, args=[reassessment.pk]))
    assert runs[reassessment.pk] == 1
    assert reads == 1


@pytest.mark.django_db
def test_the_home_page_reads_stored_scores_and_scores_nothing(alice_client, reassessment):
    runs, reads = scoring_of(alice_client, reverse("assessment_list"))
    assert runs == {}
    assert reads == 0
