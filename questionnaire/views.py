"""The questionnaire: the agency context, one page per domain, the review and submitting."""

from dataclasses import replace
from datetime import datetime

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from questionnaire.access import agency_member_required, get_assessment_for_user
from questionnaire.forms import AssessmentNameForm, ContextForm, SectionForm, SubmitForm
from questionnaire.models import CONTEXT_FIELDS, Assessment, Response, answer_label
from questionnaire.scoring import POINTS, level_bands
from questionnaire.sections import (
    CONTEXT,
    REVIEW,
    Section,
    assessment_progress,
    assessment_sections,
    first_unfinished,
    questionnaire_sections,
    review_sections,
)
from questionnaire.services import (
    AssessmentLocked,
    assessment_context_save,
    assessment_submit,
    section_save,
)

LOCKED_MESSAGE = (
    "This assessment was submitted on {date} and can no longer be changed; nothing was saved. "
    "To record changes, start a new assessment from your assessments page (you can copy "
    "these answers)."
)


def _locked(request: HttpRequest, assessment: Assessment) -> None:
    date = timezone.localtime(assessment.submitted_at)
    messages.warning(request, LOCKED_MESSAGE.format(date=f"{date:%B %-d, %Y}"))


def section_url(assessment: Assessment, slug: str) -> str:
    if slug == CONTEXT:
        return reverse("assessment_context", args=[assessment.pk])
    if slug == REVIEW:
        return reverse("assessment_review", args=[assessment.pk])
    return reverse("assessment_section", args=[assessment.pk, slug])


@agency_member_required
def assessment_rename(request: HttpRequest, assessment_id) -> HttpResponse:
    """Rename an assessment (also once submitted: the name is not an answer).

    Template: questionnaire/rename.html. Context: ``assessment`` and ``form``.
    """
    assessment = get_assessment_for_user(request, assessment_id)
    form = AssessmentNameForm(request.POST or None, instance=assessment)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Renamed the assessment “{assessment.name}”.")
        return redirect("assessment_list")
    return render(request, "questionnaire/rename.html", {"assessment": assessment, "form": form})


@agency_member_required
def assessment_resume(request: HttpRequest, assessment_id) -> HttpResponse:
    """Go to the first unfinished section (or the review, or the results if submitted)."""
    assessment = get_assessment_for_user(request, assessment_id)
    if assessment.is_submitted:
        return redirect("assessment_results", assessment.pk)
    sections = questionnaire_sections()
    answered = Response.objects.filter(assessment=assessment).exclude(value="")
    progress = assessment_progress(assessment, sections, answered.values_list("item_id", flat=True))
    section = first_unfinished(progress)
    return redirect(section_url(assessment, section.slug if section else REVIEW))


def _steps(assessment: Assessment, sections: list[Section], responses: list[Response], current):
    """The step list, and the previous and next steps around ``current``."""
    progress = assessment_progress(assessment, sections, (r.item_id for r in responses if r.value))
    for entry in progress:
        entry.url = section_url(assessment, entry.section.slug)
    slugs = [s.slug for s in sections] + [REVIEW]
    index = slugs.index(current)
    titles = [s.title for s in sections] + ["Review and submit"]
    return {
        "progress": progress,
        "current": current,
        "step_number": index + 1,
        "step_count": len(slugs),
        "step_title": titles[index],
        "previous_url": section_url(assessment, slugs[index - 1]) if index > 0 else None,
        "next_url": section_url(assessment, slugs[index + 1]) if index + 1 < len(slugs) else None,
        "review_url": section_url(assessment, REVIEW),
    }


def _after_save(request: HttpRequest, assessment: Assessment, steps: dict) -> HttpResponse:
    action = request.POST.get("action", "continue")
    if action == "later":
        messages.success(
            request,
            "Your answers are saved. To carry on, from this or any other device, log in and "
            "choose “Continue” beside the assessment.",
        )
        return redirect("assessment_list")
    if action == "back" and steps["previous_url"]:
        messages.success(request, "Your answers are saved.")
        return redirect(steps["previous_url"])
    messages.success(request, "Your answers are saved.")
    return redirect(steps["next_url"] or steps["review_url"])


