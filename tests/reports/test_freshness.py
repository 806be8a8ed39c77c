"""What a page or a PDF shows is never older than the database.

Pages used to be cached under version numbers that writers had to move on, and four writes
slipped past them: an admin edit of another agency's type, size or state (peer figures, see
tests/benchmarks/test_peers.py), a member renamed after moving to another agency (the old
agency's brief), a new release (keys carried no release, so old templates were served), and
the viewer (cached parts were rendered with one person's rights and shown to another). Each
test here would have failed then.
"""

import pytest
from django.urls import reverse

from accounts.models import Agency
from reports import pdf
from reports.pdf import brief_context, pdf_key
from reports.readiness import readiness_report
from tests.conftest import client_for
from tests.factories import answer_all
from tests.html import page_text
from tests.pdf import requires_pdf


def brief_html(assessment) -> str:
    from django.template.loader import render_to_string

    return render_to_string(
        "reports/brief_pdf.html", brief_context(readiness_report(assessment, peers=False))
    )


@pytest.mark.django_db
def test_a_member_renamed_after_moving_agencies_is_named_anew_in_the_old_agencys_brief(
    bob, draft, shelbyville
):
    draft.created_by = bob
    draft.save()
    answer_all(draft, "partly")
    assert "Prepared by Bob Deputy" in brief_html(draft)
    bob.agency = shelbyville
    bob.full_name = "Robert Deputy"
    bob.save()
    html = brief_html(draft)
    assert "Prepared by Robert Deputy" in html and "Bob Deputy" not in html


@requires_pdf
@pytest.mark.django_db
def test_a_cached_pdf_is_found_again_only_under_the_same_html(draft):
    answer_all(draft, "partly")
    html = brief_html(draft)
    assert pdf_key(html) == pdf_key(brief_html(draft))
    # A new release that words the brief differently renders different HTML: a new key.
    assert pdf_key(html) != pdf_key(html.replace("Prepared by", "Drawn up by"))


@requires_pdf
def test_a_new_stylesheet_or_renderer_gives_the_same_html_a_new_key(monkeypatch):
    html = "<!doctype html><title>Brief</title>"
    before = pdf_key(html)
    monkeypatch.setattr(pdf, "_renderer_fingerprint", lambda: "weasyprint 70.0 css changed")
    assert pdf_key(html) != before


@pytest.mark.django_db
def test_each_viewer_gets_the_results_page_for_their_own_rights(alice, bob, draft):
    answer_all(draft, "partly")
    url = reverse("assessment_results", args=[draft.pk])
    invite = reverse("assessment_invitations", args=[draft.pk])
    owner_page = client_for(alice).get(url).content.decode()
    member_page = client_for(bob).get(url).content.decode()
    assert invite in owner_page
    assert invite not in member_page
    assert "your agency's owner can invite them" in page_text(client_for(bob).get(url))


@pytest.mark.django_db
def test_the_agencys_new_name_shows_on_its_results_at_once(alice_client, springfield, draft):
    answer_all(draft, "partly")
    url = reverse("assessment_results", args=[draft.pk])
    alice_client.get(url)
    Agency.objects.filter(pk=springfield.pk).update(name="Springfield Metro Police")
    assert "Springfield Metro Police" in page_text(alice_client.get(url))
