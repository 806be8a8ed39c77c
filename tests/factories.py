"""Helpers that build assessments with answers."""

from django.urls import reverse
from django.utils import timezone

from guidance.models import Item
from questionnaire.models import Assessment, Response


def section_items(slug: str) -> list[Item]:
    return list(Item.objects.filter(domain__slug=slug, is_active=True).order_by("order", "pk"))


def section_post(slug: str, value: str = "partly", action: str = "continue", **extra) -> dict:
    data = {f"item-{item.pk}": value for item in section_items(slug)}
    data["action"] = action
    data.update(extra)
    return data


def section_url(assessment: Assessment, slug: str) -> str:
    return reverse("assessment_section", args=[assessment.pk, slug])


def answer_all(assessment: Assessment, value: str = "partly", **by_item: str) -> None:
    """Answer every active item directly in the database (by_item: slug -> value)."""
    for item in Item.objects.filter(is_active=True):
        Response.objects.update_or_create(
            assessment=assessment, item=item, defaults={"value": by_item.get(item.slug, value)}
        )
    # As every save in the app does: the assessment's last-saved time moves on.
    Assessment.objects.filter(pk=assessment.pk).update(updated_at=timezone.now())


CONTEXT_ANSWERS = {
    "has_participated": "yes",
    "participation_start_year": "2019",
    "would_participate_again": "yes",
    "community_shares_responsibility": "yes",
    "preferred_role": "support",
    "local_cvi_types": ["street_outreach", "hospital"],
}


def answer_by_suggestion(assessment: Assessment, value: str = "fully", **by_suggestion: str):
    """Answer every active item; items of the named suggestions (slug -> value) differently.

    Tests that work per suggestion use this rather than item slugs: statements may be
    rewritten or split, the report's suggestions stay.
    """
    for item in Item.objects.filter(is_active=True).select_related("suggestion"):
        Response.objects.update_or_create(
            assessment=assessment,
            item=item,
            defaults={"value": by_suggestion.get(item.suggestion.slug, value)},
        )
    Assessment.objects.filter(pk=assessment.pk).update(updated_at=timezone.now())


def items_of(suggestion_slug: str) -> list[Item]:
    return list(
        Item.objects.filter(suggestion__slug=suggestion_slug, is_active=True).order_by(
            "domain__order", "order", "pk"
        )
    )


def personal_links(assessment: Assessment, perspective: str, count: int, **fields) -> list[str]:
    """A round of personal invitations with ``count`` links, as if emailed: their secrets."""
    import secrets

    from perspectives.invitations import email_digest, token_digest
    from perspectives.models import Invitation, PersonalInvitation

    invitation = Invitation.objects.create(
        assessment=assessment, perspective=perspective, kind="personal", token=None, **fields
    )
    tokens = [secrets.token_urlsafe(32) for _ in range(count)]
    for token in tokens:
        email = f"{secrets.token_hex(4)}@partners.example"
        PersonalInvitation.objects.create(
            invitation=invitation,
            token_hash=token_digest(token),
            email_digest=email_digest(assessment, email),
            email=email,
        )
    return tokens


def partner_link(partner, language: str = "en", days: int = 90) -> str:
    """A personal link for ``partner``, as if emailed to its contact: its secret."""
    import secrets
    from datetime import timedelta

    from partners.links import token_digest
    from partners.models import PartnerLink

    token = secrets.token_urlsafe(32)
    PartnerLink.objects.filter(partner=partner, revoked_at=None).update(revoked_at=timezone.now())
    PartnerLink.objects.create(
        partner=partner,
        token_hash=token_digest(token),
        sent_to=partner.contact_email or "contact@partner.example",
        language=language,
        expires_at=timezone.now() + timedelta(days=days),
    )
    return token


# The services and readers as a view calls them, each scoring the assessment once.


def ensure_plan(assessment: Assessment) -> None:
    """Build the plan from the gaps, as opening the plan page does."""
    from plans.services import action_plan_ensure
    from questionnaire.scored import assessment_scored

    action_plan_ensure(scored=assessment_scored(assessment, notes=False))


def results_of(assessment: Assessment, perception_items=()):
    """What the results page shows (reports.results.AssessmentResults)."""
    from guidance.selectors import guidance_domains
    from questionnaire.scored import assessment_scored
    from reports.results import assessment_results

    domains = guidance_domains()
    scored = assessment_scored(assessment, domains=domains)
    return assessment_results(scored, domains=domains, perception_items=perception_items)


def perspectives_of(assessment: Assessment):
    """The perspectives beside the agency's own (perspectives.results.PerspectiveResults)."""
    from guidance.selectors import guidance_domains
    from perspectives.results import perspective_results
    from questionnaire.scored import assessment_scored

    return perspective_results(assessment_scored(assessment), domains=guidance_domains())


def progress_of(assessment: Assessment):
    """(comparison, trend) as the results page shows them."""
    from guidance.selectors import guidance_domains
    from questionnaire.scored import assessment_scored
    from reports.progress import readiness_over_time

    return readiness_over_time(assessment_scored(assessment), domains=guidance_domains())


