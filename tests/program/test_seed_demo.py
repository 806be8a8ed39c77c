"""`manage.py seed_demo`: synthetic agencies for demonstrations, and their removal."""

import io

import pytest
from django.core.management import CommandError, call_command

from accounts.models import Agency, User
from perspectives.models import PerspectiveResponse
from questionnaire.models import Assessment, Response, SubmittedAnswer, SubmittedScore
from tests.factories import results_of

pytestmark = pytest.mark.django_db


def seed(**options) -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def test_it_creates_demo_agencies_with_submitted_assessments_reassessments_and_perspectives():
    message = seed(agencies=80, assessments=100, seed=7)
    assert message.startswith("Created 80 demo agencies (")
    demo = Agency.objects.filter(is_demo=True)
    assert demo.count() == 80
    assert all(a.name.startswith("Demo agency ") for a in demo)
    assert not User.objects.filter(agency__in=demo).exists()  # nobody can log in as one
    assert len({a.agency_type for a in demo}) >= 3 and len({a.state for a in demo}) >= 15
    assert 0.6 < demo.filter(shares_in_peer_benchmarks=True).count() / 80 < 1
    submitted = Assessment.objects.filter(agency__in=demo, status=Assessment.Status.SUBMITTED)
    assert submitted.count() == 100
    assert Agency.objects.filter(is_demo=True, assessments__isnull=True).count() == 0
    assert SubmittedScore.objects.filter(domain__isnull=True).count() == 100
    assert PerspectiveResponse.objects.filter(invitation__assessment__in=submitted).exists()


def test_its_answers_are_varied_and_scored_as_the_app_scores_them():
    seed(agencies=20, seed=3)
    assessment = Assessment.objects.filter(agency__is_demo=True).first()
    values = set(Response.objects.values_list("value", flat=True))
    assert {"not_in_place", "partly", "largely", "fully", "dont_know"} <= values
    overall = SubmittedScore.objects.get(assessment=assessment, domain__isnull=True)
    assert overall.score == results_of(assessment).overall.score
    statements = len(assessment.scoring_snapshot["items"])
    assert SubmittedAnswer.objects.filter(assessment=assessment).count() == statements


def test_the_same_seed_makes_the_same_data():
    seed(agencies=10, seed=5)
    first = list(SubmittedScore.objects.order_by("score").values_list("score", flat=True))
    seed(remove=True)
    seed(agencies=10, seed=5)
    assert list(SubmittedScore.objects.order_by("score").values_list("score", flat=True)) == first


def test_remove_deletes_every_demo_agency_and_nothing_else(alice, draft):
    seed(agencies=15, seed=2)
    message = seed(remove=True)
    assert message.startswith("Removed 15 demo agencies")
    assert not Agency.objects.filter(is_demo=True).exists()
    assert not SubmittedScore.objects.exists() and not PerspectiveResponse.objects.exists()
    assert Assessment.objects.filter(pk=draft.pk).exists()
    assert Agency.objects.filter(slug="springfield-pd").exists()


def test_remove_refuses_while_a_person_belongs_to_a_demo_agency(bob):
    seed(agencies=3, seed=2)
    bob.agency = Agency.objects.filter(is_demo=True).first()
    bob.save()
    with pytest.raises(CommandError, match="1 people belong to demo agencies"):
        seed(remove=True)
    assert Agency.objects.filter(is_demo=True).count() == 3


def test_more_demo_agencies_can_be_added_later():
    seed(agencies=5, seed=1)
    seed(agencies=5, seed=2)
    assert Agency.objects.filter(is_demo=True).count() == 10
    assert Agency.objects.filter(slug="demo-agency-0010").exists()


@pytest.mark.parametrize(
    "options",
    [{"agencies": 0}, {"agencies": 10, "assessments": 9}, {"agencies": 2, "assessments": 21}],
)
def test_impossible_numbers_are_refused(options):
    with pytest.raises(CommandError):
        seed(**options)
    assert not Agency.objects.exists()
