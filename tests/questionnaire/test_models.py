"""Limits the database itself keeps, whatever code writes to it."""

import pytest
from django.apps import apps
from django.db import IntegrityError, models, transaction

from perspectives.models import Invitation, PerspectiveAnswer, PerspectiveResponse
from plans.models import ActionItem, InformationSharingWorksheet
from questionnaire.models import Response
from tests.factories import section_items

# Free text that agencies and invitees write; the guidance (edited by staff) is not included.
FREE_TEXT = [
    field
    for app in ("accounts", "questionnaire")
    for model in apps.get_app_config(app).get_models()
    for field in model._meta.get_fields()
    if isinstance(field, models.TextField)
]


def test_every_free_text_field_has_a_length_limit():
    assert FREE_TEXT, "no text fields found"
    assert [f"{f.model.__name__}.{f.name}" for f in FREE_TEXT if not f.max_length] == []


@pytest.fixture
def rows(draft):
    item = section_items("buy-in")[0]
    invitation = Invitation.objects.create(assessment=draft, perspective="residents")
    answered = PerspectiveResponse.objects.create(invitation=invitation, perspective="residents")
    return {
        Response: Response.objects.create(assessment=draft, item=item, value="partly"),
        ActionItem: ActionItem.objects.create(assessment=draft, title="Brief the council"),
        InformationSharingWorksheet: InformationSharingWorksheet.objects.create(assessment=draft),
        PerspectiveAnswer: PerspectiveAnswer.objects.create(response=answered, item=item),
        Invitation: invitation,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("field", FREE_TEXT, ids=lambda f: f"{f.model.__name__}.{f.name}")
def test_the_database_refuses_text_longer_than_the_limit(field, rows):
    row = rows[field.model]
    rows_of_model = field.model.objects.filter(pk=row.pk)
    rows_of_model.update(**{field.name: "x" * field.max_length})  # the limit itself is fine
    with pytest.raises(IntegrityError), transaction.atomic():
        rows_of_model.update(**{field.name: "x" * (field.max_length + 1)})
