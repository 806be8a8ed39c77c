"""Page references link to the report once editors set its web address (Report details)."""

import re

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guidance.models import ReportDetails, Suggestion
from tests.factories import answer_all, section_url

ADDRESS = "https://reports.example.org/cvi-report.pdf"


def set_address(address: str) -> None:
    details = ReportDetails.load()
    details.address = address
    details.save()  # as the admin does: recorded in history, so cached pages follow


def page_refs(html: str) -> list[str]:
    return re.findall(r'<span class="page-ref">(.*?)</span>', html)


@pytest.mark.django_db
class TestPageReferences:
    def test_they_are_plain_text_while_no_address_is_set(self):
        refs = page_refs(Client().get("/guidance/").content.decode())
        assert "(Report, pp. 14-15)" in refs and "(Report, p. 14)" in refs
        assert not any("<a" in ref for ref in refs)

    def test_once_set_every_page_reference_links_to_the_report(self, alice_client, draft):
        set_address(ADDRESS)
        answer_all(draft, value="planned")
        for url in [
            "/guidance/",
            section_url(draft, "implementation"),
            reverse("assessment_results", args=[draft.pk]),
            reverse("assessment_plan", args=[draft.pk]),
        ]:
            refs = page_refs(alice_client.get(url).content.decode())
            assert refs, url
            for ref in refs:
                assert re.fullmatch(
                    rf'\(<a href="{re.escape(ADDRESS)}">Report, pp?\. [\d-]+</a>\)', ref
                )

    def test_a_changed_address_shows_on_the_next_request(self):
        client = Client()
        client.get("/guidance/")
        set_address(ADDRESS)
        assert f'<a href="{ADDRESS}">Report, p. 23</a>' in client.get("/guidance/").content.decode()
        set_address("")
        assert "(Report, p. 23)" in page_refs(client.get("/guidance/").content.decode())

    def test_the_address_is_escaped(self):
        set_address("https://reports.example.org/r.pdf?a=1&b=2")
        html = Template("{% load report %}{% page_ref s %}").render(
            Context(
                {
                    "s": Suggestion.objects.get(slug="support-the-service-arm"),
                    "report_address": ReportDetails.load().address,
                }
            )
        )
        assert 'href="https://reports.example.org/r.pdf?a=1&amp;b=2"' in html


@pytest.mark.django_db
def test_the_address_is_read_once_per_page_however_many_references(alice_client, draft):
    set_address(ADDRESS)

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert alice_client.get(url).status_code == 200
        return len(captured)

    results = reverse("assessment_results", args=[draft.pk])
    one_gap = {"implementation-capacity-assessed": "planned"}
    answer_all(draft, value="fully", **one_gap)
    alice_client.get(results)  # the guidance, read once per version, is now in memory
    answer_all(draft, value="fully", **one_gap)  # a new save: the results are built again
    one_gap = queries(results)
    answer_all(draft, value="planned")  # a gap, and a page reference, on every statement
    assert queries(results) == one_gap
