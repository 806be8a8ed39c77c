"""Who may open the program view: members of the "Program staff" group who belong to no agency.

Agency members are kept out even when they are in the group: the minimum group size protects
agencies from readers who know none of them, and an agency member knows their own agency's
answers, which would let them read more into a small group's counts than anyone else can.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest
from django.shortcuts import render

PROGRAM_STAFF = "Program staff"  # created by program/migrations/0001_program_staff_group.py


def is_program_staff(user) -> bool:
    """In the Program staff group and in no agency: who the program view is for."""
    return (
        user.is_authenticated
        and user.agency_id is None
        and user.groups.filter(name=PROGRAM_STAFF).exists()
    )


def program_staff_required(view):
    """Logged in, in the Program staff group and in no agency; others get a 403 that says why."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        in_group = request.user.groups.filter(name=PROGRAM_STAFF).exists()
        if not in_group or request.user.agency_id is not None:
            return render(request, "program/not_allowed.html", {"in_group": in_group}, status=403)
        return view(request, *args, **kwargs)

    return wrapper
