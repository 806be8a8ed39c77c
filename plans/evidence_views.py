"""Evidence files: attaching one to an action or to a statement, downloading, removing.

Every view starts with the assessment's access helper (404 outside the agency), then finds
the file within that assessment. Files are never served from a public address.
"""

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from guidance.models import Item
from plans.evidence import CONTENT_TYPES, EXTENSIONS, EvidenceRefused, evidence_attach
from plans.evidence import evidence_remove as evidence_remove_service
from plans.models import ActionItem, Evidence
from questionnaire.access import agency_member_required, get_assessment_for_user
from questionnaire.models import Assessment, Response


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label="Attach a file",
        help_text="A PDF, a Word document (.docx), an Excel workbook (.xlsx), or a PNG or JPEG "
        "image, e.g. a signed agreement or a roster.",
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(ext for exts in EXTENSIONS.values() for ext in exts)}
        ),
        error_messages={"required": "Choose a file to attach.", "empty": "The file is empty."},
    )


def get_evidence(assessment: Assessment, evidence_id: int) -> Evidence:
    """A file of the assessment (already checked to be the user's agency's); 404 otherwise."""
    return get_object_or_404(Evidence, pk=evidence_id, assessment=assessment)


def _attach(request: HttpRequest, assessment: Assessment, form: EvidenceForm, **target) -> bool:
    if not form.is_valid():
        return False
    upload = form.cleaned_data["file"]
    try:
        evidence = evidence_attach(
            assessment=assessment, upload=upload, user=request.user, **target
        )
    except EvidenceRefused as refusal:
        form.add_error("file", str(refusal))
        return False
    messages.success(request, f"Attached “{evidence.name}”.")
    return True


@agency_member_required
def action_evidence_add(request: HttpRequest, assessment_id, action_id: int) -> HttpResponse:
    """Attach a file to an action (the form is on the action's page). On errors, the action's
    page says why; nothing is kept."""
    assessment = get_assessment_for_user(request, assessment_id)
    action = get_object_or_404(ActionItem, pk=action_id, assessment=assessment)
    edit_url = reverse("assessment_action_edit", args=[assessment.pk, action.pk])
    if request.method != "POST":
        return redirect(edit_url)
    form = EvidenceForm(request.POST, request.FILES)
    if not _attach(request, assessment, form, action=action):
        for message in form.errors.get("file", []):
            messages.error(request, f"The file was not attached: {message}")
    return redirect(f"{edit_url}#evidence")


@agency_member_required
def statement_evidence(request: HttpRequest, assessment_id, item_id: int) -> HttpResponse:
    """The files that support a statement's evidence note, and attaching one. Template:
    plans/statement_evidence.html. Context: ``assessment``, ``item``, ``response`` (the
    answer and note, or None), ``files`` and ``form``."""
    assessment = get_assessment_for_user(request, assessment_id)
    item = get_object_or_404(Item.objects.select_related("suggestion", "domain"), pk=item_id)
    response = Response.objects.filter(assessment=assessment, item=item).first()
    if response is None and not item.is_active:
        return render(request, "404.html", status=404)
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and _attach(request, assessment, form, item=item):
        return redirect(request.path + "#evidence")
    return render(
        request,
        "plans/statement_evidence.html",
        {
            "assessment": assessment,
            "item": item,
            "response": response,
            "files": assessment.evidence.filter(item=item).select_related("uploaded_by"),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@agency_member_required
def evidence_download(request: HttpRequest, assessment_id, evidence_id: int):
    """The file, as an attachment the browser may not sniff or show inline."""
    assessment = get_assessment_for_user(request, assessment_id)
    evidence = get_evidence(assessment, evidence_id)
    try:
        stored = evidence.file.open("rb")
    except OSError:  # the row is there, the file is gone from storage (restored apart?)
        raise Http404("The file is missing from storage") from None
    response = FileResponse(
        stored,
        as_attachment=True,
        filename=evidence.name,
        content_type=CONTENT_TYPES[evidence.kind],
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@agency_member_required
def evidence_remove(request: HttpRequest, assessment_id, evidence_id: int) -> HttpResponse:
    """Remove a file (a button beside it): the row now, the stored file once committed."""
    assessment = get_assessment_for_user(request, assessment_id)
    evidence = get_evidence(assessment, evidence_id)
    if evidence.action_id:
        back = reverse("assessment_action_edit", args=[assessment.pk, evidence.action_id])
    else:
        back = reverse("statement_evidence", args=[assessment.pk, evidence.item_id])
    if request.method == "POST":
        evidence_remove_service(evidence=evidence)
        messages.success(request, f"Removed “{evidence.name}”.")
    return redirect(f"{back}#evidence")
