"""The layout keeps its promises (docs/architecture.md): which app may import which, data
migrations that do the same thing forever, and numbers set in one place."""

import ast
import re
from pathlib import Path

import pytest

from questionnaire.scoring import THRESHOLDS, level_bands

ROOT = Path(__file__).resolve().parent.parent
APPS = ["accounts", "guidance", "questionnaire", "program"]
# What each app may import from the others. Everything else is a wrong-way arrow.
ALLOWED = {
    "accounts": set(),
    "guidance": set(),
    "questionnaire": {"accounts", "guidance"},
    "program": {"accounts", "guidance", "questionnaire"},
}


def imported_apps(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
    return found & set(APPS)


@pytest.mark.parametrize("app", APPS)
def test_each_app_imports_only_what_its_arrows_allow(app):
    wrong = {
        str(path.relative_to(ROOT)): sorted(imported_apps(path) - ALLOWED[app] - {app})
        for path in (ROOT / app).rglob("*.py")
    }
    assert {path: apps for path, apps in wrong.items() if apps} == {}


def test_no_migration_reads_the_content_file_or_imports_live_code():
    offenders = []
    for path in ROOT.glob("*/migrations/*.py"):
        text = path.read_text()
        if re.search(
            r"guidance\.content|guidance\.json|from (accounts|questionnaire|program)\b", text
        ):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_the_level_bands_cover_every_score_once_in_order():
    bands = level_bands()
    assert [b.label for b in bands] == [label for _, _, label in reversed(THRESHOLDS)]
    assert bands[0].lowest == 0 and bands[-1].highest == 100
    for lower, upper in zip(bands, bands[1:], strict=False):
        assert upper.lowest == lower.highest + 1


def test_no_template_types_a_level_threshold():
    """Pages say the bands through includes/level_bands.html, which reads scoring.py."""
    ranges = [f"{b.lowest} to {b.highest}" for b in level_bands()]
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text()
        assert not any(r in text for r in ranges), path
