"""The migration that gives every action one owner: typed owners become the member of the
agency with exactly that full name; the rest stay typed; copies made by earlier reassessments
are linked to their originals and share their calendar identifier."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.models import Agency, User

# The questionnaire as it was then too: its later migrations add columns the rows below lack.
BEFORE = [
    ("plans", "0006_action_owners_nudges_calendars_evidence"),
    ("questionnaire", "0015_rate_again_after_done_actions"),
]


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


@pytest.mark.django_db(transaction=True)
def test_typed_owners_are_matched_to_members_exactly_and_the_rest_stay_typed(migrated_data):
    executor = migrate(BEFORE)
    try:
        apps = executor.loader.project_state(BEFORE).apps
        [agency, other] = Agency.objects.bulk_create([Agency(
            name=f"{name} Police Department", slug=name.lower(), agency_type="municipal",
            sworn_officers="1-24", state="OH", population_served="<25k",
        ) for name in ("Springfield", "Shelbyville")])  # fmt: skip
        [ortiz, kim, _] = User.objects.bulk_create([
            User(email="ortiz@springfield.example", full_name="Maria Ortiz", agency=agency),
            User(email="kim@springfield.example", full_name="Sam Kim", agency=agency),
            User(email="lee@shelbyville.example", full_name="Jo Lee", agency=other),
        ])  # fmt: skip
        Assessment = apps.get_model("questionnaire", "Assessment")
        ActionItem = apps.get_model("plans", "ActionItem")
        first = Assessment.objects.create(agency_id=agency.pk, name="2025")
        Assessment.objects.filter(pk=first.pk).update(
            created_at=first.created_at - datetime.timedelta(days=300)
        )
        later = Assessment.objects.create(agency_id=agency.pk, name="2026")
        rows = {
            "matched": {"owner": "Maria Ortiz"},
            "other agency": {"owner": "Jo Lee"},
            "kept typed": {"owner": "Dana Reyes, Safe Streets"},
            "typed and a member": {"owner": "Deputy Chief Ortiz", "owner_member_id": kim.pk,
                                       "notes": "Draft 2 sent."},
            "member only": {"owner_member_id": kim.pk},
        }  # fmt: skip
        created = {}
        for n, (title, fields) in enumerate(rows.items(), 1):
            created[title] = ActionItem.objects.create(
                assessment_id=first.pk, title=title, order=n, **fields
            )
        original = created["kept typed"]
        ActionItem.objects.create(
            assessment_id=later.pk, title="kept typed (copy, renamed)", order=1,
            owner=original.owner, created_at=original.created_at,
        )  # fmt: skip
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    from plans.models import ActionItem as Action

    def get(title):
        return Action.objects.get(title=title)

    assert (get("matched").owner_member_id, get("matched").owner) == (ortiz.pk, "")
    assert (get("other agency").owner_member_id, get("other agency").owner) == (None, "Jo Lee")
    assert get("kept typed").owner == "Dana Reyes, Safe Streets"
    both = get("typed and a member")
    assert (both.owner, both.owner_member_id) == ("Deputy Chief Ortiz", None)
    assert both.notes == (
        "Draft 2 sent.\n\nReminders about this action went to Sam Kim. To keep them, choose "
        "Sam Kim as its owner."
    )
    assert get("member only").owner_member_id == kim.pk
    copy = get("kept typed (copy, renamed)")
    assert copy.carried_from_id == get("kept typed").pk
    assert copy.uid == get("kept typed").uid
    assert len({a.uid for a in Action.objects.all()}) == Action.objects.count() - 1
