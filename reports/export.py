"""An agency's assessments, answers, scores and plans as CSV and JSON (for its own records
and analysis)."""

import csv
import io
import json

from django.utils import timezone

from cvi_assess.spreadsheets import safe_cell
from guidance.models import Domain, Item
from guidance.selectors import guidance_domains
from perspectives.results import perspective_results
from perspectives.scoring import SELF
from plans.models import ActionItem, Evidence, InformationSharingWorksheet
from questionnaire.models import CONTEXT_FIELDS, Assessment, Response, answer_label
from questionnaire.scored import ScoredAssessment, assessment_scored

WORKSHEET_FIELDS = ["flow", "information_kinds", "recipients", "protections", "sign_off"]

# The CSV is "long": one row per record, its kind in `record` (see README, "Export").
HEADER = [
    "assessment_id",
    "assessment_name",
    "started",
    "status",
    "submitted",
    "record",
    "section",
    "statement",
    "report_suggestion",
    "report_pages",
    "answer",
    "answer_code",
    "note",
    "score",
    "level",
    "owner",
    "partner",
    "timeframe",
    "target_date",
]
COMMON = HEADER[:5]


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
    results = perspective_results(scored, domains=domains)
    if results is None:
        return []
    items = Item.objects.select_related("suggestion").in_bulk(
        {item_id for column in results.columns for item_id in column.items}
    )
    domains = {domain.pk: domain.title for domain, _, _ in results.domains}
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
            "due_date": action.due_date.isoformat() if action.due_date else "",
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
        "suggestion", "owner_member", "owner_invitation", "partner_organization"
    ):
        actions.setdefault(action.assessment_id, []).append(action)
    # Evidence files, listed (JSON only): what each is attached to, never the file itself.
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
                "worksheet": _worksheet(worksheets.get(assessment.pk)),
                "perspectives": _perspectives(scored, domains),
                "evidence": evidence.get(assessment.pk, []),
            }
        )
    return export


def export_json(assessments: list[Assessment]) -> str:
    return json.dumps({"assessments": agency_export(assessments)}, indent=2, ensure_ascii=False)


def _csv_rows(entry: dict) -> list[dict]:
    """The records of one assessment, as dicts keyed by HEADER."""
    rows = [
        {"record": "context", "section": "Agency context", "statement": c["question"],
         "answer": c["answer"], "answer_code": c["code"]}
        for c in entry["agency_context"]
    ]  # fmt: skip
    rows += [{"record": "answer", **answer} for answer in entry["answers"]]
    scores = entry["scores"]
    for section, score in [("Overall", scores["overall"])] + [
        (d["section"], d) for d in scores["domains"]
    ]:
        rows.append({"record": "score", "section": section, "score": score["score"],
                     "level": score["level"]})  # fmt: skip
    rows += [
        {"record": "action", "section": "Action plan", "statement": a["action"],
         "report_suggestion": a["report_suggestion"], "report_pages": a["report_pages"],
         "answer": a["status"], "answer_code": a["status_code"], "note": a["notes"],
         "owner": a["owner"], "partner": a["partner"], "timeframe": a["timeframe"],
         "target_date": a["target_date"]}
        for a in entry["plan"]
    ]  # fmt: skip
    rows += [
        {"record": "worksheet", "section": "Information-sharing worksheet",
         "statement": w["question"], "answer": w["answer"]}
        for w in entry["worksheet"]
    ]  # fmt: skip
    for group in entry["perspectives"]:
        section = (
            f"{group['perspective']} ({group['answers']} answers, estimated with differential "
            f"privacy, ± {group['margin']})"
        )
        rows += [
            {"record": "perspective", "section": section, "statement": domain["section"],
             "score": domain["score"]}
            for domain in group["domains"]
        ]  # fmt: skip
        rows += [
            {"record": "perspective", "section": section, "statement": item["statement"],
             "report_suggestion": item["report_suggestion"],
             "report_pages": item["report_pages"], "score": item["score"]}
            for item in group["items"]
        ]  # fmt: skip
    return rows


def export_csv(assessments: list[Assessment]) -> str:
    """One row per record: context answers, answers, scores, actions, worksheet, perspectives."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for entry in agency_export(assessments):
        common = [entry[key] for key in COMMON]
        for row in _csv_rows(entry):
            cells = [safe_cell(row.get(key, "")) for key in HEADER[len(COMMON) :]]
            writer.writerow([*common, *cells])
    return out.getvalue()
