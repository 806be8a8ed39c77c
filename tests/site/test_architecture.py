"""The layout keeps its promises (docs/architecture.md): which app may import which, data
migrations that do the same thing forever, and numbers set in one place."""

import ast
import re
from pathlib import Path

import pytest

from questionnaire.scoring import THRESHOLDS, level_bands

ROOT = Path(__file__).resolve().parents[2]
# The layers, bottom up (docs/architecture.md). cvi_assess is the project: settings, URLs,
# error pages; it names apps only as strings (INSTALLED_APPS, include()) and imports none.
APPS = [
    "cvi_assess",
    "accounts",
    "guidance",
    "questionnaire",
    "workshops",
    "perspectives",
    "plans",
    "partners",
    "benchmarks",
    "reports",
    "program",
]
BASE = {"cvi_assess"}  # every app may use the project's own helpers
# What each app may import from the others. Everything else is a wrong-way arrow.
ALLOWED = {
    "cvi_assess": set(),
    "accounts": BASE,
    "guidance": BASE,
    "questionnaire": BASE | {"accounts", "guidance"},
    "workshops": BASE | {"accounts", "guidance", "questionnaire"},
    "perspectives": BASE | {"accounts", "guidance", "questionnaire"},
    "plans": BASE | {"accounts", "guidance", "questionnaire", "perspectives"},
    "partners": BASE | {"accounts", "guidance", "questionnaire", "perspectives", "plans"},
    "benchmarks": BASE | {"accounts", "guidance", "questionnaire"},
    "reports": BASE | {"accounts", "guidance", "questionnaire", "perspectives", "plans",
                       "partners", "benchmarks", "workshops"},
    "program": BASE | {"accounts", "guidance", "questionnaire", "perspectives", "benchmarks"},
}  # fmt: skip


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


def test_no_two_apps_import_each_other():
    for app, allowed in ALLOWED.items():
        for other in allowed:
            assert app not in ALLOWED[other], f"{app} and {other} may import each other"


def private_names_taken(path: Path) -> list[str]:
    """Names starting with an underscore that ``path`` imports from another app."""
    own = path.relative_to(ROOT).parts[0]
    taken = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.module:
            app = node.module.split(".")[0]
            if app in APPS and app != own:
                taken += [f"{node.module}.{a.name}" for a in node.names if a.name.startswith("_")]
    return taken


def test_no_app_imports_another_apps_private_helper():
    taken = {
        str(path.relative_to(ROOT)): private_names_taken(path)
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
    }
    assert {path: names for path, names in taken.items() if names} == {}


def test_no_module_is_over_600_lines():
    long = {
        str(path.relative_to(ROOT)): lines
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
        and (lines := len(path.read_text().splitlines())) > 600
    }
    assert long == {}


def test_no_migration_reads_the_content_file_or_imports_live_code():
    offenders = []
    for path in ROOT.glob("*/migrations/*.py"):
        text = path.read_text()
        own = path.relative_to(ROOT).parts[0]
        others = "|".join(app for app in APPS if app not in {own, "cvi_assess"})
        if re.search(rf"guidance\.content|guidance\.json|(from|import) ({others})\b", text):
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
