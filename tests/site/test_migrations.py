"""A database filled before the apps were split keeps every row when it is migrated.

The plan's models moved from the questionnaire app to plans, and the invitations' to
perspectives (questionnaire/0011, plans/0001-0002, perspectives/0001-0002): Django's record of
them changes and their tables are renamed. This test migrates the database back to where main
stood before the split, fills every moved table through the models of that time, migrates
forward again and reads every row back through today's models.
"""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.models import Agency, User
from guidance.models import Item, Suggestion

BEFORE_THE_SPLIT = [("questionnaire", "0010_submitted_scores"), ("plans", None),
                    ("perspectives", None)]  # fmt: skip


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def fill_before_the_split(apps) -> dict:
    """One row of every moved model, and what it should read back as."""
    item = Item.objects.filter(is_active=True).first()
    suggestion = Suggestion.objects.first()
    # People and agencies did not move: today's models write their rows, in bulk, so that no
    # receiver of today's code looks at tables of the older schema.
    [agency] = Agency.objects.bulk_create([Agency(
        name="Old Town Police Department", slug="old-town-pd", agency_type="municipal",
        sworn_officers="1-24", state="OH", population_served="<25k",
    )])  # fmt: skip
    [chief] = User.objects.bulk_create(
        [User(email="chief@oldtown.example", full_name="Old Chief", agency=agency)]
    )
    assessment = apps.get_model("questionnaire", "Assessment").objects.create(
        agency_id=agency.pk, created_by_id=chief.pk, name="2025 baseline"
    )
    q = {name: apps.get_model("questionnaire", name) for name in [
        "Response", "ActionItem", "ActionStatusChange", "PlanReminder",
        "InformationSharingWorksheet", "Invitation", "PersonalInvitation",
        "PerspectiveResponse", "PerspectiveAnswer",
    ]}  # fmt: skip
    q["Response"].objects.create(assessment_id=assessment.pk, item_id=item.pk, value="partly")
    action = q["ActionItem"].objects.create(
        assessment_id=assessment.pk, source="gaps", suggestion_id=suggestion.pk,
        title="Brief the council", owner="Deputy Ortiz", owner_member_id=chief.pk,
        timeframe="30", timeframe_set_on=datetime.date(2025, 5, 1), status="in_progress",
        notes="Agreed at command staff.", order=1,
    )  # fmt: skip
    q["ActionStatusChange"].objects.create(
        action_id=action.pk, status="in_progress", changed_by_id=chief.pk
    )
    q["PlanReminder"].objects.create(
        action_id=action.pk, due_date=datetime.date(2025, 5, 31), recipient_id=chief.pk
    )
    q["InformationSharingWorksheet"].objects.create(
        assessment_id=assessment.pk, flow="two_way", recipients="Outreach supervisor."
    )
    link = q["Invitation"].objects.create(
        assessment_id=assessment.pk, perspective="residents", label="Town hall",
        token="old-open-link-token", expires_on=datetime.date(2030, 1, 1),
    )  # fmt: skip
    q["PersonalInvitation"].objects.create(
        invitation_id=link.pk, token_hash="a" * 64, email_digest="b" * 64, email=""
    )
    response = q["PerspectiveResponse"].objects.create(
        invitation_id=link.pk, perspective="residents", share_notes=True
    )
    q["PerspectiveAnswer"].objects.create(
        response_id=response.pk, item_id=item.pk, value="planned", note="Slow to start."
    )
    return {"assessment": assessment.pk, "action": action.pk, "link": link.pk, "item": item.pk}


@pytest.mark.django_db(transaction=True)
def test_a_database_filled_before_the_split_keeps_every_row(migrated_data):
    executor = migrate(BEFORE_THE_SPLIT)
    try:
        ids = fill_before_the_split(executor.loader.project_state(BEFORE_THE_SPLIT[0]).apps)
    finally:  # whatever happens, the database ends as every other test expects it
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    from perspectives.models import (
        Invitation,
        PersonalInvitation,
        PerspectiveAnswer,
        PerspectiveResponse,
    )
    from plans.models import (
        ActionItem,
        ActionStatusChange,
        InformationSharingWorksheet,
        PlanReminder,
    )
    from questionnaire.models import Assessment

    assessment = Assessment.objects.get(pk=ids["assessment"])
    assert assessment.responses.get().value == "partly"
    action = ActionItem.objects.get(pk=ids["action"])
    assert (action.assessment_id, action.title, action.owner, action.status) == (
        assessment.pk, "Brief the council", "Deputy Ortiz", "in_progress"
    )
    assert action.due_date == datetime.date(2025, 5, 31)
    assert ActionStatusChange.objects.get().action_id == action.pk
    assert PlanReminder.objects.get().action_id == action.pk
    assert InformationSharingWorksheet.objects.get().recipients == "Outreach supervisor."
    link = Invitation.objects.get(pk=ids["link"])
    assert (link.assessment_id, link.label, link.token) == (
        assessment.pk, "Town hall", "old-open-link-token"
    )
    assert PersonalInvitation.objects.get().invitation_id == link.pk
    answer = PerspectiveAnswer.objects.get()
    assert answer.response.invitation_id == link.pk and answer.note == "Slow to start."
    assert PerspectiveResponse.objects.count() == 1
    # The tables carry their app's names now.
    tables = set(connection.introspection.table_names())
    assert {"plans_actionitem", "perspectives_invitation"} <= tables
    assert "questionnaire_actionitem" not in tables
    # New rows get keys after the old ones (the sequences came along).
    new = ActionItem.objects.create(assessment=assessment, title="Another", order=2)
    assert new.pk > action.pk
