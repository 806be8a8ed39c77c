"""An agency's assessments and answers as CSV and JSON (for its own records and analysis)."""

import csv
import io
import json

from django.utils import timezone

from guidance.models import Item
from questionnaire.models import CONTEXT_FIELDS, Assessment, Response, answer_label
from questionnaire.perspective_scoring import SELF
from questionnaire.perspectives import perspective_results

HEADER = [
    "assessment_id",
    "started",
    "status",
    "submitted",
    "section",
    "statement",
    "report_suggestion",
    "report_pages",
    "answer",
    "answer_code",
    "note",
]


def _when(value) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else ""


def _context(assessment: Assessment) -> list[dict]:
    rows = []
    for name in CONTEXT_FIELDS:
        value = getattr(assessment, name)
        code = "; ".join(value) if isinstance(value, list) else "" if value is None else str(value)
        rows.append(
            {
                "question": str(Assessment._meta.get_field(name).verbose_name),
                "answer": assessment.context_answer(name),
                "code": code,
            }
        )
    return rows


def _perspectives(assessment: Assessment) -> list[dict]:
    """Combined scores of the perspectives shown (never one below the minimum of answers)."""
    results = perspective_results(assessment)
    if results is None:
        return []
    items = Item.objects.select_related("suggestion").in_bulk(
        {item_id for column in results.columns for item_id in column.items}
    )
    domains = {domain.pk: domain.title for domain, _, _ in results.domains}
    return [
        {
            "perspective": column.label,
            "respondents": column.respondents,
            "domains": [
                {"section": domains[pk], "score": round(score, 1)}
                for pk, score in column.domains.items()
                if pk in domains and score is not None
            ],
            "items": [
                {
                    "statement": items[pk].text,
                    "report_suggestion": items[pk].suggestion.title,
                    "report_pages": items[pk].suggestion.pages,
                    "score": round(score, 1),
                }
                for pk, score in column.items.items()
                if pk in items and score is not None
            ],
        }
        for column in results.columns
        if column.key != SELF
    ]


def agency_export(assessments: list[Assessment]) -> list[dict]:
    """Every assessment with its context answers and its answers to rated items."""
    responses = Response.objects.filter(assessment__in=assessments).order_by("pk")
    items = Item.objects.select_related("domain", "suggestion").in_bulk(
        {r.item_id for r in responses}
    )
    answers: dict = {}
    for response in responses:
        item = items[response.item_id]
        answers.setdefault(response.assessment_id, []).append(
            {
                "section": item.domain.title,
                "statement": item.text,
                "report_suggestion": item.suggestion.title,
                "report_pages": item.suggestion.pages,
                "answer": answer_label(response.value),
                "answer_code": response.value,
                "note": response.note,
                "_order": (item.domain.order, item.order, item.pk),
            }
        )
    export = []
    for assessment in assessments:
        rows = sorted(answers.get(assessment.pk, []), key=lambda row: row.pop("_order"))
        export.append(
            {
                "assessment_id": str(assessment.pk),
                "agency": assessment.agency.name,
                "started": _when(assessment.created_at),
                "status": assessment.status,
                "submitted": _when(assessment.submitted_at),
                "agency_context": _context(assessment),
                "answers": rows,
                "perspectives": _perspectives(assessment),
            }
        )
    return export


def export_json(assessments: list[Assessment]) -> str:
    return json.dumps({"assessments": agency_export(assessments)}, indent=2, ensure_ascii=False)


def _cell(value) -> str:
    """Keep spreadsheets from running user text as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def export_csv(assessments: list[Assessment]) -> str:
    """One row per answer: the agency-context questions first, then the rated items."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for entry in agency_export(assessments):
        common = [entry["assessment_id"], entry["started"], entry["status"], entry["submitted"]]
        for context in entry["agency_context"]:
            row = ["Agency context", context["question"], "", "", context["answer"],
                   context["code"], ""]  # fmt: skip
            writer.writerow([*common, *map(_cell, row)])
        for answer in entry["answers"]:
            writer.writerow([*common, *(_cell(answer[key]) for key in HEADER[4:])])
        for group in entry["perspectives"]:
            section = f"{group['perspective']} ({group['respondents']} answers, combined score)"
            for item in group["items"]:
                score = f"{item['score']:.0f} of 100"
                row = [section, item["statement"], item["report_suggestion"],
                       item["report_pages"], score, item["score"], ""]  # fmt: skip
                writer.writerow([*common, *map(_cell, row)])
    return out.getvalue()
