"""Synthetic agencies with submitted assessments, for demonstrations, tests and benchmarks."""

import random
import time
import uuid
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import Agency, User
from accounts.states import US_STATES
from benchmarks.summary import peer_summary_refresh
from guidance.models import Perspective
from perspectives.models import Invitation, PerspectiveAnswer, PerspectiveResponse
from questionnaire.models import Assessment, Response, SubmittedAnswer, SubmittedScore
from questionnaire.records import submitted_record_rows
from questionnaire.scoring import POINTS, ItemInput, score_assessment, snapshot_from_inputs
from questionnaire.sections import questionnaire_sections

BATCH = 500  # agencies per round of inserts: bounds memory whatever --agencies is
SHARE = 0.85  # of demo agencies whose owner "chose" to share
WITH_PERSPECTIVES = 0.12  # of agencies whose latest assessment has invited answers
YEARS = 3

# Synthetic weights, not data: most agencies are municipal; sizes lean to the mid-sized
# departments a CVI usually concerns; states roughly in proportion to their population.
TYPES = {"municipal": 70, "sheriff": 20, "state": 2, "campus": 5, "tribal": 2, "other": 1}
SIZES = {"1-24": 22, "25-99": 30, "100-249": 20, "250-499": 12, "500-999": 9, "1000+": 7}
STATE_WEIGHTS = {
    "CA": 39, "TX": 29, "FL": 22, "NY": 20, "PA": 13, "IL": 13, "OH": 12, "GA": 11, "NC": 10,
    "MI": 10, "NJ": 9, "VA": 9, "WA": 8, "AZ": 7, "MA": 7, "TN": 7, "IN": 7, "MD": 6, "MO": 6,
    "WI": 6, "CO": 6, "MN": 6, "SC": 5, "AL": 5, "LA": 5, "KY": 5, "OR": 4, "OK": 4, "CT": 4,
    "UT": 3, "IA": 3, "NV": 3, "AR": 3, "MS": 3, "KS": 3, "PR": 3, "NM": 2, "NE": 2, "ID": 2,
    "WV": 2, "HI": 1, "NH": 1, "ME": 1, "RI": 1, "MT": 1, "DE": 1, "SD": 1, "ND": 1, "AK": 1,
    "DC": 1, "VT": 1, "WY": 1, "GU": 0.2, "VI": 0.1, "AS": 0.05, "MP": 0.05,
}  # fmt: skip
POPULATIONS = [value for value, _ in Agency.Population.choices]
# How each section tends to sit against an agency's overall maturity (information sharing,
# the report's most contentious part, lowest), and how invited groups tend to see it.
SECTION_OFFSETS = [0.06, -0.02, 0.0, -0.04, -0.10]
PERSPECTIVE_OFFSETS = {
    Perspective.COMMAND_STAFF: 0.02,
    Perspective.SUPERVISORS: -0.04,
    Perspective.LINE_OFFICERS: -0.10,
    Perspective.CVI_ORGANISATIONS: -0.12,
    Perspective.RESIDENTS: -0.18,
}
SCALE = list(POINTS)  # answers by points, 0 to 4
LOCAL_CVI_TYPES = ["street_outreach", "group_violence", "hospital", "victim_services", "school"]


