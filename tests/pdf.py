"""Skip PDF tests only where WeasyPrint's system libraries are missing, never in CI."""

import io
import os

import pytest


def weasyprint_available() -> bool:
    try:
        import weasyprint  # noqa: F401
    except OSError:
        return False
    return True


requires_pdf = pytest.mark.skipif(
    not weasyprint_available() and not os.environ.get("REQUIRE_PDF"),
    reason="WeasyPrint needs Pango (apt-get install libpango-1.0-0 libpangoft2-1.0-0)",
)


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
