"""An agency's assessments, answers, scores and plans as CSV and JSON (for its own records
and analysis)."""

import io
import json
import zipfile

from django.utils import timezone

from cvi_assess.spreadsheets import csv_bytes, workbook_bytes
from guidance.models import Domain, Item
from guidance.selectors import guidance_domains
from perspectives.results import perspective_results
from perspectives.scoring import SELF
from plans.models import ActionItem, Evidence, InformationSharingWorksheet, PlanNeed
from plans.services import OWNERS
from questionnaire.models import CONTEXT_FIELDS, Assessment, Response, answer_label
from questionnaire.scored import ScoredAssessment, assessment_scored

WORKSHEET_FIELDS = ["flow", "information_kinds", "recipients", "protections", "sign_off"]


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


def _perspectives(scored: ScoredAssessment, domains: list[Domain]) -> list[dict]:
    """The perspectives shown, as released with differential privacy: approximate counts,
    domain scores and, with enough answers, statement scores (docs/privacy.md)."""
    all_domains = domains
    results = perspective_results(scored, domains=domains)
    if results is None:
        return []
    items = Item.objects.select_related("suggestion").in_bulk(
        {item_id for column in results.columns for item_id in column.items}
    )
    domains = {domain.pk: domain.title for domain, _, _ in results.domains}
    sections = {domain.pk: domain.title for domain in all_domains}
    return [
        {
            "perspective": column.label,
            # Estimates released with differential privacy (docs/privacy.md), never exact.
            "respondents": column.respondents,
            "answers": column.answers,
            "margin": column.margin,
            "domains": [
                {"section": domains[pk], "score": round(score, 1)}
                for pk, score in column.domains.items()
                if pk in domains and score is not None
            ],
            "items": [
                {
                    "section": sections.get(items[pk].domain_id, ""),
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


def _scores(scored: ScoredAssessment, domains: list[Domain]) -> dict:
    """Per domain and overall, as submitted (from the frozen snapshot) or live for a draft."""
    results = scored.results
    titles = {domain.pk: domain.title for domain in domains}

    def entry(score) -> dict:
        return {
            "score": score.score,
            "level": score.level.label if score.level else "",
            "rated": score.rated,
            "dont_know": score.dont_know,
            "total": score.total,
        }

    return {
        "overall": entry(results.overall),
        "domains": [
            {"section": titles.get(pk, str(pk)), **entry(score)}
            for pk, score in results.domains.items()
        ],
    }


def _plan(assessment: Assessment, actions: list[ActionItem]) -> list[dict]:
    return [
        {
            "order": n,
            "action": action.title,
            "source": action.get_source_display(),
            "report_suggestion": action.suggestion.title if action.suggestion else "",
            "report_pages": action.suggestion.pages if action.suggestion else "",
            "owner": action.owner_label,
            "partner": action.partner_label,
            "timeframe": action.get_timeframe_display(),
            "target_date": action.target_date.isoformat() if action.target_date else "",
            "timeframe_chosen_on": action.timeframe_set_on.isoformat()
            if action.timeframe_set_on
            else "",
            "due_date": action.due_date.isoformat() if action.due_date else "",
            "overdue": "yes" if action.is_overdue else "",
            "status": action.get_status_display(),
            "status_code": action.status,
            "notes": action.notes,
        }
        for n, action in enumerate(actions, start=1)
    ]


def _worksheet(worksheet: InformationSharingWorksheet | None) -> list[dict]:
    if worksheet is None:
        return []
    return [
        {
            "question": str(InformationSharingWorksheet._meta.get_field(name).verbose_name),
            "answer": worksheet.get_flow_display() if name == "flow" else getattr(worksheet, name),
        }
        for name in WORKSHEET_FIELDS
    ]


def agency_export(assessments: list[Assessment]) -> list[dict]:
    """Every assessment with its context answers, its answers to rated items, its scores, its
    plan and worksheet, and the perspectives shown."""
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
    actions: dict = {}
    for action in ActionItem.objects.filter(assessment__in=assessments).select_related(
        "suggestion", *OWNERS
    ):
        actions.setdefault(action.assessment_id, []).append(action)
    # Evidence files, listed: what each is attached to, never the file itself.
    evidence: dict = {}
    for file in Evidence.objects.filter(assessment__in=assessments).select_related(
        "action", "item", "uploaded_by"
    ):
        evidence.setdefault(file.assessment_id, []).append(
            {
                "file": file.name,
                "type": file.get_kind_display(),
                "size_bytes": file.size,
                "attached_to": "action" if file.action_id else "statement",
                "action": file.action.title if file.action_id else "",
                "statement": file.item.text if file.item_id else "",
                "uploaded": _when(file.uploaded_at),
                "uploaded_by": file.uploaded_by.full_name if file.uploaded_by else "",
            }
        )
    needs: dict = {}
    for need in PlanNeed.objects.filter(assessment__in=assessments):
        needs.setdefault(need.assessment_id, []).append(
            {"position": need.position, "need": need.text}
        )
    worksheets = {
        w.assessment_id: w
        for w in InformationSharingWorksheet.objects.filter(assessment__in=assessments)
    }
    domains = guidance_domains()
    export = []
    for assessment in assessments:
        scored = assessment_scored(assessment, notes=False)
        rows = sorted(answers.get(assessment.pk, []), key=lambda row: row.pop("_order"))
        export.append(
            {
                "assessment_id": str(assessment.pk),
                "assessment_name": assessment.display_name,
                "agency": assessment.agency.name,
                "started": _when(assessment.created_at),
                "status": assessment.status,
                "submitted": _when(assessment.submitted_at),
                "agency_context": _context(assessment),
                "answers": rows,
                "scores": _scores(scored, domains),
                "plan": _plan(assessment, actions.get(assessment.pk, [])),
                "needs": needs.get(assessment.pk, []),
                "worksheet": _worksheet(worksheets.get(assessment.pk)),
                "perspectives": _perspectives(scored, domains),
                "evidence": evidence.get(assessment.pk, []),
            }
        )
    return export


def export_json(assessments: list[Assessment]) -> str:
    return json.dumps({"assessments": agency_export(assessments)}, indent=2, ensure_ascii=False)


# The tables of the workbook and of the CSV files in the zip: fixed columns, documented in the
# README ("Export columns"). Every row starts with the assessment it belongs to.
KEY = ["assessment_id", "assessment_name"]
TABLES = {
    "assessments": KEY + [
        "agency", "status", "started", "submitted", "overall_score", "overall_level", "rated",
        "dont_know", "total",
    ],
    "scores": KEY + ["section", "score", "level", "rated", "dont_know", "total"],
    "context": KEY + ["question", "answer", "answer_code"],
    "answers": KEY + [
        "section", "statement", "report_suggestion", "report_pages", "answer", "answer_code",
        "note",
    ],
    "actions": KEY + [
        "order", "action", "source", "report_suggestion", "report_pages", "owner", "partner",
        "timeframe", "timeframe_chosen_on", "target_date", "due_date", "overdue", "status",
        "status_code", "notes",
    ],
    "needs": KEY + ["position", "need"],
    "worksheet": KEY + ["question", "answer"],
    "perspectives": KEY + [
        "perspective", "respondents", "margin", "section", "statement", "report_suggestion",
        "report_pages", "score",
    ],
    "evidence": KEY + [
        "file", "type", "size_bytes", "attached_to", "action", "statement", "uploaded",
        "uploaded_by",
    ],
}  # fmt: skip


def _table_rows(entry: dict) -> dict[str, list[dict]]:
    """One assessment's rows of every table, as dicts keyed by the tables' columns."""
    key = {"assessment_id": entry["assessment_id"], "assessment_name": entry["assessment_name"]}
    overall = entry["scores"]["overall"]
    scores = [("Overall", overall)] + [(d["section"], d) for d in entry["scores"]["domains"]]
    perspective_rows = []
    for group in entry["perspectives"]:
        who = {
            "perspective": group["perspective"],
            "respondents": group["respondents"],
            "margin": group["margin"],
        }
        perspective_rows += [{**key, **who, **domain} for domain in group["domains"]]
        perspective_rows += [{**key, **who, "section": item.get("section", ""), **item}
                             for item in group["items"]]  # fmt: skip
    return {
        "assessments": [{
            **key, "agency": entry["agency"], "status": entry["status"],
            "started": entry["started"], "submitted": entry["submitted"],
            "overall_score": overall["score"], "overall_level": overall["level"],
            "rated": overall["rated"], "dont_know": overall["dont_know"], "total": overall["total"],
        }],  # fmt: skip
        "scores": [{**key, "section": section, **score} for section, score in scores],
        "context": [{**key, **c, "answer_code": c["code"]} for c in entry["agency_context"]],
        "answers": [{**key, **answer} for answer in entry["answers"]],
        "actions": [{**key, **a, "status_code": a["status_code"]} for a in entry["plan"]],
        "needs": [{**key, **need} for need in entry["needs"]],
        "worksheet": [{**key, **w} for w in entry["worksheet"]],
        "perspectives": perspective_rows,
        "evidence": [{**key, **file} for file in entry["evidence"]],
    }


def export_tables(assessments: list[Assessment]) -> dict[str, tuple[list[str], list[list]]]:
    """Every table: name -> (columns, rows as lists in the columns' order)."""
    tables: dict[str, tuple[list[str], list[list]]] = {
        name: (columns, []) for name, columns in TABLES.items()
    }
    for entry in agency_export(assessments):
        for name, rows in _table_rows(entry).items():
            columns = TABLES[name]
            tables[name][1].extend([row.get(column, "") for column in columns] for row in rows)
    return tables


def export_xlsx(assessments: list[Assessment]) -> bytes:
    """The tables as one workbook, one sheet per table."""
    return workbook_bytes(export_tables(assessments))


def export_zip(assessments: list[Assessment], *, folder: str) -> bytes:
    """The same tables as CSV files (UTF-8 with a byte-order mark) in a zip, in ``folder``."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, (columns, rows) in export_tables(assessments).items():
            archive.writestr(f"{folder}/{name}.csv", csv_bytes(columns, rows))
    return out.getvalue()
