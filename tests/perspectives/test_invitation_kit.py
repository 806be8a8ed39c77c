"""The invitation kit: a QR code for roll call, ready-to-edit texts, copy buttons."""

import re
from pathlib import Path

import pytest
import segno
from django.urls import reverse

from perspectives.kit import kit_texts, qr_svg
from perspectives.models import Invitation
from tests.conftest import client_for

ROOT = Path(__file__).resolve().parents[2]


def modules_drawn(svg: str, border: int = 4) -> set[tuple[int, int]]:
    """The dark modules an SVG from segno draws, read back from its path."""
    path = re.search(r'<path class="qrline"[^>]* d="([^"]+)"', svg).group(1)
    x = y = 0.0
    dark = set()
    for op, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?:\s(-?[\d.]+))?", path):
        if op == "M":
            x, y = float(a), float(b)
        elif op == "m":
            x, y = x + float(a), y + float(b)
        else:
            for column in range(int(x), int(x + float(a))):
                dark.add((int(y - 0.5) - border, column - border))
            x += float(a)
    return dark


@pytest.mark.django_db
class TestQrCode:
    def test_the_owner_downloads_an_svg_that_encodes_the_link(self, alice, draft):
        link = Invitation.objects.create(assessment=draft, perspective="line_officers")
        response = client_for(alice).get(reverse("invitation_qr", args=[draft.pk, link.pk]))
        assert response["Content-Type"] == "image/svg+xml"
        assert response["Content-Disposition"].startswith('attachment; filename="invitation-')
        svg = response.content.decode()
        assert svg.startswith("<svg") and "<title>QR code of the invitation link</title>" in svg
        expected = segno.make(f"http://testserver/respond/{link.token}/", error="m")
        wanted = {(r, c) for r, row in enumerate(expected.matrix) for c, v in enumerate(row) if v}
        assert modules_drawn(svg) == wanted

    def test_personal_invitations_have_no_qr_code(self, alice, draft):
        round_ = Invitation.objects.create(
            assessment=draft, perspective="residents", kind="personal", token=None
        )
        url = reverse("invitation_qr", args=[draft.pk, round_.pk])
        assert client_for(alice).get(url).status_code == 404

    def test_a_different_link_draws_a_different_code(self):
        assert modules_drawn(qr_svg("https://a.example/respond/1/")) != modules_drawn(
            qr_svg("https://a.example/respond/2/")
        )


@pytest.mark.django_db
class TestReadyTexts:
    def test_the_email_and_the_announcement_carry_the_link_in_the_links_language(self, draft):
        link = Invitation.objects.create(assessment=draft, perspective="residents")
        english = kit_texts(link, "https://cvi.example.gov/respond/abc/")
        assert "https://cvi.example.gov/respond/abc/" in english["email"]
        assert english["email"].startswith("Springfield Police Department is assessing")
        assert "Scan the QR code" in english["rollcall"]
        link.language = "es"
        spanish = kit_texts(link, "https://cvi.example.gov/respond/abc/")
        assert "Responda aquí, hasta el" in spanish["email"]
        assert "Escanee el código QR" in spanish["rollcall"]


def test_the_copy_buttons_are_a_static_script_that_only_adds_to_the_page():
    script = (ROOT / "static/js/copy.js").read_text()
    assert "[data-copy]" in script and "navigator.clipboard" in script
    template = (ROOT / "templates/perspectives/invitations.html").read_text()
    assert "{% static 'js/copy.js' %}" in template
