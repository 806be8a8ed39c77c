"""Promises to the community: recording them and what the agency did, the overdue ones on the
plan and in the command brief, and the public page an owner may publish (off by default,
no log-in, nothing else of the agency)."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plans.models import Promise, PromiseList
from plans.promises import promises_overdue
from tests.conftest import client_for
from tests.html import page_text
from tests.pdf import pdf_text, requires_pdf
from tests.reports.test_plan_pdf import pages_text, planned  # noqa: F401 (a fixture, below)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
MEETINGS = {
    "new-promise": "A monthly community meeting in the Eastside",
    "new-made_to": "Eastside Neighborhood Association",
    "new-made_on": "2027-03-04",
    "new-due_on": "2027-06-30",
    "new-status": "open",
    "new-outcome": "",
}


def promise(agency, text="Monthly meetings", due_in: int | None = -3, **fields) -> Promise:
    return Promise.objects.create(
        agency=agency,
        promise=text,
        made_to=fields.pop("made_to", "Eastside Neighborhood Association"),
        made_on=fields.pop("made_on", TODAY - datetime.timedelta(days=60)),
        due_on=TODAY + datetime.timedelta(days=due_in) if due_in is not None else None,
        **fields,
    )


def public_url(agency) -> str:
    return reverse("public_promises", args=[agency.slug])


class TestRecordingPromises:
    def test_a_member_records_a_promise_and_sees_it_listed(self, bob, springfield):
        client = client_for(bob)
        response = client.post(reverse("promises"), MEETINGS)
        stored = Promise.objects.get()
        assert response["Location"] == f"/promises/#promise-{stored.pk}"
        assert stored.agency == springfield and stored.due_on == datetime.date(2027, 6, 30)
        text = page_text(client.get(reverse("promises")))
        assert "A monthly community meeting in the Eastside" in text
        assert "Eastside Neighborhood Association" in text and "Not yet kept" in text
        assert "(Report, pp. 19-20)" in text

    def test_a_member_records_what_the_agency_did(self, bob, springfield):
        kept = promise(springfield)
        client_for(bob).post(
            reverse("promise_edit", args=[kept.pk]),
            {
                "promise": kept.promise, "made_to": kept.made_to,
                "made_on": kept.made_on.isoformat(), "due_on": kept.due_on.isoformat(),
                "status": "kept", "outcome": "Held on April 1, May 6 and June 3.",
            },
        )  # fmt: skip
        kept.refresh_from_db()
        assert kept.status == "kept" and kept.outcome == "Held on April 1, May 6 and June 3."
        assert promises_overdue(springfield) == []

    def test_bad_input_changes_nothing_and_says_why(self, alice_client):
        response = alice_client.post(
            reverse("promises"),
            {**MEETINGS, "new-due_on": "2027-01-01", "new-status": "broken", "new-promise": ""},
        )
        text = page_text(response)
        assert text.startswith("Error:")
        assert "The day to keep it by cannot come before the promise." in text
        assert "Choose one of the listed statuses." in text
        assert "This field is required." in text
        assert not Promise.objects.exists()

    def test_the_number_of_promises_is_limited(self, alice_client, springfield, settings):
        settings.PROMISES_PER_AGENCY_MAX = 1
        promise(springfield)
        response = alice_client.post(reverse("promises"), MEETINGS)
        assert "has recorded 1 promises, the most it can keep" in page_text(response)
        assert Promise.objects.count() == 1

    def test_the_database_refuses_a_day_to_keep_it_before_it_was_made(self, springfield):
        from django.db import IntegrityError, transaction

        with pytest.raises(IntegrityError), transaction.atomic():
            promise(springfield, made_on=TODAY, due_in=-1)

    def test_only_an_owner_removes_a_promise(self, alice, bob, springfield):
        kept = promise(springfield)
        url = reverse("promise_remove", args=[kept.pk])
        assert client_for(bob).post(url).status_code == 403
        assert "belongs on the list with the status “Not kept”" in page_text(
            client_for(alice).get(url)
        )
        client_for(alice).post(url)
        assert not Promise.objects.exists()

    def test_another_agency_sees_nothing_and_changes_nothing(self, charlie_client, springfield):
        kept = promise(springfield, "SECRET promise")
        assert "SECRET promise" not in page_text(charlie_client.get(reverse("promises")))
        for name in ("promise_edit", "promise_remove"):
            url = reverse(name, args=[kept.pk])
            assert charlie_client.get(url).status_code == 404
            assert charlie_client.post(url, {"status": "kept"}).status_code == 404
        kept.refresh_from_db()
        assert kept.status == "open"

    def test_the_list_takes_the_same_queries_for_one_promise_or_thirty(
        self, alice_client, springfield
    ):
        def count() -> int:
            with CaptureQueriesContext(connection) as queries:
                assert alice_client.get(reverse("promises")).status_code == 200
            return len(queries)

        promise(springfield)
        one = count()
        for n in range(29):
            promise(springfield, f"Promise {n}")
        assert count() == one


class TestOverduePromises:
    def test_only_promises_not_kept_whose_day_passed_are_overdue(self, springfield):
        late = promise(springfield, "Late", due_in=-1)
        promise(springfield, "Due today", due_in=0)
        promise(springfield, "No day", due_in=None)
        promise(springfield, "Kept late", due_in=-10, status="kept")
        promise(springfield, "Not kept", due_in=-10, status="not_kept")
        assert promises_overdue(springfield) == [late]

    def test_the_plan_page_lists_them(self, alice_client, draft, springfield, charlie):
        promise(springfield, "Monthly Eastside meetings", due_in=-3)
        promise(charlie.agency, "Shelbyville's own promise", due_in=-3)
        text = page_text(alice_client.get(reverse("assessment_plan", args=[draft.pk])))
        assert "Promises to the community past their due date (1)" in text
        assert "Monthly Eastside meetings" in text and "Shelbyville" not in text

    @requires_pdf
    def test_the_command_brief_lists_them(self, alice_client, draft, springfield):
        promise(springfield, "Monthly Eastside meetings", due_in=-3)
        text = pdf_text(alice_client.get(reverse("assessment_brief_pdf", args=[draft.pk])).content)
        assert "Promises to the community past their due date: 1, the oldest due" in text
        assert "(Report, pp. 19-20)" in text


@requires_pdf
def test_the_brief_gives_overdue_promises_one_line_of_fixed_length(alice_client, request):
    """However many promises and however long, the brief says how many and the oldest day
    (the plan page lists them): the one-page brief has no room for more."""
    assessment = request.getfixturevalue("planned")  # every gap, from tests/reports
    for n in range(6):
        promise(assessment.agency, f"Promise {n}: " + "a long promise to the community " * 9)
    response = alice_client.get(reverse("assessment_brief_pdf", args=[assessment.pk]))
    flat = " ".join(pages_text(response.content)[0].split())
    assert "past their due date: 6, the oldest due" in flat
    assert "a long promise" not in flat


class TestThePublicPage:
    def test_it_is_off_by_default(self, springfield):
        promise(springfield)
        assert Client().get(public_url(springfield)).status_code == 404

    def test_an_owner_publishes_it_and_anyone_reads_it_without_logging_in(
        self, alice_client, springfield
    ):
        promise(springfield, "Monthly Eastside meetings", outcome="Two meetings held so far.")
        alice_client.post(reverse("promises_publish"), {"public": "yes"})
        response = Client().get(public_url(springfield))
        assert response.status_code == 200
        text = page_text(response)
        assert "Springfield Police Department: promises to the community" in text
        assert "Monthly Eastside meetings" in text and "Two meetings held so far." in text
        assert "overdue" in text
        assert "no-store" not in response.get("Cache-Control", "")

    def test_it_shows_nothing_else_of_the_agency(self, alice, bob, springfield, draft):
        from plans.models import ActionItem, PartnerOrganization

        promise(springfield, "Monthly Eastside meetings")
        ActionItem.objects.create(assessment=draft, title="SECRET action", order=1)
        PartnerOrganization.objects.create(agency=springfield, name="SECRET partner")
        PromiseList.objects.create(agency=springfield, published_at=timezone.now())
        html = Client().get(public_url(springfield)).content.decode()
        assert "SECRET" not in html and str(draft.pk) not in html
        for person in (alice, bob):
            assert person.email not in html and person.full_name not in html

    def test_taking_it_down_makes_it_not_found_again(self, alice_client, springfield):
        alice_client.post(reverse("promises_publish"), {"public": "yes"})
        alice_client.post(reverse("promises_publish"), {"public": "no"})
        assert Client().get(public_url(springfield)).status_code == 404
        assert not PromiseList.objects.get().is_public

    def test_only_an_owner_publishes_and_a_tampered_choice_changes_nothing(
        self, alice, bob, springfield
    ):
        response = client_for(bob).post(reverse("promises_publish"), {"public": "yes"})
        assert response.status_code == 403
        client_for(alice).post(reverse("promises_publish"), {"public": "maybe"})
        assert Client().get(public_url(springfield)).status_code == 404

    def test_an_unknown_agency_is_not_found(self, db):
        assert Client().get(reverse("public_promises", args=["nowhere-pd"])).status_code == 404

    def test_the_public_page_takes_a_fixed_number_of_queries(self, springfield):
        PromiseList.objects.create(agency=springfield, published_at=timezone.now())
        for n in range(20):
            promise(springfield, f"Promise {n}")
        with CaptureQueriesContext(connection) as queries:
            Client().get(public_url(springfield))
        assert len(queries) <= 3
