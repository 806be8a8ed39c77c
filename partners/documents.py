"""The guidelines as a draft document: what the Word document (here, python-docx) and the PDF
(reports/guidelines.py, through the PDF renderer) both print, and the Word document itself.

Both carry both organizations' names, the version and its date, the line "Draft for
discussion, not legal advice; review with counsel", signature lines, and the report's
information-sharing pages. The words of the report are quoted and cited; the tool's own
wording (the questions, the headings, the note on how the draft was made) is labeled as the
tool's. Documents are in English, as the PDFs are.
"""

import io

from django.utils import formats, timezone, translation

from cvi_assess.context_processors import REPORT
from partners.guidelines import GuidelinesState, guidelines_suggestion
from partners.models import Side

DISCLAIMER = "Draft for discussion, not legal advice; review with counsel."
# The brief's own words, quoted from its section "Information sharing" (no page is printed
# for that section in the brief).
REPORT_QUOTES = [
    "Information sharing is usually the most contentious, challenging, and sensitive aspect of "
    "CVI strategies that involve law enforcement.",
    "Agencies and their partners can begin building trust by establishing clear guidelines on "
    "what information will be shared and by whom at the outset of the CVI.",
    "Ultimately, law enforcement agencies and their community-based partners must determine "
    "what works for their community.",
]
TOOL_NOTE = (
    "About this draft (the wording of the CVI Readiness Self-Assessment tool, not of the "
    "report): the questions and headings are the tool's; the answers are the two "
    "organizations' own, each written on its side of the tool. Where both gave the same answer "
    "it is printed once, as agreed; where they differ, both positions are printed and the "
    "point is listed as still to agree. The tool adds no clause of its own: what the guidelines "
    "say is for the two organizations to decide."
)
FURTHER_READING = (
    "Further reading (not part of the PERF report): the COPS Office guide SRO Performance "
    "Evaluation: A Guide to Getting Results (Kochel, Laszlo and Nickles, 2005) lists what a "
    "written agreement between a police agency and a partner should address, among them "
    "which data will and will not be shared and how, and has it signed by both chief "
    "executives."
)


def guidelines_document(state: GuidelinesState) -> dict:
    """What both documents print (one query, for the report's suggestion)."""
    partner = state.partner
    agency = partner.agency
    suggestion = guidelines_suggestion()
    with translation.override("en"):
        rows = state.rows()
        for row in rows:
            row["label"] = str(row["question"].label)
    return {
        "agency": agency,
        "partner": partner,
        "state": state,
        "version": state.version,
        "version_date": state.guidelines.version_started_at if state.version else None,
        "generated": timezone.localdate(),
        "rows": rows,
        "open_labels": [row["label"] for row in rows if not row["agreed"]],
        # (organization, who agreed the current version or None), the agency first.
        "sides": [
            (agency.name, state.current.get(Side.AGENCY)),
            (partner.name, state.current.get(Side.PARTNER)),
        ],
        "disclaimer": DISCLAIMER,
        "quotes": REPORT_QUOTES,
        "tool_note": TOOL_NOTE,
        "further_reading": FURTHER_READING,
        "report": REPORT,
        "suggestion": suggestion,
    }


def _day(value) -> str:
    return formats.date_format(value, "F j, Y")


def guidelines_docx(document: dict) -> bytes:
    """The draft as an editable Word document."""
    from docx import Document  # imported late: only this download needs it

    agency, partner = document["agency"].name, document["partner"].name
    doc = Document()
    properties = doc.core_properties
    properties.title = f"Information-sharing guidelines: {agency} and {partner}"
    properties.author = agency
    properties.subject = "Draft information-sharing guidelines for a community violence "
    properties.subject += "intervention"
    properties.language = "en-US"

    doc.add_heading("Information-sharing guidelines", level=0)
    doc.add_paragraph(f"Between {agency} and {partner}")
    dated = f" of {_day(document['version_date'])}" if document["version_date"] else ""
    doc.add_paragraph(
        f"Version {document['version']}{dated} · Printed {_day(document['generated'])}"
    )
    doc.add_paragraph().add_run(document["disclaimer"]).bold = True
    doc.add_paragraph(_status(document))

    doc.add_heading("Why these guidelines", level=1)
    doc.add_paragraph(
        f"From the Police Executive Research Forum's report {REPORT['title']} (brief, section "
        "“Information sharing”):"
    )
    for quote in document["quotes"]:
        doc.add_paragraph(f"“{quote}”", style="Quote")
    suggestion = document["suggestion"]
    if suggestion is not None and suggestion.pages:
        doc.add_paragraph(
            "The report's suggestion to establish parameters that identify what information "
            f"will be shared and with whom is discussed in the report, {suggestion.pages}."
        )
    doc.add_paragraph(document["tool_note"])

    doc.add_heading("The guidelines, question by question", level=1)
    for number, row in enumerate(document["rows"], start=1):
        doc.add_heading(f"{number}. {row['label']}", level=2)
        if row["agreed"]:
            _labeled(doc, "Agreed: ", row["agency"])
            continue
        _labeled(doc, f"{agency}: ", row["agency"] or "No answer yet.")
        _labeled(doc, f"{partner}: ", row["partner"] or "No answer yet.")
        doc.add_paragraph().add_run("Still to agree.").italic = True

    doc.add_heading("Still to agree", level=1)
    if document["open_labels"]:
        for label in document["open_labels"]:
            doc.add_paragraph(label, style="List Bullet")
    else:
        doc.add_paragraph("Nothing: both organizations give the same answer to every question.")

    doc.add_heading(f"Agreement to version {document['version']}", level=1)
    table = _table(doc, ["Organization", "Agreed by", "Role", "Date"])
    for name, approval in document["sides"]:
        cells = table.add_row().cells
        cells[0].text = name
        if approval:
            cells[1].text, cells[2].text = approval.name, approval.role
            cells[3].text = _day(timezone.localtime(approval.agreed_at))
        else:
            cells[1].text = "Not yet agreed"

    doc.add_heading("Signatures", level=1)
    signatures = _table(doc, ["For", "Name", "Title", "Signature", "Date"])
    for name, _approval in document["sides"]:
        signatures.add_row().cells[0].text = name

    doc.add_paragraph(document["further_reading"])
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _table(doc, headers: list[str]):
    """A bordered table with a header row (repeated on every page it runs onto)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    header = table.rows[0]
    for cell, text in zip(header.cells, headers, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(repeat)
    return table


def _status(document: dict) -> str:
    state = document["state"]
    if state.agreed_by_both:
        return f"Agreed by both organizations as version {document['version']}."
    if document["open_labels"]:
        count = len(document["open_labels"])
        return f"Not yet agreed: {count} point{'s' if count != 1 else ''} still to agree."
    return "Both organizations give the same answers; not yet marked agreed by both."


def _labeled(doc, label: str, text: str) -> None:
    paragraph = doc.add_paragraph()
    paragraph.add_run(label).bold = True
    paragraph.add_run(text)


def guidelines_filename(document: dict, extension: str) -> str:
    agency = document["agency"].slug
    return (
        f"information-sharing-guidelines-{agency}-partner-{document['partner'].pk}-"
        f"v{document['version']}.{extension}"
    )
