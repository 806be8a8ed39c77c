"""An assessment's answers as scoring reads them: frozen at submission, live for a draft."""

from questionnaire.models import Assessment, Response
from questionnaire.scoring import ItemInput, inputs_from_snapshot
from questionnaire.sections import questionnaire_sections


def scoring_inputs(assessment: Assessment) -> tuple[list[ItemInput], list[int]]:
    """What scoring needs: frozen at submission, or live from the guidance for a draft."""
    if assessment.scoring_snapshot:
        return inputs_from_snapshot(assessment.scoring_snapshot)
    sections = [s for s in questionnaire_sections() if not s.is_context]
    values = dict(Response.objects.filter(assessment=assessment).values_list("item_id", "value"))
    items = [
        ItemInput(
            item_id=item.pk,
            domain_id=item.domain_id,
            suggestion_id=item.suggestion_id,
            weight=item.weight,
            foundational=item.suggestion.is_foundational,
            value=values.get(item.pk, ""),
        )
        for section in sections
        for item in section.items
    ]
    return items, [section.domain.pk for section in sections]
