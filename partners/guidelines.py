"""The information-sharing guidelines between the agency and one partner: both sides'
positions, where they agree (partners/questions.py), saving one side's answers (a change makes
a new version) and marking a version agreed.

Nothing is written when a page is only read: guidelines nobody has written yet are shown from
unsaved, empty rows.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import get_language, gettext

from accounts.models import User
from guidance.models import Suggestion
from partners.models import (
    GuidelinesApproval,
    GuidelinesPosition,
    SharingGuidelines,
    Side,
)
from partners.questions import CHOICE, DATE, Comparison, Question, compare, still_to_agree
from plans.models import PartnerOrganization

# The report's suggestion the guidelines answer: "Establish parameters ... with whom".
GUIDELINES_SUGGESTION = "establish-information-sharing-parameters"


class GuidelinesError(Exception):
    """A change refused, with the reason in words for whoever asked (in the language of the
    page: the partner's page may be in Spanish)."""


def guidelines_suggestion() -> Suggestion | None:
    """The report's suggestion on information-sharing parameters, for its page reference."""
    return Suggestion.objects.filter(slug=GUIDELINES_SUGGESTION, is_active=True).first()


def day_format() -> str:
    """How a page writes a day in the active language: "December 1, 2027" in English, as every
    English page of the app does; the locale's own way otherwise ("1 de diciembre de 2027")."""
    return "F j, Y" if (get_language() or "en").startswith("en") else "DATE_FORMAT"


def display_answer(question: Question, value: str) -> str:
    """An answer as people read it: the label of a choice, a date written out."""
    if not value:
        return ""
    if question.kind == CHOICE:
        return str(dict(GuidelinesPosition.Flow.choices).get(value, value))
    if question.kind == DATE:
        try:
            return formats.date_format(date.fromisoformat(value), day_format())
        except ValueError:
            return value
    return value


@dataclass
class GuidelinesState:
    """The guidelines as they stand: both sides' positions, per question, and the agreements."""

    partner: PartnerOrganization
    guidelines: SharingGuidelines
    positions: dict[str, GuidelinesPosition]
    comparisons: list[Comparison]
    approvals: list[GuidelinesApproval] = field(default_factory=list)  # newest version first

    @property
    def version(self) -> int:
        return self.guidelines.version

    @property
    def open_points(self) -> list[Comparison]:
        """Every question not yet agreed: different answers, or an answer missing."""
        return still_to_agree(self.comparisons)

    @property
    def can_be_agreed(self) -> bool:
        return self.version > 0 and not self.open_points

    @property
    def current(self) -> dict[str, GuidelinesApproval]:
        """Who agreed the current version, per side."""
        return {a.side: a for a in self.approvals if a.version == self.version}

    @property
    def agreed_by_both(self) -> bool:
        return len(self.current) == 2

    @property
    def last_agreed_version(self) -> int | None:
        """The latest version both sides agreed, if any (it may be older than the current)."""
        sides: dict[int, set[str]] = {}
        for approval in self.approvals:
            sides.setdefault(approval.version, set()).add(approval.side)
        both = [version for version, agreed in sides.items() if len(agreed) == 2]
        return max(both) if both else None

    def rows(self) -> list[dict]:
        """Each question with both answers as people read them, for pages and documents."""
        return [
            {
                "comparison": comparison,
                "question": comparison.question,
                "agency": display_answer(comparison.question, comparison.agency),
                "partner": display_answer(comparison.question, comparison.partner),
                "state": comparison.state,
                "agreed": comparison.agreed,
            }
            for comparison in self.comparisons
        ]


def guidelines_state(partner: PartnerOrganization) -> GuidelinesState:
    """The guidelines with ``partner`` (three queries; nothing saved)."""
    guidelines = SharingGuidelines.objects.filter(partner=partner).first()
    if guidelines is None:
        guidelines = SharingGuidelines(partner=partner)
        positions, approvals = {}, []
    else:
        positions = {p.side: p for p in guidelines.positions.all()}
        approvals = list(guidelines.approvals.all())
    for side in Side.values:
        positions.setdefault(side, GuidelinesPosition(side=side))
    comparisons = compare(positions[Side.AGENCY].answers(), positions[Side.PARTNER].answers())
    return GuidelinesState(partner, guidelines, positions, comparisons, approvals)


def _locked_guidelines(partner: PartnerOrganization) -> SharingGuidelines:
    # The partner's row is locked first, so that two first saves cannot both create the row.
    PartnerOrganization.objects.select_for_update().filter(pk=partner.pk).first()
    guidelines, _ = SharingGuidelines.objects.get_or_create(partner=partner)
    return SharingGuidelines.objects.select_for_update().get(pk=guidelines.pk)


@transaction.atomic
def guidelines_position_save(
    *, partner: PartnerOrganization, side: str, answers: dict[str, str], by: str
) -> bool:
    """Save one side's answers (as partners/questions.py keys them, dates as 2027-12-01).
    A change makes a new version, which ends any agreement to the one before. Returns False
    when nothing changed (and then nothing is saved)."""
    guidelines = _locked_guidelines(partner)
    position, _ = GuidelinesPosition.objects.get_or_create(guidelines=guidelines, side=side)
    if position.answers() == answers:
        return False
    for key, value in answers.items():
        if key == "review_on":
            position.review_on = date.fromisoformat(value) if value else None
        else:
            setattr(position, key, value)
    position.updated_by = by
    position.full_clean()
    position.save()
    guidelines.version += 1
    guidelines.version_started_at = timezone.now()
    guidelines.save(update_fields=["version", "version_started_at"])
    return True


@transaction.atomic
def guidelines_agree(
    *,
    partner: PartnerOrganization,
    side: str,
    version: int,
    name: str,
    role: str = "",
    user: User | None = None,
) -> GuidelinesApproval:
    """Mark ``version`` agreed on one side. Refused (GuidelinesError) if the guidelines have
    changed since that version was read, or if any question is still to agree. Safe to
    repeat: the same side agrees a version once."""
    guidelines = _locked_guidelines(partner)
    if guidelines.version != version:
        raise GuidelinesError(
            gettext(
                "The guidelines changed after you read them: they are now version "
                "%(version)s. Read them again before agreeing."
            )
            % {"version": guidelines.version}
        )
    state = guidelines_state(partner)
    if not state.can_be_agreed:
        raise GuidelinesError(
            gettext(
                "Every question needs the same answer from both sides before a version can be "
                "agreed; %(count)s still to agree."
            )
            % {"count": len(state.open_points)}
        )
    approval, _ = GuidelinesApproval.objects.get_or_create(
        guidelines=guidelines,
        side=side,
        version=version,
        defaults={"name": name, "role": role, "user": user},
    )
    return approval
