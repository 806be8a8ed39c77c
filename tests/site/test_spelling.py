"""American English everywhere people read: templates, the guidance content and the messages
and labels written in code. The users are US police agencies."""

import ast
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# British spellings, and the stems that carry them (organise, organisation, organised...).
BRITISH = re.compile(
    r"\b(organis\w*|behaviour\w*|recognis\w*|prioritis\w*|colour\w*|favour\w*|honour\w*|"
    r"labour\w*|centre[sd]?|programme[sd]?|defence|offence|analys(?:e|ed|es|ing)|"
    r"catalogue[sd]?|fulfil|fulfilment|travell\w*|cancell(?:ed|ing)|modell\w*|counsell\w*|"
    r"practis\w*|apologis\w*|summaris\w*|emphasis(?:e|ed|es|ing)|realis(?:e|ed|es|ing)|"
    r"minimis\w*|maximis\w*|optimis\w*|utilis\w*|criticis(?:e|ed|es|ing)|authoris\w*|"
    r"standardis\w*|specialis(?:e|ed|es|ing)|neighbour\w*|rumour\w*|endeavour\w*|whilst|"
    r"amongst|learnt|judgement|licence[sd]?|sceptic\w*|cheque|grey|enrol|enrolment)\b",
    re.IGNORECASE,
)
# Stored codes and slugs ("cvi_organisations") are never shown; only words people read count.
CODE = re.compile(r"^[a-z0-9_.:/-]*$")


def british(text: str) -> list[str]:
    return BRITISH.findall(text)


def strings_in_code(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def strings_in_json(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_in_json(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings_in_json(v)]
    return []


def test_the_word_list_catches_british_spellings():
    assert british("The organisation recognised their behaviour") == [
        "organisation", "recognised", "behaviour",
    ]  # fmt: skip
    assert british("The organization recognized their behavior") == []


def test_templates_are_in_american_english():
    templates = [p for p in (ROOT / "templates").rglob("*") if p.suffix in {".html", ".txt"}]
    assert len(templates) > 50
    found = {str(p.relative_to(ROOT)): british(p.read_text()) for p in templates}
    assert {path: words for path, words in found.items() if words} == {}


def test_the_guidance_content_is_in_american_english():
    content = json.loads((ROOT / "guidance" / "content" / "guidance.json").read_text())
    found = {s: british(s) for s in strings_in_json(content) if not CODE.match(s)}
    assert {s[:80]: words for s, words in found.items() if words} == {}


def test_messages_labels_and_help_texts_are_in_american_english():
    sources = [
        p
        for app in ("accounts", "cvi_assess", "guidance", "questionnaire", "perspectives", "plans",
                    "partners", "benchmarks", "reports", "program")
        for p in (ROOT / app).rglob("*.py")
        if "migrations" not in p.parts
    ]
    found = {
        f"{p.relative_to(ROOT)}: {s[:60]}": british(s)
        for p in sources
        for s in strings_in_code(p)
        if not CODE.match(s)
    }
    assert {where: words for where, words in found.items() if words} == {}
