"""The guidance as a submitted assessment showed it: a record.

An editor may later rewrite a statement or correct a page reference (p. 15 becomes pp. 15-16).
A submitted assessment's scores never change (the scoring snapshot); neither should what its
results and PDFs say of the guidance. At submission, in the same transaction, the wording the
results show is stored with the assessment (``guidance_shown_record``): domain titles,
suggestions with their explanation and pages, statements, example practices. Reading it back
(``ShownGuidance``) gives the objects as they were, and a line for each thing that has changed
since, so the record can say so.
"""

import copy
from dataclasses import dataclass, field

from guidance.models import Domain, ExamplePractice, Item, Suggestion, page_reference

VERSION = 1


def guidance_shown_record() -> dict:
    """The guidance's wording and page references as they are now (four queries)."""
    return {
        "version": VERSION,
        "domains": {str(d.pk): {"title": d.title} for d in Domain.objects.all()},
        "suggestions": {
            str(s.pk): {
                "title": s.title,
                "explanation": s.explanation,
                "page_start": s.page_start,
                "page_end": s.page_end,
            }
            for s in Suggestion.objects.all()
        },
        "items": {str(i.pk): {"text": i.text} for i in Item.objects.all()},
        "examples": {
            str(e.pk): {"text": e.text, "page": e.page} for e in ExamplePractice.objects.all()
        },
    }


@dataclass
class ShownGuidance:
    """A submitted assessment's record of the guidance; empty (changes nothing) for a draft
    or for an assessment submitted before records were kept."""

    record: dict
    changes: list[str] = field(default_factory=list)  # what has changed since, in words
    _seen: set = field(default_factory=set)

    def _frozen(self, kind: str, obj, describe):
        """``obj`` as it was at submission (a copy; the original is left alone), noting once
        what has changed since."""
        if obj is None:
            return obj
        was = self.record.get(kind, {}).get(str(obj.pk))
        if not was:
            return obj
        differs = {name: value for name, value in was.items() if getattr(obj, name) != value}
        if not differs:
            return obj
        if (kind, obj.pk) not in self._seen:
            self._seen.add((kind, obj.pk))
            self.changes.append(describe(obj, was, differs))
        shown = copy.copy(obj)
        for name, value in was.items():
            setattr(shown, name, value)
        return shown

    def domain(self, domain: Domain) -> Domain:
        return self._frozen(
            "domains",
            domain,
            lambda now, was, _: f"The domain “{was['title']}” is now “{now.title}”.",
        )

    def suggestion(self, suggestion: Suggestion | None) -> Suggestion | None:
        def describe(now, was, differs) -> str:
            then = f"“{was['title']}”"
            parts = []
            if {"page_start", "page_end"} & set(differs):
                old = page_reference(was["page_start"], was["page_end"]) or "no page"
                parts.append(f"its page reference is now {now.pages or 'none'} (was {old})")
            if "title" in differs:
                parts.append(f"it is now worded “{now.title}”")
            if "explanation" in differs:
                parts.append("its explanation was rewritten")
            return f"The report suggestion {then}: {'; '.join(parts)}."

        return self._frozen("suggestions", suggestion, describe)

    def item(self, item: Item) -> Item:
        return self._frozen(
            "items", item, lambda now, was, _: f"The statement “{was['text']}” has been reworded."
        )

    def example(self, example: ExamplePractice) -> ExamplePractice:
        def describe(now, was, differs) -> str:
            if "page" in differs:
                old = page_reference(was["page"], None) or "no page"
                now_pages = now.pages or "none"
                return f"An example practice's page reference is now {now_pages} (was {old})."
            return "An example practice has been reworded."

        return self._frozen("examples", example, describe)


def shown_guidance(assessment) -> ShownGuidance:
    return ShownGuidance(record=assessment.guidance_shown or {})
