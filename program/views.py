from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from benchmarks.groups import ALL
from program.access import is_program_staff, program_staff_required
from program.export import program_csv as figures_csv
from program.figures import LEVEL_LABELS, group_view, program_figures, program_wording


@program_staff_required
def program_view(request: HttpRequest) -> HttpResponse:
    """Figures across participating agencies, one group at a time. Template: program/program.html.

    Context: ``figures`` (ProgramFigures: every shown group), ``view`` (the chosen group's
    GroupView, or None when no group can be shown), ``chosen`` (its key), ``unknown_group``
    (the address asked for a group that is not shown) and ``level_labels``.
    """
    figures = program_figures()
    chosen = request.GET.get("group", ALL)
    unknown_group = chosen not in figures.groups and bool(figures.groups)
    if chosen not in figures.groups:
        chosen = ALL
    view = group_view(figures, chosen, program_wording(figures)) if figures.groups else None
    return render(
        request,
        "program/program.html",
        {
            "figures": figures,
            "view": view,
            "chosen": chosen,
            "unknown_group": unknown_group,
            "level_labels": LEVEL_LABELS,
        },
    )


@program_staff_required
def program_csv(request: HttpRequest) -> HttpResponse:
    """The program view's figures for every shown group, as a CSV download."""
    response = HttpResponse(figures_csv(program_figures()), content_type="text/csv; charset=utf-8")
    filename = f"cvi-program-figures-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def after_login(request: HttpRequest) -> HttpResponse:
    """Where a log-in lands: program staff on the program view, everyone else on their
    agency's assessments (which explains how to join an agency to those who have none)."""
    return redirect("program" if is_program_staff(request.user) else "assessment_list")
