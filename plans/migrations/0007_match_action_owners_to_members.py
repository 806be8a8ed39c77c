"""An action has one owner from now on. Its typed owner becomes the member of the agency whose
full name is exactly the same (one member only); any other typed owner stays as typed. Where
an action had both a typed owner that matches nobody and a "member who gets reminders", the
typed owner stays and the notes say who got the reminders, so that nothing is lost.

Also: every action gets its own calendar identifier; a copy made by an earlier reassessment
is linked to the action it was copied from (a copy keeps the original's creation time, kind
and suggestion) and shares its identifier; reminders sent about overdue actions are marked
as such. Frozen: this file does the same thing forever.
"""

import uuid
from collections import defaultdict

from django.db import migrations

NOTE_MAX_LENGTH = 2000


def match_owners(apps, schema_editor):
    ActionItem = apps.get_model("plans", "ActionItem")
    User = apps.get_model("accounts", "User")
    names = defaultdict(list)
    for user in User.objects.exclude(agency=None).exclude(full_name=""):
        names[(user.agency_id, user.full_name)].append(user)
    actions = ActionItem.objects.exclude(owner="").select_related("assessment", "owner_member")
    for action in actions.iterator():
        matches = names.get((action.assessment.agency_id, action.owner.strip()), [])
        if len(matches) == 1:
            action.owner_member = matches[0]
            action.owner = ""
        elif action.owner_member is not None:
            who = action.owner_member.full_name or action.owner_member.email
            line = (
                f"Reminders about this action went to {who}. To keep them, choose "
                f"{who} as its owner."
            )
            notes = f"{action.notes}\n\n{line}".strip()
            if len(notes) <= NOTE_MAX_LENGTH:
                action.notes = notes
            action.owner_member = None
        else:
            continue
        action.save(update_fields=["owner", "owner_member", "notes"])


def link_copies(apps, schema_editor):
    ActionItem = apps.get_model("plans", "ActionItem")
    lines = defaultdict(list)
    for action in ActionItem.objects.select_related("assessment").order_by("pk").iterator():
        key = (
            action.assessment.agency_id,
            action.created_at,
            action.source,
            action.suggestion_id,
            action.item_id,
        )
        lines[key].append(action)
    for line in lines.values():
        line.sort(key=lambda a: (a.assessment.created_at, a.pk))
        uid = uuid.uuid4()
        previous = None
        for action in line:
            if previous is not None and previous.assessment_id == action.assessment_id:
                uid = uuid.uuid4()  # two actions of one plan: not a copy
            elif previous is not None:
                action.carried_from = previous
            action.uid = uid
            previous = action
            action.save(update_fields=["uid", "carried_from"])


def mark_overdue_reminders(apps, schema_editor):
    PlanReminder = apps.get_model("plans", "PlanReminder")
    for reminder in PlanReminder.objects.iterator():
        if reminder.due_date < reminder.sent_at.date():
            reminder.kind = "overdue"
            reminder.week = 1
            reminder.save(update_fields=["kind", "week"])


def forwards(apps, schema_editor):
    match_owners(apps, schema_editor)
    link_copies(apps, schema_editor)
    mark_overdue_reminders(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("plans", "0006_action_owners_nudges_calendars_evidence")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
