"""Spanish on the pages invitees answer on and on a partner's page: a complete catalog, the
switch, the link's language; every other page stays in English."""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context
from django.template.loader import get_template
from django.templatetags.i18n import BlockTranslateNode, TranslateNode
from django.test import Client
from django.urls import reverse
from django.utils import translation

from guidance.models import ANCHOR_LEVELS, Item
from perspectives.models import Invitation, PerspectiveResponse
from tests.conftest import client_for
from tests.factories import personal_links
from tests.html import outline, page_text
from tests.perspectives.test_invitations import answers_for, every_step_text, respond_url

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "locale/es/LC_MESSAGES"
# Every template an invitee's page or email is made of.
INVITEE_TEMPLATES = [
    "base.html",
    "includes/error_summary.html",
    "perspectives/invitee_base.html",
    "perspectives/respond.html",
    "perspectives/respond_closed.html",
    "perspectives/respond_member.html",
    "perspectives/respond_thanks.html",
    "questionnaire/includes/rated_item.html",
    "perspectives/email/personal_subject.txt",
    "perspectives/email/personal_body.txt",
    "perspectives/kit/open_email.txt",
    "perspectives/kit/rollcall.txt",
]
# Python modules whose marked strings appear on those pages.
INVITEE_MODULES = ["questionnaire/forms.py", "perspectives/forms.py"]
# Every template and module a partner's page (through its personal link) and its email are made
# of (tests/partners/test_partner_page.py walks the page itself in Spanish).
PARTNER_TEMPLATES = [
    "base.html",
    "includes/error_summary.html",
    "perspectives/invitee_base.html",
    "partners/partner_page.html",
    "partners/partner_closed.html",
    "partners/partner_member.html",
    "partners/partner_busy.html",
    "partners/includes/guidelines_intro.html",
    "partners/includes/guidelines_rows.html",
    "partners/includes/position_form.html",
    "partners/includes/agreement.html",
    "partners/email/link_subject.txt",
    "partners/email/link_body.txt",
    "reports/guidelines_pdf_unavailable.html",
]
PARTNER_MODULES = [
    "partners/forms.py",
    "partners/questions.py",
    "partners/models.py",
    "partners/guidelines.py",
    "partners/partner_views.py",
]
GETTEXT_CALLS = {"_", "gettext", "gettext_lazy", "gettext_noop", "pgettext", "pgettext_lazy"}


def template_msgids(name: str) -> set[tuple[str, str]]:
    """(context, msgid) of every {% translate %} and {% blocktranslate %} in a template."""
    nodelist = get_template(name).template.nodelist
    found = set()
    for node in nodelist.get_nodes_by_type(TranslateNode):
        context = node.message_context.resolve(Context()) if node.message_context else ""
        found.add((context, node.filter_expression.var.literal))
    for node in nodelist.get_nodes_by_type(BlockTranslateNode):
        context = node.message_context.resolve(Context()) if node.message_context else ""
        found.add((context, node.render_token_list(node.singular)[0]))
    return found


def module_msgids(path: str) -> set[tuple[str, str]]:
    found = set()
    for node in ast.walk(ast.parse((ROOT / path).read_text())):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in GETTEXT_CALLS:
            strings = [a.value for a in node.args if isinstance(a, ast.Constant)]
            if not strings:  # a lookup at run time, e.g. gettext(domain.title)
                continue
            found.add((strings[0], strings[1]) if len(strings) == 2 else ("", strings[0]))
    return found


def compiled() -> dict[str, str]:
    mo = CATALOG / "django.mo"
    if not mo.exists():
        pytest.fail(f"{mo} is missing: run `make test` (it compiles the catalog first)")
    with mo.open("rb") as handle:
        return gettext.GNUTranslations(handle)._catalog


def test_the_compiled_catalog_translates_every_string_of_the_invitee_pages():
    catalog = compiled()
    wanted = set().union(*(template_msgids(name) for name in INVITEE_TEMPLATES))
    wanted |= set().union(*(module_msgids(path) for path in INVITEE_MODULES))
    assert len(wanted) > 60
    missing = [
        msgid
        for context, msgid in sorted(wanted)
        if not catalog.get(f"{context}\x04{msgid}" if context else msgid)
    ]
    assert missing == []


def test_the_compiled_catalog_translates_every_string_of_the_partner_page():
    catalog = compiled()
    wanted = set().union(*(template_msgids(name) for name in PARTNER_TEMPLATES))
    wanted |= set().union(*(module_msgids(path) for path in PARTNER_MODULES))
    assert len(wanted) > 80
    keys = [f"{context}\x04{msgid}" if context else msgid for context, msgid in sorted(wanted)]
    # A plural is catalogued by (msgid, form).
    missing = [key for key in keys if not (catalog.get(key) or catalog.get((key, 0)))]
    assert missing == []


