"""A command-staff workshop: the owner starts it and picks the raters, each rates alone, the
ratings are revealed, the differences are discussed one statement at a time (meeting mode),
and the agreed level becomes the assessment's answer."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from questionnaire.access import agency_member_required, get_assessment_for_user
from questionnaire.models import Response
from questionnaire.sections import Section, assessment_sections
from questionnaire.services import AssessmentLocked
from workshops.access import (
    get_rater,
    get_revealed_workshop,
    may_see_ratings,
)
from workshops.forms import AgreedLevelForm, RatingForm, WorkshopStartForm
from workshops.models import Rating, Workshop
from workshops.services import (
    RatingsLocked,
    WorkshopError,
    agreed_answer_record,
    rater_finish,
    ratings_save,
    unanimous_answers_record,
    workshop_reveal,
    workshop_start,
)
from workshops.spread import workshop_spread

SUBMITTED = "The assessment was submitted: its answers and the workshop's ratings no longer change."


def _overview_url(assessment_id) -> str:
    return reverse("assessment_workshop", args=[assessment_id])


def _who_sees(assessment, raters) -> dict:
    """What the "who will see your ratings" note names (workshops/includes/who_sees.html)."""
    return {
        "owners": list(assessment.agency.owners()),
        "raters": raters,
        "min_agencies": settings.PEER_MIN_AGENCIES,
    }


def _rated_sections(assessment) -> list[Section]:
    return [s for s in assessment_sections(assessment) if not s.is_context]


@agency_member_required
def assessment_workshop(request: HttpRequest, assessment_id) -> HttpResponse:
    """The workshop: starting it (owners), who rates and how far each has got, who will see
    the ratings, revealing them (owners). Template: workshops/workshop.html.

    Context: ``workshop`` (None before it starts), ``raters`` (each with ``rated``), ``me``
    (your place among the raters, or None), ``owners``, ``form`` (starting it), ``statements``
    (how many there are to rate) and ``may_see`` (whether you may see the ratings now).
    """
    assessment = get_assessment_for_user(request, assessment_id)
    workshop = Workshop.objects.filter(assessment=assessment).first()
    members = request.user.agency.members.filter(is_active=True).order_by("full_name", "email")
    form = WorkshopStartForm(
        request.POST if request.POST.get("action") == "start" else None, members=members
    )
    if request.method == "POST":
        if not request.user.is_agency_owner:
            raise PermissionDenied("Only your agency's owner can start or reveal a workshop")
        if request.POST.get("action") == "reveal" and workshop is not None:
            return _reveal(request, assessment, workshop)
        if workshop is not None:
            messages.info(request, "This assessment already has a workshop.")
            return redirect(_overview_url(assessment.pk))
        if request.POST.get("action") == "start" and form.is_valid():
            try:
                workshop_start(
                    assessment=assessment,
                    by=request.user,
                    raters=form.cleaned_data["raters"],
                    anonymous=form.cleaned_data["anonymous"],
                )
            except WorkshopError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    "The workshop has started. Each rater now rates every statement alone; "
                    "nobody sees anyone else's ratings until you reveal them or everyone has "
                    "finished.",
                )
                return redirect(_overview_url(assessment.pk))
    sections = _rated_sections(assessment)
    item_ids = [item.pk for section in sections for item in section.items]
    raters = (
        list(
            workshop.raters.annotate(
                rated=Count(
                    "ratings", filter=Q(ratings__item_id__in=item_ids) & ~Q(ratings__value="")
                )
            )
        )
        if workshop
        else []
    )
    me = next((rater for rater in raters if rater.user_id == request.user.pk), None)
    return render(
        request,
        "workshops/workshop.html",
        {
            "assessment": assessment,
            "workshop": workshop,
            "raters": raters,
            "me": me,
            "form": form,
            "statements": len(item_ids),
            "first_section": sections[0].slug if sections else None,
            "may_see": workshop is not None and may_see_ratings(workshop, request.user, me),
            **_who_sees(assessment, raters),
        },
    )


def _reveal(request: HttpRequest, assessment, workshop: Workshop) -> HttpResponse:
    try:
        revealed = workshop_reveal(workshop=workshop, by=request.user)
    except RatingsLocked as error:
        messages.warning(request, str(error))
        return redirect(_overview_url(assessment.pk))
    if revealed:
        messages.success(request, "The ratings are revealed: rating has stopped.")
    else:
        messages.info(request, "The ratings had already been revealed.")
    return redirect("workshop_differences", assessment.pk)


def _rating_steps(assessment_id, sections: list[Section], slug: str) -> dict:
    slugs = [section.slug for section in sections]
    index = slugs.index(slug)

    def url(i: int) -> str:
        if i >= len(slugs):
            return reverse("workshop_finish", args=[assessment_id])
        return reverse("workshop_rate", args=[assessment_id, slugs[i]])

    return {
        "steps": [(s, url(i)) for i, s in enumerate(sections)],
        "step_number": index + 1,
        "previous_url": url(index - 1) if index > 0 else None,
        "next_url": url(index + 1),
    }


@agency_member_required
def workshop_rate(request: HttpRequest, assessment_id, slug: str) -> HttpResponse:
    """A rater's own ratings of one section: the assessment's statements, level descriptions
    and evidence hints, saved as the rater goes. Template: workshops/rate.html.

    Context: ``rater``, ``section``, ``form`` (a RatingForm), ``frozen`` (revealed or
    submitted: the ratings are shown, not editable), the rating steps (``steps``,
    ``previous_url``, ``next_url``).
    """
    rater = get_rater(request, assessment_id)
    workshop = rater.workshop
    sections = _rated_sections(workshop.assessment)
    section = next((s for s in sections if s.slug == slug), None)
    if section is None:
        raise Http404("No such section")
    steps = _rating_steps(assessment_id, sections, slug)
    frozen = workshop.is_revealed or workshop.assessment.is_submitted
    if request.method == "POST":
        form = RatingForm(request.POST, items=section.items)
        if form.is_valid():
            try:
                ratings_save(rater=rater, items=section.items, answers=form.answers())
            except RatingsLocked as error:
                messages.warning(request, str(error))
                return redirect(request.path)
            messages.success(request, "Your ratings are saved.")
            action = request.POST.get("action", "continue")
            if action == "later":
                return redirect(_overview_url(assessment_id))
            if action == "back" and steps["previous_url"]:
                return redirect(steps["previous_url"])
            return redirect(steps["next_url"])
    else:
        ratings = Rating.objects.filter(rater=rater, item__in=section.items)
        form = RatingForm(initial=RatingForm.initial_for(ratings), items=section.items)
    return render(
        request,
        "workshops/rate.html",
        {
            "assessment": workshop.assessment,
            "workshop": workshop,
            "rater": rater,
            "section": section,
            "form": form,
            "frozen": frozen,
            **steps,
            **_who_sees(workshop.assessment, list(workshop.raters.all())),
        },
    )


@agency_member_required
def workshop_finish(request: HttpRequest, assessment_id) -> HttpResponse:
    """A rater's count of what they have rated, and saying they have finished. Template:
    workshops/finish.html. Context: ``rater``, ``progress`` ((section, rated, total) each)."""
    rater = get_rater(request, assessment_id)
    workshop = rater.workshop
    if request.method == "POST":
        try:
            revealed = rater_finish(rater=rater)
        except RatingsLocked as error:
            messages.warning(request, str(error))
            return redirect(_overview_url(assessment_id))
        if revealed:
            messages.success(request, "Everyone has finished: the ratings are revealed.")
            return redirect("workshop_differences", assessment_id)
        messages.success(
            request,
            "Thank you: you have finished. Until the ratings are revealed you can still change "
            "them.",
        )
        return redirect(_overview_url(assessment_id))
    sections = _rated_sections(workshop.assessment)
    rated = set(
        Rating.objects.filter(rater=rater).exclude(value="").values_list("item_id", flat=True)
    )
    progress = [
        (
            section,
            sum(1 for item in section.items if item.pk in rated),
            len(section.items),
            reverse("workshop_rate", args=[assessment_id, section.slug]),
        )
        for section in sections
    ]
    return render(
        request,
        "workshops/finish.html",
        {
            "assessment": workshop.assessment,
            "workshop": workshop,
            "rater": rater,
            "progress": progress,
            "unrated": sum(total - done for _s, done, total, _url in progress),
            "frozen": workshop.is_revealed or workshop.assessment.is_submitted,
        },
    )


def _spread_for(workshop: Workshop):
    assessment = workshop.assessment
    answers = dict(Response.objects.filter(assessment=assessment).values_list("item_id", "value"))
    return workshop_spread(workshop, sections=assessment_sections(assessment), answers=answers)


@agency_member_required
def workshop_differences(request: HttpRequest, assessment_id) -> HttpResponse:
    """Where the raters differ, after the reveal: the agreement figures, every statement with
    who chose what (or counts only), statements two or more levels apart first, and each
    domain's spread of scores. Template: workshops/differences.html.

    Context: ``workshop``, ``spread`` (a WorkshopSpread) and ``anonymous``. A POST records
    every statement the raters rated alike as the agreed answer.
    """
    workshop, _rater = get_revealed_workshop(request, assessment_id)
    spread = _spread_for(workshop)
    if request.method == "POST":
        statements = spread.unanimous_unrecorded
        try:
            unanimous_answers_record(
                workshop=workshop,
                items=[s.item for s in statements],
                values={s.item.pk: s.unanimous_value for s in statements},
            )
        except AssessmentLocked:
            messages.warning(request, SUBMITTED + " Nothing was saved.")
        else:
            count = len(statements)
            messages.success(
                request,
                f"{count} statement{'s' if count != 1 else ''} that everyone rated alike "
                f"{'are' if count != 1 else 'is'} recorded as agreed.",
            )
        return redirect(request.path)
    return render(
        request,
        "workshops/differences.html",
        {
            "assessment": workshop.assessment,
            "workshop": workshop,
            "spread": spread,
            "anonymous": workshop.anonymous,
        },
    )


@agency_member_required
def workshop_meeting(request: HttpRequest, assessment_id, number: int) -> HttpResponse:
    """Meeting mode: one statement at a time, in order of disagreement, in large type for a
    projector, with who chose what, the level descriptions and the raters' notes; the level
    chosen is recorded as the assessment's answer. Template: workshops/meeting.html.

    Context: ``statement`` (a RatedStatement), ``number``, ``count``, ``form`` (an
    AgreedLevelForm), ``previous_url``, ``next_url`` and ``anonymous``.
    """
    workshop, _rater = get_revealed_workshop(request, assessment_id)
    spread = _spread_for(workshop)
    count = len(spread.statements)
    if not 1 <= number <= count:
        raise Http404("No such statement")
    statement = spread.statements[number - 1]
    item = statement.item

    def meeting_url(n: int) -> str:
        return reverse("workshop_meeting", args=[assessment_id, n])

    next_url = (
        meeting_url(number + 1)
        if number < count
        else reverse("assessment_review", args=[assessment_id])
    )
    if request.method == "POST":
        form = AgreedLevelForm(request.POST, item=item)
        if form.is_valid():
            value, note = form.answers()[item.pk]
            try:
                agreed_answer_record(workshop=workshop, item=item, value=value, note=note)
            except AssessmentLocked:
                messages.warning(request, SUBMITTED + " Nothing was saved.")
                return redirect(request.path)
            messages.success(request, f"Statement {number} is recorded as agreed.")
            return redirect(next_url)
    else:
        response = Response.objects.filter(assessment=workshop.assessment, item=item)
        form = AgreedLevelForm(initial=AgreedLevelForm.initial_for(response), item=item)
    return render(
        request,
        "workshops/meeting.html",
        {
            "assessment": workshop.assessment,
            "workshop": workshop,
            "statement": statement,
            "levels": statement.levels(anonymous=workshop.anonymous),
            "notes": statement.notes(anonymous=workshop.anonymous),
            "number": number,
            "count": count,
            "form": form,
            "previous_url": meeting_url(number - 1) if number > 1 else None,
            "next_url": next_url,
            "is_last": number == count,
            "anonymous": workshop.anonymous,
        },
    )