def invitees_answer(
    assessment: Assessment,
    perspective: str,
    values: list[str],
    *,
    kind: str = "personal",
    close: bool = True,
    notes: dict | None = None,
):
    """An invitation of ``kind`` through which one invitee per value rated every statement
    asked of ``perspective`` with that value (``notes``: item -> note, quoted with consent),
    stored directly; withdrawn (so released at the next read) unless ``close`` is False."""
    import secrets

    from perspectives.models import Invitation, PerspectiveAnswer, PerspectiveResponse

    invitation = Invitation.objects.create(
        assessment=assessment,
        perspective=perspective,
        kind=kind,
        token=None if kind == "personal" else secrets.token_urlsafe(16),
    )
    items = [i for i in Item.objects.filter(is_active=True) if perspective in i.perspectives]
    for value in values:
        response = PerspectiveResponse.objects.create(
            invitation=invitation, perspective=perspective, share_notes=bool(notes)
        )
        PerspectiveAnswer.objects.bulk_create(
            PerspectiveAnswer(
                response=response, item=item, value=value, note=(notes or {}).get(item, "")
            )
            for item in items
        )
    if close:
        Invitation.objects.filter(pk=invitation.pk).update(revoked_at=timezone.now())
    return invitation
# The engaged agency of issue 25: a reassessment with perspectives -----------------------------

SCALE = ["not_in_place", "planned", "partly", "largely", "fully", "dont_know"]


def realistic_answers(assessment: Assessment, seed: int, lift: int = 0) -> None:
    """A realistic mix of answers (every level, a few "don't know", some notes); ``lift``
    moves answers up the scale, as a reassessment a year on would."""
    import random

    rng = random.Random(seed)
    for item in Item.objects.filter(is_active=True).order_by("pk"):
        index = min(rng.randrange(len(SCALE) - 1) + lift, len(SCALE) - 2)
        value = "dont_know" if rng.random() < 0.08 else SCALE[index]
        note = rng.choice(["", "", "", "Policy drafted in 2024; the union has not seen it yet."])
        Response.objects.create(assessment=assessment, item=item, value=value, note=note)


def invitee_answers(assessment: Assessment, perspective: str, count: int, seed: int) -> None:
    """``count`` people of one perspective answered through personal invitations (stored as
    the service stores them), some sharing a note."""
    import random

    from perspectives.models import Invitation, PerspectiveAnswer, PerspectiveResponse

    rng = random.Random(seed)
    invitation = Invitation.objects.create(
        assessment=assessment, perspective=perspective, kind="personal", token=None
    )
    items = [
        i
        for i in Item.objects.filter(is_active=True).order_by("pk")
        if perspective in i.perspectives
    ]
    for n in range(count):
        share = n % 3 == 0
        response = PerspectiveResponse.objects.create(
            invitation=invitation, perspective=perspective, share_notes=share
        )
        PerspectiveAnswer.objects.bulk_create(
            PerspectiveAnswer(
                response=response,
                item=item,
                value=SCALE[min(max(rng.randrange(5) + (item.pk % 3) - 1, 0), 4)],
                note="We hear about this only after the fact."
                if share and rng.random() < 0.3
                else "",
            )
            for item in items
        )
    # Closed, as at the end of the invitation's days: its answers are released at the next read.
    Invitation.objects.filter(pk=invitation.pk).update(revoked_at=timezone.now())


def engaged_reassessment(agency, user, *, submit: bool = True) -> Assessment:
    """The scenario issue 25 is measured on: a submitted baseline, then a reassessment (submitted
    unless ``submit`` is False) with 10 answers from line officers and 10 from CVI
    organizations, and its plan built."""
    from questionnaire.services import assessment_submit

    baseline = Assessment.objects.create(
        agency=agency, created_by=user, name="Baseline 2026", **CONTEXT_ANSWERS
    )
    realistic_answers(baseline, seed=3)
    assessment_submit(assessment=baseline, user=user)
    again = Assessment.objects.create(
        agency=agency, created_by=user, name="Spring 2027", **CONTEXT_ANSWERS
    )
    realistic_answers(again, seed=7, lift=1)
    invitee_answers(again, "line_officers", 10, seed=11)
    invitee_answers(again, "cvi_organisations", 10, seed=13)
    if submit:
        assessment_submit(assessment=again, user=user)
    ensure_plan(again)
    return again


def exported_csv(client) -> dict[str, list[dict]]:
    """The agency's export as CSV files in a zip, as a spreadsheet reads it: table name ->
    rows (UTF-8 with a byte-order mark, which is checked)."""
    import csv
    import io
    import zipfile

    archive = zipfile.ZipFile(io.BytesIO(client.get("/assessments/export.zip").content))
    tables = {}
    for name in archive.namelist():
        content = archive.read(name)
        assert content.startswith(b"\xef\xbb\xbf"), f"{name} has no byte-order mark"
        reader = csv.DictReader(io.StringIO(content.decode("utf-8-sig")))
        tables[name.rsplit("/", 1)[-1].removesuffix(".csv")] = list(reader)
    return tables


def exported_csv_text(client) -> str:
    """Every CSV file of the export, as one text (to look for what must not be there)."""
    import json

    return json.dumps(exported_csv(client), ensure_ascii=False)
