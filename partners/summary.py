"""What community partners said about the agency's readiness, as the partner's page shows it.

Only what ``perspectives.results.perspective_results`` releases is shown (it decides what the
confidentiality rules let out: whole batches of answers, a minimum per group), and of that
only the community-partner groups' scores per domain: not the agency's own scores, not the
other groups', not the notes (invitees shared those with the agency, not with its partners).
"""

from dataclasses import dataclass

from django.utils.text import capfirst
from django.utils.translation import gettext

from accounts.models import Agency
from guidance.models import COMMUNITY_PARTNERS
from guidance.selectors import guidance_domains
from perspectives.forms import INVITEE_GROUPS
from perspectives.results import perspective_results
from questionnaire.models import Assessment
from questionnaire.scored import assessment_scored


@dataclass
class PartnersSaid:
    submitted_at: object  # when the assessment they answered about was submitted
    groups: list[str]  # the community-partner groups shown, in the page's language
    rows: list[tuple[str, list[float | None]]]  # (domain title, a score per group)
    awaiting: list[str]  # groups invited with too few answers to show yet


def partners_said(agency: Agency) -> PartnersSaid | None:
    """The community partners' results on the agency's latest submitted assessment; None if
    it has none or invited no community partner."""
    assessment = (
        Assessment.objects.filter(agency=agency, status=Assessment.Status.SUBMITTED)
        .order_by("-submitted_at")
        .first()
    )
    if assessment is None:
        return None
    domains = guidance_domains()
    results = perspective_results(
        assessment_scored(assessment, domains=domains, notes=False), domains=domains
    )
    if results is None:
        return None
    shown = [n for n, column in enumerate(results.columns) if column.key in COMMUNITY_PARTNERS]
    awaiting = [
        capfirst(str(INVITEE_GROUPS[key]))
        for key in results.awaiting
        if key in COMMUNITY_PARTNERS
    ]
    if not shown and not awaiting:
        return None
    return PartnersSaid(
        submitted_at=assessment.submitted_at,
        groups=[capfirst(str(INVITEE_GROUPS[results.columns[n].key])) for n in shown],
        rows=[
            (gettext(domain.title), [scores[n] for n in shown])
            for domain, scores, _flagged in results.domains
        ]
        if shown
        else [],
        awaiting=awaiting,
    )
