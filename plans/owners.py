"""Who owns an action: a member of the team, a colleague invited to it, or a named person
outside it. One owner per action (a database constraint); reminders go to a member owner.

The forms offer one choice for the owner ("member-7", "invited-3", "outside" or nobody), plus
a name that is used only for someone outside the team.
"""

from dataclasses import dataclass

from django import forms

from accounts.models import Agency, MemberInvitation, User
from plans.models import ActionItem

OUTSIDE = "outside"
NOBODY = "nobody"


@dataclass
class Team:
    """The people an action can be given to: the agency's members and the colleagues invited
    who have not joined yet (two queries, read once per page)."""

    members: list[User]
    invited: list[MemberInvitation]

    def choices(self, extra: ActionItem | None = None) -> list:
        """Grouped choices for a select, with ``extra``'s current owner kept if they left
        the team or their invitation was withdrawn (so an unchanged form stays valid)."""
        members = [(f"member-{user.pk}", user.full_name or user.email) for user in self.members]
        invited = [(f"invited-{inv.pk}", f"{inv.email} (invited)") for inv in self.invited]
        if extra is not None and extra.owner_member_id is not None:
            key = f"member-{extra.owner_member_id}"
            if key not in dict(members):
                members.append((key, f"{extra.owner_label} (no longer in the team)"))
        if extra is not None and extra.owner_invitation_id is not None:
            key = f"invited-{extra.owner_invitation_id}"
            if key not in dict(invited):
                invited.append((key, f"{extra.owner_invitation.email} (invitation ended)"))
        groups = [("Your team", members)]
        if invited:
            groups.append(("Invited, not joined yet", invited))
        groups.append(
            ("Outside your team", [(OUTSIDE, "Someone outside your team (type the name)")])
        )
        return groups


def agency_team(agency: Agency) -> Team:
    return Team(
        members=list(
            User.objects.filter(agency=agency, is_active=True).order_by("full_name", "email")
        ),
        invited=list(agency.member_invitations.pending().order_by("email")),
    )


@dataclass(frozen=True)
class Owner:
    """One owner, or nobody (all empty)."""

    member_id: int | None = None
    invitation_id: int | None = None
    name: str = ""

    def apply(self, action: ActionItem) -> None:
        action.owner_member_id = self.member_id
        action.owner_invitation_id = self.invitation_id
        action.owner = self.name


def owner_of(action: ActionItem) -> str:
    """The choice that stands for an action's owner in the form."""
    if action.owner_member_id is not None:
        return f"member-{action.owner_member_id}"
    if action.owner_invitation_id is not None:
        return f"invited-{action.owner_invitation_id}"
    return OUTSIDE if action.owner else ""


class OwnerFields:
    """The owner's two fields, for a form that also has others: ``owner_choice`` and
    ``owner_name``. ``cleaned_data["owner"]`` is an Owner, or None for "leave as it is"."""

    def add_owner_fields(self, *, team: Team, action: ActionItem | None, empty_label: str):
        choice = forms.ChoiceField(
            label="Choose the owner",
            required=False,
            choices=[("", empty_label), *team.choices(action)],
            help_text="A member of your team gets reminders and sees the action under "
            "“My actions”.",
        )
        choice.error_messages["invalid_choice"] = (
            "Choose someone from the list: that person is no longer in your team, or the "
            "invitation was withdrawn."
        )
        self.fields["owner_choice"] = choice
        self.fields["owner_name"] = forms.CharField(
            label="Name of the owner outside your team",
            required=False,
            max_length=200,
            help_text="Only with “Someone outside your team”, e.g. “Dana Reyes, Safe Streets "
            "site lead”.",
        )
        if action is not None:
            self.initial.setdefault("owner_choice", owner_of(action))
            self.initial.setdefault("owner_name", action.owner)

    def clean_owner(self, cleaned: dict) -> Owner | None:
        """The owner chosen; None when the choice is empty and keeping is allowed."""
        choice = cleaned.get("owner_choice", "")
        name = " ".join(cleaned.get("owner_name", "").split())
        if choice.startswith("member-"):
            return Owner(member_id=int(choice.removeprefix("member-")))
        if choice.startswith("invited-"):
            return Owner(invitation_id=int(choice.removeprefix("invited-")))
        if choice == OUTSIDE and not name:
            self.add_error(
                "owner_name",
                "Type the name of the owner outside your team, or choose someone from your team.",
            )
            return None
        if choice == OUTSIDE or name:
            return Owner(name=name)
        return Owner() if choice == NOBODY or self.nobody_when_empty else None

    nobody_when_empty = True


def after_member_joined(sender, *, invitation: MemberInvitation, user: User, **kwargs) -> None:
    """The actions given to an invited colleague are theirs, as a member, once they join."""
    ActionItem.objects.filter(owner_invitation=invitation).update(
        owner_invitation=None, owner_member=user
    )


def after_member_left(sender, *, agency: Agency, user: User, **kwargs) -> None:
    """Someone who leaves no longer owns the agency's actions as a member: their name stays,
    typed, so the plan still says who had it and the team can give it to someone else."""
    ActionItem.objects.filter(owner_member=user, assessment__agency=agency).update(
        owner_member=None, owner=(user.full_name or user.email)[:200]
    )
