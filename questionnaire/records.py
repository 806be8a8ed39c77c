"""The scores of a submitted assessment, stored as rows when it is submitted.

The scoring snapshot (a JSON document) stays the source of an assessment's results; these rows
repeat what scoring made of it, one per section plus the overall score, and one per rated
statement, so that the database can aggregate across agencies and across reassessments (SQL
over rows, never a loop over assessments in Python). They are written in the same transaction
as the submission and never change afterwards.
"""

from collections.abc import Sequence

from questionnaire.models import Assessment, SubmittedAnswer, SubmittedScore
from questionnaire.scored import ScoredAssessment
from questionnaire.scoring import POINTS, ItemInput, Results, Score, level_for


def _score_row(
    assessment: Assessment, domain_id: int | None, score: Score, latest: bool
) -> SubmittedScore:
    return SubmittedScore(
        assessment=assessment,
        agency_id=assessment.agency_id,
        latest=latest,
        domain_id=domain_id,
        score=score.score,
        level=score.level.key if score.level else "",
        rated=score.rated,
        dont_know=score.dont_know,
        total=score.total,
    )


def submitted_record_rows(
    *, assessment: Assessment, items: Sequence[ItemInput], scored: Results, latest: bool = True
) -> tuple[list[SubmittedScore], list[SubmittedAnswer]]:
    """The rows that record a submitted assessment's scores (unsaved), from what scoring
    read (``items``) and made of it (``scored``); ``latest``: the agency's newest submission."""
    scores = [_score_row(assessment, None, scored.overall, latest)]
    scores += [_score_row(assessment, pk, score, latest) for pk, score in scored.domains.items()]
    gaps = {gap.item_id: gap.kind for gap in scored.gaps}
    answers = [
        SubmittedAnswer(
            assessment=assessment,
            agency_id=assessment.agency_id,
            latest=latest,
            item_id=item.item_id,
            domain_id=item.domain_id,
            suggestion_id=item.suggestion_id,
            weight=item.weight,
            value=item.value,
            points=POINTS.get(item.value),
            gap=gaps.get(item.item_id, ""),
        )
        for item in items
    ]
    return scores, answers


def submitted_record_write(*, scored: ScoredAssessment) -> None:
    """Store the rows of a submission, which becomes its agency's latest: the rows of the one
    before stop counting in peer figures, in the same transaction. The caller holds the
    agency's row lock, so two submissions of one agency are recorded one after the other."""
    agency_id = scored.assessment.agency_id
    SubmittedScore.objects.filter(agency_id=agency_id, latest=True).update(latest=False)
    SubmittedAnswer.objects.filter(agency_id=agency_id, latest=True).update(latest=False)
    scores, answers = submitted_record_rows(
        assessment=scored.assessment, items=scored.inputs, scored=scored.results
    )
    SubmittedScore.objects.bulk_create(scores)
    SubmittedAnswer.objects.bulk_create(answers)


def overall_scores(assessment_ids: Sequence) -> dict:
    """Assessment id -> its overall Score as submitted, read from the stored rows (one query,
    no scoring)."""
    rows = SubmittedScore.objects.filter(assessment_id__in=assessment_ids, domain=None)
    return {
        row.assessment_id: Score(
            row.score, level_for(row.score), row.rated, row.dont_know, row.total
        )
        for row in rows
    }
