"""The information-sharing guidelines with a partner as a tagged PDF, for the agency and for
the partner through its link. What it prints is partners.documents.guidelines_document, the
same as the Word draft; the rendering and its limits are reports/pdf.py's."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from partners.access import PartnerVisit, get_partner_for_user, partner_link_view
from partners.documents import guidelines_document, guidelines_filename
from partners.guidelines import guidelines_state
from plans.models import PartnerOrganization
from questionnaire.access import agency_member_required
from reports.pdf import PdfBusy, PdfTooSlow, pdf_document


def _guidelines_pdf(request: HttpRequest, partner: PartnerOrganization) -> HttpResponse:
    document = guidelines_document(guidelines_state(partner))
    try:
        pdf = pdf_document("reports/guidelines_pdf.html", document)
    except OSError:  # WeasyPrint cannot load Pango
        return render(request, "reports/guidelines_pdf_unavailable.html", status=503)
    except (PdfBusy, PdfTooSlow):
        response = render(request, "reports/guidelines_pdf_unavailable.html", status=503)
        response["Retry-After"] = "30"
        return response
    response = HttpResponse(pdf, content_type="application/pdf")
    name = guidelines_filename(document, "pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@agency_member_required
def partner_guidelines_pdf(request: HttpRequest, partner_id: int) -> HttpResponse:
    """The guidelines with one of the agency's partners as a PDF download."""
    partner = get_partner_for_user(request, partner_id)
    return _guidelines_pdf(request, partner)


@partner_link_view
def partner_page_pdf(request: HttpRequest, visit: PartnerVisit) -> HttpResponse:
    """The same PDF, for the partner through its personal link (in English)."""
    return _guidelines_pdf(request, visit.partner)
