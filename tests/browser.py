"""Real-browser fixtures: Debian's Chromium driven by Playwright, and axe-core checks.

Browser tests skip only where Chromium is absent, and never when REQUIRE_BROWSER is set (CI).
They need the live server, so they use the transactional database, which is emptied after each
test; `migrated_data` puts back what the migrations created (guidance, groups, permissions).
Django's serialized_rollback cannot do it here: once Playwright's event loop has run on the
main thread, Django's connection object there is a different one from the one serialized.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
# WCAG 2.0 and 2.1, levels A and AA.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations", "incomplete"],
}
# axe files text whose contrast it cannot settle (white on a transparent badge, say) as
# "incomplete", not as a violation; here that counts as a failure too.
STRICT_INCOMPLETE = {"color-contrast"}
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

browser_test = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("migrated_data"),
]


@pytest.fixture
def migrated_data(transactional_db):
    """The rows migrations create: content types, permissions, guidance, the editors and
    program staff groups."""
    import importlib

    from django.apps import apps
    from django.core.management.sql import emit_post_migrate_signal

    from guidance.content import guidance_load

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    guidance_load()
    editors = importlib.import_module("guidance.migrations.0002_guidance_editors_group")
    editors.create_group(apps, None)
    program = importlib.import_module("program.migrations.0001_program_staff_group")
    program.create_group(apps, None)


def chromium_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is not None


@pytest.fixture(scope="session")
def chromium():
    if not chromium_available():
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"REQUIRE_BROWSER is set but there is no Chromium at {CHROMIUM}")
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def _new_page(chromium, request, **context_options):
    context = chromium.new_context(**context_options)
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: errors.append(message.text) if message.type == "error" else None,
    )
    page.console_errors = errors
    request.addfinalizer(context.close)
    return page


@pytest.fixture
def page(chromium, request):
    """A fresh browser tab with JavaScript on."""
    return _new_page(chromium, request, viewport={"width": 1280, "height": 900})


@pytest.fixture
def page_without_js(chromium, request):
    """A fresh browser tab with JavaScript disabled, as on a locked-down city laptop."""
    return _new_page(
        chromium, request, java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )


@pytest.fixture
def phone_page(chromium, request):
    """A phone-sized tab."""
    return _new_page(
        chromium,
        request,
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )


def _left_to_people(node: dict) -> bool:
    """Unsettled contrast checks that are not problems here.

    Bootstrap draws a select's arrow and an invalid field's icon as background images, which
    axe cannot look behind (their text is the body colour on white); the flag symbol is an
    icon with a text alternative; SVG <text> belongs to the score chart, an image with a text
    alternative and a table of the same figures, drawn in fixed dark greys on light fills.
    """
    keys = {(check.get("data") or {}).get("messageKey") for check in node["any"] + node["all"]}
    html = node["html"]
    if html.startswith(("<select", "<input", "<textarea")) and keys == {"bgImage"}:
        return True
    return keys == {"nonBmp"} or html.startswith("<text")


def assert_accessible(page, label: str) -> None:
    """Zero axe-core violations of WCAG 2.0/2.1 A and AA on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    # A click that submits a form may return before the next page has finished loading.
    page.wait_for_load_state("load")
    results = Axe().run(page, options=AXE_OPTIONS)
    unsettled = [
        (r["id"], node)
        for r in results.response["incomplete"]
        if r["id"] in STRICT_INCOMPLETE
        for node in r["nodes"]
        if not _left_to_people(node)
    ]
    if results.violations_count or unsettled:
        ARTIFACTS.mkdir(exist_ok=True)
        name = "".join(c if c.isalnum() else "-" for c in label)
        page.screenshot(path=ARTIFACTS / f"axe-{name}.png", full_page=True)
        details = [
            f"{rule}: {node['target']} {node['html'][:120]} "
            f"({'; '.join(c['message'] for c in node['any'] + node['all'])})"
            for rule, node in unsettled
        ]
        pytest.fail(
            f"axe found problems on {label} ({page.url}):\n{results.generate_report()}\n"
            + "\n".join(details)
        )
    # Record what was scanned, for the closing report.
    ARTIFACTS.mkdir(exist_ok=True)
    with (ARTIFACTS / "axe-scanned.txt").open("a") as log:
        log.write(f"{label}\t{page.url}\t0 violations\n")


def assert_reflows(page, label: str, width: int = 320) -> None:
    """At ``width`` CSS pixels the page never scrolls sideways (WCAG 1.4.10 Reflow).

    Tables may scroll inside their own box; the page itself may not.
    """
    page.wait_for_load_state("load")
    viewport = page.viewport_size
    page.set_viewport_size({"width": width, "height": 800})
    try:
        scroll, client = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
    finally:
        page.set_viewport_size(viewport)
    if scroll > client:
        ARTIFACTS.mkdir(exist_ok=True)
        name = "".join(c if c.isalnum() else "-" for c in label)
        page.set_viewport_size({"width": width, "height": 800})
        page.screenshot(path=ARTIFACTS / f"reflow-{name}.png", full_page=True)
        page.set_viewport_size(viewport)
        pytest.fail(f"{label} ({page.url}) scrolls sideways at {width} px: {scroll} > {client}")


def log_in(page, live_server, user) -> None:
    """Give the browser a logged-in session (as if the person had logged in)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