def _rate_again_hints(assessment: Assessment, responses: list[Response]) -> dict[int, str]:
    """{item id: why} for the statements of a draft to rate again: a reassessment's copy marks
    those whose actions were marked done (plans carries it). None once submitted."""
    if assessment.is_submitted:
        return {}
    return {r.item_id: r.rate_again for r in responses if r.rate_again}


def _rate_again(assessment, sections: list[Section], responses: list[Response]) -> list[tuple]:
    """(section, item, why) for the statements to rate again, in the questionnaire's order."""
    hints = _rate_again_hints(assessment, responses)
    return [
        (section, item, hints[item.pk])
        for section in sections
        for item in section.items
        if item.pk in hints
    ]


def _loaded_at(request: HttpRequest) -> datetime | None:
    """When the form was sent to the browser; None if the field is missing or was altered."""
    try:
        value = datetime.fromisoformat(request.POST.get("loaded_at", ""))
    except ValueError:
        return None
    return value if timezone.is_aware(value) else None


@agency_member_required
def assessment_context(request: HttpRequest, assessment_id) -> HttpResponse:
    """The agency-context section. Template: questionnaire/context.html."""
    assessment = get_assessment_for_user(request, assessment_id)
    sections = assessment_sections(assessment)
    responses = list(Response.objects.filter(assessment=assessment))
    if request.method == "POST" and assessment.is_submitted:
        _locked(request, assessment)
        return redirect(request.path)
    form = ContextForm(request.POST if request.method == "POST" else None, instance=assessment)
    if request.method == "POST" and form.is_valid():
        try:
            assessment_context_save(assessment=assessment, values=form.cleaned_data)
        except AssessmentLocked:
            _locked(request, assessment)
            return redirect(request.path)
        assessment.refresh_from_db()
        if form.ignored_message:
            messages.info(request, form.ignored_message)
        return _after_save(request, assessment, _steps(assessment, sections, responses, CONTEXT))
    if request.method == "POST":
        # Show the saved state in the step list, not the rejected input.
        assessment.refresh_from_db()
    return render(
        request,
        "questionnaire/context.html",
        {
            "assessment": assessment,
            "form": form,
            "section_title": "Agency context",
            "rate_again": _rate_again(assessment, sections, responses),
            **_steps(assessment, sections, responses, CONTEXT),
        },
    )


@agency_member_required
def assessment_section(request: HttpRequest, assessment_id, slug: str) -> HttpResponse:
    """One domain's rated items. Template: questionnaire/section.html.

    Context: ``section`` (with its domain and items, those to rate again first), ``form`` (a
    SectionForm), ``rate_again`` ({item id: why}), the step list (``progress``,
    ``previous_url``, ``next_url``) and ``loaded_at``.
    """
    assessment = get_assessment_for_user(request, assessment_id)
    sections = assessment_sections(assessment)
    section = next((s for s in sections if s.slug == slug and not s.is_context), None)
    if section is None:
        raise Http404("No such section")
    responses = list(Response.objects.filter(assessment=assessment))
    steps = _steps(assessment, sections, responses, slug)
    hints = _rate_again_hints(assessment, responses)
    if hints:
        # Statements behind actions marked done come first, to be rated again.
        section = replace(section, items=sorted(section.items, key=lambda i: i.pk not in hints))
    if request.method == "POST":
        if assessment.is_submitted:
            _locked(request, assessment)
            return redirect(request.path)
        form = SectionForm(request.POST, items=section.items)
        if form.is_valid():
            try:
                outcome = section_save(
                    assessment=assessment,
                    items=section.items,
                    answers=form.answers(),
                    loaded_at=_loaded_at(request),
                )
            except AssessmentLocked:
                _locked(request, assessment)
                return redirect(request.path)
            _report_stale_input(request, section, outcome.overwritten)
            responses = list(Response.objects.filter(assessment=assessment))
            steps = _steps(assessment, sections, responses, slug)
            return _after_save(request, assessment, steps)
    else:  # the answers as saved (read-only once submitted)
        form = _saved_section_form(section, responses)
    return render(
        request,
        "questionnaire/section.html",
        {
            "assessment": assessment,
            "section": section,
            "section_title": section.title,
            "form": form,
            "rate_again": hints,
            "loaded_at": timezone.now().isoformat(),
            **steps,
        },
    )


