"""The scores of a submitted assessment, stored as rows when it is submitted.

The scoring snapshot (a JSON document) stays the source of an assessment's results; these rows
repeat what scoring made of it, one per section plus the overall score, and one per rated
statement, so that the database can aggregate across agencies and across reassessments (SQL
over rows, never a loop over assessments in Python). They are written in the same transaction
as the submission and never change afterwards.
"""

from collections.abc import Sequence

from questionnaire.models import Assessment, SubmittedAnswer, SubmittedScore
from questionnaire.scoring import POINTS, ItemInput, Score, score_assessment


def _score_row(assessment: Assessment, domain_id: int | None, score: Score) -> SubmittedScore:
    return SubmittedScore(
        assessment=assessment,
        domain_id=domain_id,
        score=score.score,
        level=score.level.key if score.level else "",
        rated=score.rated,
        dont_know=score.dont_know,
        total=score.total,
    )


def submitted_record_rows(
    *, assessment: Assessment, items: Sequence[ItemInput], domain_ids: Sequence[int]
) -> tuple[list[SubmittedScore], list[SubmittedAnswer]]:
    """The rows that record a submitted assessment's scores (unsaved)."""
    scored = score_assessment(items, domain_ids)
    scores = [_score_row(assessment, None, scored.overall)]
    scores += [_score_row(assessment, pk, score) for pk, score in scored.domains.items()]
    gaps = {gap.item_id: gap.kind for gap in scored.gaps}
    answers = [
        SubmittedAnswer(
            assessment=assessment,
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


def submitted_record_write(
    *, assessment: Assessment, items: Sequence[ItemInput], domain_ids: Sequence[int]
) -> None:
    scores, answers = submitted_record_rows(
        assessment=assessment, items=items, domain_ids=domain_ids
    )
    SubmittedScore.objects.bulk_create(scores)
    SubmittedAnswer.objects.bulk_create(answers)