def test_the_committed_catalog_has_no_untranslated_or_fuzzy_entry():
    text = (CATALOG / "django.po").read_text(encoding="utf-8")
    entries = text.split("\n\n")[1:]  # after the header
    assert entries
    untranslated = [e for e in entries if re.search(r'^msgstr ""\Z', e.strip(), re.M)]
    fuzzy = [e for e in entries if "#, fuzzy" in e]
    assert untranslated == [] and fuzzy == []


@pytest.fixture
def spanish(draft):
    return Invitation.objects.create(assessment=draft, perspective="residents", language="es")


@pytest.mark.django_db
class TestTheInviteePagesInSpanish:
    def test_a_spanish_link_opens_in_spanish_with_our_translation_labelled(self, spanish):
        response = Client().get(respond_url(spanish))
        page = outline(response)
        assert page.find_all("html", lang="es")
        text = every_step_text(respond_url(spanish))
        assert "Su opinión sobre la preparación de Springfield Police Department" in text
        assert "Sus respuestas son confidenciales" in text
        assert "nuestra propia traducción, no las palabras del informe" in text
        promises = Item.objects.get(slug="buy-in-promises-kept")
        assert promises.partner_text_es in text and promises.partner_text not in text
        assert "En marcha en gran parte" in text and "Enviar mis respuestas" in text
        assert "Apoyo y compromiso" in text  # the section titles too
        assert page.find_all("a", lang="en", hreflang="en")  # the switch back to English

    def test_the_switch_on_the_page_overrides_the_links_language(self, spanish):
        english = page_text(Client().get(respond_url(spanish) + "?lang=en"))
        assert "Your answers are confidential" in english and "Español" in english
        unknown = page_text(Client().get(respond_url(spanish) + "?lang=xx"))
        assert "Sus respuestas son confidenciales" in unknown

    def test_errors_are_in_spanish_and_nothing_is_stored(self, spanish):
        response = Client().post(respond_url(spanish) + "?lang=es", {})
        text = page_text(response)
        assert "Corrija lo siguiente. Todavía no se ha guardado nada." in text
        assert "Responda al menos una afirmación antes de enviar." in text
        assert text.startswith("Error: Su opinión")
        assert not PerspectiveResponse.objects.exists()

    def test_answering_in_spanish_thanks_in_spanish(self, spanish):
        response = Client().post(respond_url(spanish) + "?lang=es", answers_for("residents"))
        assert response["Location"].endswith("/thanks/?lang=es")
        thanks = Client().get(response["Location"])
        assert outline(thanks).find_all("html", lang="es")
        assert "Sus respuestas se enviaron a Springfield Police Department" in page_text(thanks)

    def test_closed_and_used_links_explain_themselves_in_spanish(self, draft):
        [token] = personal_links(draft, "residents", 1, language="es")
        Client().post(respond_url(token), answers_for("residents"))
        used = Client().get(respond_url(token))
        assert used.status_code == 410 and "Este enlace ya se usó" in page_text(used)

    def test_a_statement_not_yet_translated_shows_in_english_marked_as_english(self, spanish):
        promises = Item.objects.get(slug="buy-in-promises-kept")
        Item.objects.filter(pk=promises.pk).update(partner_text_es="")
        steps = [outline(Client().get(f"{respond_url(spanish)}?step={n}")) for n in range(1, 5)]
        [page] = [step for step in steps if promises.partner_text in step.text]
        assert page.find_all("legend", lang="en")

    def test_owner_pages_and_the_pdf_stay_in_english(self, alice, draft, spanish):
        Client().get(respond_url(spanish))
        assert translation.get_language() == settings.LANGUAGE_CODE
        text = page_text(client_for(alice).get(reverse("assessment_invitations", args=[draft.pk])))
        assert "In Spanish (español)" in text and "Invite other perspectives" in text
        assert "Escanee el código QR" in text  # the kit itself is in the link's language
        response = client_for(alice).get(reverse("assessment_results", args=[draft.pk]))
        assert outline(response).find_all("html", lang="en")


@pytest.mark.django_db
class TestLevelDescriptionsInSpanish:
    def test_every_active_statement_describes_its_five_levels_in_spanish(self):
        missing = [
            (item.slug, level)
            for item in Item.objects.filter(is_active=True)
            for level in ANCHOR_LEVELS
            if not getattr(item, f"anchor_{level}_es").strip()
        ]
        assert missing == []

    def test_a_spanish_page_describes_each_level_in_spanish_and_says_it_is_our_translation(
        self, spanish
    ):
        text = every_step_text(respond_url(spanish))
        promises = Item.objects.get(slug="buy-in-promises-kept")
        assert promises.anchor_largely_es in text and promises.anchor_largely not in text
        assert "En español, son nuestra propia traducción." in text

    def test_an_english_page_keeps_the_english_descriptions(self, spanish):
        text = every_step_text(respond_url(spanish) + "?lang=en")
        promises = Item.objects.get(slug="buy-in-promises-kept")
        assert promises.anchor_largely in text and promises.anchor_largely_es not in text
