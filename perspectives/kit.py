"""What an owner needs to pass an open link on: a QR code for roll call, and ready-to-edit
email and roll-call texts in the link's language."""

import functools
import io

import segno
from django.template.loader import render_to_string
from django.utils import translation

from perspectives.models import Invitation


def qr_svg(link: str, *, scale: int = 8) -> str:
    """The link as a QR code, an SVG document drawn on the server (segno); medium error
    correction, so a creased printout or a projector's glare still scans."""
    out = io.BytesIO()
    segno.make(link, error="m").save(
        out,
        kind="svg",
        scale=scale,
        border=4,
        dark="#000000",
        light="#ffffff",
        title="QR code of the invitation link",
        xmldecl=False,
        svgns=True,
    )
    return out.getvalue().decode()


@functools.lru_cache(maxsize=256)
def qr_data_uri(link: str) -> str:
    """The QR code for an <img> on the invitations page (the CSP allows data: images). A pure
    function of the link, remembered per process: drawing one takes about 10 ms."""
    return segno.make(link, error="m").svg_data_uri(scale=4, border=4)


def kit_texts(invitation: Invitation, link: str) -> dict[str, str]:
    """A ready-to-edit email and a roll-call announcement for an open link, in its language."""
    context = {
        "invitation": invitation,
        "agency": invitation.assessment.agency,
        "link": link,
    }
    with translation.override(invitation.language):
        return {
            "email": render_to_string("perspectives/kit/open_email.txt", context).strip(),
            "rollcall": render_to_string("perspectives/kit/rollcall.txt", context).strip(),
        }