def _pick(rng: random.Random, weights: dict) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class Command(BaseCommand):
    help = (
        "Create demo agencies, marked as demo and named “Demo agency NNNN”, with no people: "
        "realistic types, sizes and states, submitted assessments with realistic answers, "
        "some reassessments and some invited perspectives. Demo values are public, so demo "
        "agencies count in peer benchmarks and the program view only in demo mode "
        "(DEMO_MODE=1, off by default), and then instead of real agencies, never beside them. "
        "--remove deletes every demo agency and everything it holds."
    )

    def add_arguments(self, parser):
        parser.add_argument("--agencies", type=int, default=500, help="How many (default 500).")
        parser.add_argument(
            "--assessments",
            type=int,
            help="Submitted assessments in all, at least one per agency; the rest are "
            "reassessments (default: a quarter more than agencies).",
        )
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same data.")
        parser.add_argument(
            "--remove", action="store_true", help="Delete every demo agency instead."
        )

    def handle(self, *args, agencies: int, assessments: int | None, seed: int, remove: bool,
               **options):  # fmt: skip
        started = time.perf_counter()
        if remove:
            message = self.remove()
        else:
            assessments = assessments if assessments is not None else agencies * 5 // 4
            if not 1 <= agencies <= 100_000:
                raise CommandError("--agencies must be between 1 and 100,000.")
            if not agencies <= assessments <= 10 * agencies:
                raise CommandError("--assessments must be between --agencies and 10 times it.")
            # Synthetic data, not security: a seeded generator makes it repeatable.
            message = self.create(agencies, assessments, random.Random(seed))  # noqa: S311
        peer_summary_refresh()  # written in bulk: the peer figures' summary counts them anew
        self.stdout.write(f"{message} in {time.perf_counter() - started:.1f} s.")

    def remove(self) -> str:
        people = User.objects.filter(agency__is_demo=True).count()
        if people:
            raise CommandError(
                f"{people} people belong to demo agencies. Move them to another agency or "
                "delete them in the admin first: this command never deletes people."
            )
        with transaction.atomic():
            removed = Assessment.objects.filter(agency__is_demo=True).count()
            Assessment.objects.filter(agency__is_demo=True).delete()
            count, _ = Agency.objects.filter(is_demo=True).delete()
        return f"Removed {count} demo agencies and their {removed} assessments"

    @transaction.atomic
    def create(self, agencies: int, assessments: int, rng: random.Random) -> str:
        sections = [s for s in questionnaire_sections() if not s.is_context]
        if not sections:
            raise CommandError("There is no guidance to answer: run `manage.py load_guidance`.")
        difficulty = {item.pk: rng.gauss(0, 0.07) for s in sections for item in s.items}
        first = Agency.objects.filter(is_demo=True).count() + 1
        extra = [0] * agencies
        for _ in range(assessments - agencies):
            extra[rng.randrange(agencies)] += 1
        made = {"agencies": 0, "sharing": 0, "assessments": 0, "people": 0}
        for start in range(0, agencies, BATCH):
            counts = extra[start : start + BATCH]
            self.create_batch(first + start, counts, sections, difficulty, rng, made)
        return (
            f"Created {made['agencies']} demo agencies ({made['sharing']} share their results), "
            f"{made['assessments']} submitted assessments "
            f"({made['assessments'] - made['agencies']} reassessments) and "
            f"answers from {made['people']} invited people"
        )

    def create_batch(self, first, extra, sections, difficulty, rng, made) -> None:
        now = timezone.now()
        states = [code for code, _ in US_STATES]
        state_weights = [STATE_WEIGHTS[code] for code in states]
        batch = []
        for n, _ in enumerate(extra):
            kind = _pick(rng, TYPES)
            size = _pick(rng, SIZES)
            if kind == "state":
                size = rng.choice(["500-999", "1000+", "250-499"])
            elif kind in ("campus", "tribal"):
                size = rng.choice(["1-24", "1-24", "25-99"])
            step = list(SIZES).index(size)
            shares = rng.random() < SHARE
            batch.append(
                Agency(
                    name=f"Demo agency {first + n:04d}",
                    slug=f"demo-agency-{first + n:04d}",
                    agency_type=kind,
                    sworn_officers=size,
                    state=rng.choices(states, weights=state_weights)[0],
                    population_served=POPULATIONS[
                        max(0, min(len(POPULATIONS) - 1, step + rng.choice([-1, 0, 0, 1])))
                    ],
                    created_at=now - timedelta(days=rng.uniform(45, 365 * YEARS)),
                    shares_in_peer_benchmarks=shares,
                    peer_sharing_chosen_at=now if shares or rng.random() < 0.5 else None,
                    is_demo=True,
                )
            )
        Agency.objects.bulk_create(batch)
        batch = list(Agency.objects.filter(slug__in=[a.slug for a in batch]).order_by("slug"))
        made["agencies"] += len(batch)
        made["sharing"] += sum(a.shares_in_peer_benchmarks for a in batch)

        rows: dict[type, list] = {
            Assessment: [], Response: [], SubmittedScore: [], SubmittedAnswer: []
        }  # fmt: skip
        latest = []
        for agency, again in zip(batch, extra, strict=True):
            maturity, context = self.agency_profile(agency, rng)
            # Submissions spread between sign-up and now, each a little further along.
            span = (now - agency.created_at).total_seconds()
            moments = sorted(
                agency.created_at + timedelta(seconds=span * rng.uniform(0.05, 0.98))
                for _ in range(1 + again)
            )
            for n, moment in enumerate(moments, start=1):
                assessment = self.assessment(agency, moment, maturity, context, sections,
                                             difficulty, rng, rows,
                                             latest=n == len(moments))  # fmt: skip
                maturity = min(0.97, maturity + max(0.0, rng.gauss(0.07, 0.05)))
            latest.append((assessment, maturity))
        for model, objects in rows.items():
            model.objects.bulk_create(objects, batch_size=2000)
        made["assessments"] += len(rows[Assessment])
        made["people"] += self.perspectives(latest, sections, rng)

    def agency_profile(self, agency: Agency, rng: random.Random) -> tuple[float, dict]:
        """How far along the agency is (0 to 1) and its answers to the context questions."""
        participated = _pick(rng, {"yes": 47, "no": 43, "unsure": 10})
        step = list(SIZES).index(agency.sworn_officers)
        maturity = 0.38 + 0.03 * step + (0.1 if participated == "yes" else 0)
        maturity = max(0.05, min(0.95, maturity + rng.gauss(0, 0.15)))
        context = {
            "has_participated": participated,
            "community_shares_responsibility": _pick(rng, {"yes": 85, "no": 5, "unsure": 10}),
            "preferred_role": _pick(rng, {"support": 60, "lead": 20, "either": 15, "unsure": 5}),
            "local_cvi_types": rng.sample(LOCAL_CVI_TYPES, rng.randint(0, 3)),
        }
        if participated == "yes":
            context["participation_start_year"] = rng.randint(2010, 2024)
            context["would_participate_again"] = _pick(rng, {"yes": 90, "no": 3, "unsure": 7})
        elif participated == "no":
            context["would_participate"] = _pick(rng, {"yes": 60, "no": 13, "unsure": 27})
        return maturity, context

    def assessment(self, agency, moment, maturity, context, sections, difficulty, rng, rows,
                   latest):  # fmt: skip
        assessment = Assessment(
            id=uuid.UUID(int=rng.getrandbits(128), version=4),
            agency=agency,
            status=Assessment.Status.SUBMITTED,
            created_at=moment - timedelta(days=rng.uniform(1, 30)),
            submitted_at=moment,
            **context,
        )
        inputs = []
        for n, section in enumerate(sections):
            offset = SECTION_OFFSETS[n % len(SECTION_OFFSETS)]
            for item in section.items:
                value = self.answer(maturity + offset + difficulty[item.pk], maturity, rng)
                inputs.append(ItemInput(item.pk, item.domain_id, item.suggestion_id, item.weight,
                                        item.suggestion.is_foundational, value))  # fmt: skip
                if value:
                    rows[Response].append(Response(assessment=assessment, item=item, value=value))
        domain_ids = [section.domain.pk for section in sections]
        assessment.scoring_snapshot = snapshot_from_inputs(inputs, domain_ids)
        scores, answers = submitted_record_rows(
            assessment=assessment,
            items=inputs,
            scored=score_assessment(inputs, domain_ids),
            latest=latest,
        )
        rows[Assessment].append(assessment)
        rows[SubmittedScore] += scores
        rows[SubmittedAnswer] += answers
        return assessment

    def answer(self, level: float, maturity: float, rng: random.Random) -> str:
        draw = rng.random()
        if draw < 0.02:
            return ""
        if draw < 0.06 + 0.08 * (1 - maturity):
            return "dont_know"
        points = round(4 * level + rng.gauss(0, 0.7))
        return SCALE[max(0, min(4, points))]

    def perspectives(self, latest, sections, rng: random.Random) -> int:
        """Invitations answered by officers or partners on some agencies' latest assessment.

        Returns how many people answered."""
        invitations = []  # (invitation, how far along its perspective sees the agency)
        for assessment, maturity in latest:
            if rng.random() >= WITH_PERSPECTIVES:
                continue
            for perspective in rng.sample(list(PERSPECTIVE_OFFSETS), rng.randint(1, 2)):
                invitation = Invitation(
                    assessment=assessment,
                    perspective=perspective,
                    label="Demo invitation",
                    expires_on=(assessment.submitted_at + timedelta(days=30)).date(),
                    created_at=assessment.submitted_at,
                )
                invitations.append((invitation, maturity + PERSPECTIVE_OFFSETS[perspective]))
        Invitation.objects.bulk_create([invitation for invitation, _ in invitations])
        responses = []
        for invitation, level in invitations:
            for _ in range(rng.randint(3, 12)):
                day = (invitation.created_at + timedelta(days=rng.randint(1, 25))).date()
                response = PerspectiveResponse(
                    invitation=invitation, perspective=invitation.perspective, submitted_on=day
                )
                responses.append((response, level))
        PerspectiveResponse.objects.bulk_create([r for r, _ in responses], batch_size=2000)
        answers = [
            PerspectiveAnswer(response=response, item=item, value=self.answer(level, level, rng))
            for response, level in responses
            for section in sections
            for item in section.items
            if response.perspective in (item.perspectives or [])
        ]
        PerspectiveAnswer.objects.bulk_create(answers, batch_size=2000)
        return len(responses)
