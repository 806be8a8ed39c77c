"""The pages people reach through a link without an account (invitees', partners') open in
the language the owner chose for the link, and switch between English and Spanish."""

from django.conf import settings
from django.http import HttpRequest


def language_chosen(request: HttpRequest, default: str) -> str:
    """The switch on the page (``?lang=``), else ``default``: the link's own language."""
    chosen = request.GET.get("lang", "")
    return chosen if chosen in dict(settings.LANGUAGES) else default


def language_switch(language: str) -> tuple[str, str]:
    """(code, name) of the other language, for the page's switch."""
    other = "en" if language == "es" else "es"
    return other, dict(settings.LANGUAGES)[other]
