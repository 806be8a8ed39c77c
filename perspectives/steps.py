"""The invitee questionnaire in steps, one per section, with the answers kept between steps.

Invitees have no account. Their answers so far (a draft) are kept in their session, under a
fingerprint of the link (never the link's secret), and the session lives as long as the link:
a tab closed half-way and opened again the next day, on the same device, finds its answers.
Nothing of the draft reaches the agency: answers are stored for it only when sent, and the
draft is then deleted.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.utils import timezone

from guidance.models import Domain, Item
from perspectives.models import Invitation


@dataclass
class Step:
    number: int  # 1-based
    domain: Domain
    items: list[Item]
    answered: int = 0  # statements the draft answers


def invitee_steps(sections: list[tuple[Domain, list[Item]]]) -> list[Step]:
    return [Step(n, domain, items) for n, (domain, items) in enumerate(sections, start=1)]


def step_chosen(steps: list[Step], asked: str | None) -> Step:
    """The step asked for in the address (``?step=2``); the first on anything else."""
    if asked and asked.isdigit() and 1 <= int(asked) <= len(steps):
        return steps[int(asked) - 1]
    return steps[0]


def _key(token: str) -> str:
    return "invitee-draft:" + hashlib.sha256(token.encode()).hexdigest()[:32]


def draft_read(session, token: str) -> dict:
    """{"answers": {item id (text): [answer, note]}, "share_notes": bool}."""
    return session.get(_key(token)) or {"answers": {}, "share_notes": False}


def draft_save(
    session,
    token: str,
    *,
    invitation: Invitation,
    answers: dict,
    share_notes: bool | None = None,
    keep_expiry: bool = False,
) -> None:
    """Merge one step's answers (``{item id: (answer, note)}``) into the draft. An anonymous
    invitee's session is kept until the end of the link's last day; a logged-in person's
    (``keep_expiry``) keeps its own expiry."""
    draft = draft_read(session, token)
    for item_id, (value, note) in answers.items():
        if value or note:
            draft["answers"][str(item_id)] = [value, note]
        else:
            draft["answers"].pop(str(item_id), None)
    if share_notes is not None:
        draft["share_notes"] = bool(share_notes)
    session[_key(token)] = draft
    if not keep_expiry:
        end = datetime.datetime.combine(
            invitation.expires_on + datetime.timedelta(days=1), datetime.time()
        )
        session.set_expiry(max(timezone.make_aware(end), timezone.now()))


def draft_delete(session, token: str) -> None:
    session.pop(_key(token), None)


def draft_initial(draft: dict) -> dict[str, str]:
    """The draft as a form's initial data."""
    initial = {"share_notes": draft.get("share_notes", False)}
    for item_id, (value, note) in draft["answers"].items():
        initial[f"item-{item_id}"] = value
        initial[f"note-{item_id}"] = note
    return initial


def draft_as_data(draft: dict, **extra) -> dict[str, str]:
    """The draft as posted data, to validate every step together before sending."""
    data = {key: value for key, value in draft_initial(draft).items() if key != "share_notes"}
    data.update(extra)
    return data


def draft_answered(draft: dict, steps: list[Step]) -> list[Step]:
    """The steps, each with how many of its statements the draft answers (the step list
    shows it)."""
    answered = {key for key, (value, _) in draft["answers"].items() if value}
    for step in steps:
        step.answered = sum(1 for item in step.items if str(item.pk) in answered)
    return steps


# How long answering takes, estimated from what there is to read: a reading speed of 200 words
# a minute (slower than most adults read) and 5 seconds to choose each answer, plus the page's
# introduction. The invitation promises "about five minutes"; tests hold every perspective,
# in both languages, to it.
WORDS_PER_MINUTE = 200
SECONDS_PER_ANSWER = 5
INTRODUCTION_WORDS = 150


def minutes_to_answer(statements: list[str]) -> float:
    words = INTRODUCTION_WORDS + sum(len(text.split()) for text in statements)
    return words / WORDS_PER_MINUTE + SECONDS_PER_ANSWER * len(statements) / 60