def _saved_section_form(section: Section, responses: list[Response]) -> SectionForm:
    """The section's form showing the answers as saved."""
    in_section = [r for r in responses if r.item_id in {i.pk for i in section.items}]
    return SectionForm(initial=SectionForm.initial_for(in_section), items=section.items)


def _report_stale_input(request: HttpRequest, section: Section, overwritten: int) -> None:
    posted = {key for key in request.POST if key.startswith("item-")}
    current = {f"item-{item.pk}" for item in section.items}
    if posted - current:
        messages.info(
            request,
            "A statement on this page was withdrawn by the guidance editors while you were "
            "answering; your answer to it was not kept. Your other answers were saved.",
        )
    if overwritten:
        messages.warning(
            request,
            f"{overwritten} answer{'s' if overwritten != 1 else ''} on this page had been "
            "changed in another window or by a colleague after you opened it; your answers "
            "replaced them. Check the page if that was not intended.",
        )


@agency_member_required
def assessment_review(request: HttpRequest, assessment_id) -> HttpResponse:
    """Every answer by section, what is left, and submitting. Template: questionnaire/review.html.

    Context: ``context_answers`` ((question, answer) of the agency-context section),
    ``reviews`` (each rated section with every statement and its answer, and counts of
    "don't know" and unanswered), ``missing_items`` and ``form``.
    """
    assessment = get_assessment_for_user(request, assessment_id)
    sections = assessment_sections(assessment)
    responses = list(Response.objects.filter(assessment=assessment))
    steps = _steps(assessment, sections, responses, REVIEW)
    reviews = review_sections(steps["progress"], {r.item_id: r.value for r in responses})
    missing_items = sum(review.unanswered for review in reviews)
    form = SubmitForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if assessment.is_submitted:
            _locked(request, assessment)
            return redirect("assessment_results", assessment.pk)
        if form.is_valid():
            if missing_items and not form.cleaned_data["confirm_incomplete"]:
                form.add_error(
                    "confirm_incomplete",
                    f"{missing_items} statement{'s are' if missing_items != 1 else ' is'} "
                    f"unanswered. Answer {'them' if missing_items != 1 else 'it'}, or check "
                    "this box to submit anyway.",
                )
            elif assessment_submit(assessment=assessment, user=request.user):
                messages.success(request, "Assessment submitted. Here are your results.")
                return redirect("assessment_results", assessment.pk)
            else:
                messages.info(request, "This assessment had already been submitted.")
                return redirect("assessment_results", assessment.pk)
    return render(
        request,
        "questionnaire/review.html",
        {
            "assessment": assessment,
            "section_title": "Review and submit",
            "context_answers": [
                (Assessment._meta.get_field(name).verbose_name, assessment.context_answer(name))
                for name in CONTEXT_FIELDS
            ],
            "context_url": section_url(assessment, CONTEXT),
            "reviews": reviews,
            "missing_items": missing_items,
            "form": form,
            **steps,
        },
    )


def scoring_explained(request: HttpRequest) -> HttpResponse:
    """How scores are calculated, public. Template: questionnaire/scoring.html."""
    scale = [(answer_label(value), points) for value, points in POINTS.items()]
    return render(request, "questionnaire/scoring.html", {"scale": scale, "bands": level_bands()})
