"""The questions of the information-sharing guidelines, asked of both sides, and where the two
sides' answers agree. Plain Python: no database, no request.

The report calls information sharing the most contentious part of a CVI that involves law
enforcement and advises agreeing, at the outset, clear guidelines on what information will be
shared and by whom (brief, "Information sharing"; the suggestion to establish these
parameters, pp. 22-23). The questions themselves are this tool's own wording, not the
report's.

An answer of one side agrees with the other's when both are given and read the same once
spaces and letter case are set aside; anything else is a point still to agree. A side that
accepts the other's wording takes it word for word, so agreement never rests on a judgment
of two texts that differ.
"""

import hashlib
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

CHOICE, TEXT, DATE = "choice", "text", "date"


@dataclass(frozen=True)
class Question:
    key: str
    label: str
    help_text: str
    kind: str = TEXT


QUESTIONS = [
    Question(
        "flow",
        _("Which way will information flow?"),
        _(
            "One-way, from the police to the partner; or two-way, with the partner also sharing "
            "information with the police."
        ),
        CHOICE,
    ),
    Question(
        "kinds",
        _("What kinds of information will be shared?"),
        _(
            "For example: general information about ongoing conflicts, without names; or the "
            "names of people at highest risk."
        ),
    ),
    Question(
        "recipients",
        _("Who may receive it, and how is it passed on?"),
        _(
            "Named roles in each organization and the way it travels, e.g. “the outreach "
            "supervisor, by phone”."
        ),
    ),
    Question(
        "protections",
        _("What protects the people named in it, and the partner's standing in the community?"),
        _(
            "For example: what is never passed on or written down, how long it is kept, what the "
            "partner is never asked to do."
        ),
    ),
    Question(
        "disputes",
        _("How are a disagreement or a breach of the guidelines handled?"),
        _(
            "Who talks to whom first, and what happens next, e.g. “the chief and the executive "
            "director meet within a week”."
        ),
    ),
    Question(
        "review_on",
        _("When will the guidelines be reviewed?"),
        _("The day both sides meet to review them, e.g. 2027-12-01."),
        DATE,
    ),
]
QUESTION_KEYS = [question.key for question in QUESTIONS]

AGREED, OPEN, WAITING_AGENCY, WAITING_PARTNER, BLANK = (
    "agreed", "open", "waiting_agency", "waiting_partner", "blank"
)  # fmt: skip


def normalized(value: str) -> str:
    """What agreement compares: the words, with spaces and letter case set aside."""
    return " ".join(value.split()).casefold()


def answer_digest(value: str) -> str:
    """A fingerprint of one answer as a side read it, so that taking the other side's wording
    takes the words that were on the page, not ones changed since."""
    return hashlib.sha256(value.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Comparison:
    """One question with both sides' answers (as stored, "" when not given)."""

    question: Question
    agency: str
    partner: str

    @property
    def state(self) -> str:
        if not self.agency.strip() and not self.partner.strip():
            return BLANK
        if not self.agency.strip():
            return WAITING_AGENCY
        if not self.partner.strip():
            return WAITING_PARTNER
        return AGREED if normalized(self.agency) == normalized(self.partner) else OPEN

    @property
    def agreed(self) -> bool:
        return self.state == AGREED


def compare(agency: dict[str, str], partner: dict[str, str]) -> list[Comparison]:
    """Every question, in order, with where the two sides stand on it."""
    return [
        Comparison(question, agency.get(question.key, ""), partner.get(question.key, ""))
        for question in QUESTIONS
    ]


def still_to_agree(comparisons: list[Comparison]) -> list[Comparison]:
    return [comparison for comparison in comparisons if not comparison.agreed]
