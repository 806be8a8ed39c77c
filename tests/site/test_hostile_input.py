"""Generated and hostile input to every form: never a 500, a clear error, no change.

Each example posts a form in which at least one field is invalid (wrong type, unknown id or
choice, too long, a null character, an impossible date), the others valid or hostile-but-
acceptable (HTML, script, SQL). The page must answer with its error summary, and the
database must be exactly as before.
"""

import datetime
import uuid

from django.core import mail
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from accounts.models import Agency, User
from guidance.models import Item, Perspective
from perspectives import models as perspectives
from plans import models as plans
from questionnaire import models as q

HOSTILE = [
    "<script>alert(1)</script>",
    "'; DROP TABLE questionnaire_response; --",
    "../../etc/passwd",
    "9" * 40,
    "-1",
    "1e309",
    "NaN",
    "null",
    "[]",
    "{}",
    "2027-02-30",
    "\u202e\u0000",
    "x" * 5000,
]
hostile = st.one_of(
    st.sampled_from(HOSTILE), st.text(max_size=40), st.integers().map(str), st.uuids().map(str)
)
free_text = st.one_of(
    st.sampled_from(["<b>bold</b>", "<script>alert(1)</script>", "Ünïcödé ✓", "Plain"]),
    st.text(
        alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=60
    ),
)


def choice(values):
    return st.sampled_from(list(values))


def not_in(values, strategy=hostile):
    """Anything but the valid values, and not blank (blank is a valid "no answer")."""
    values = {str(v).strip() for v in values}
    return strategy.filter(lambda v: v.strip() and v.strip() not in values)


def too_long(limit: int):
    return st.one_of(
        st.integers(limit + 1, limit + 50).map(lambda n: "a" * n),
        free_text.map(lambda t: t + "\x00"),
    )


def valid_text(limit: int, required: bool = False):
    strategy = free_text.map(lambda t: t[:limit])
    return strategy.filter(lambda t: t.strip()) if required else strategy


def invalid_date():
    def parses(value: str) -> bool:
        try:
            return 2000 <= datetime.date.fromisoformat(value).year <= 2100
        except ValueError:
            return False

    return st.one_of(
        hostile.filter(lambda v: v.strip() and not parses(v.strip())),
        st.sampled_from(["1850-01-01", "2500-12-31", "2027-13-01", "31/12/2027"]),
    )


@st.composite
def form_data(draw, fields: dict):
    """Every field valid or invalid as drawn, with at least one invalid."""
    names = list(fields)
    forced = draw(st.sampled_from(names))
    data = {}
    for name in names:
        valid, invalid = fields[name]
        bad = name == forced or draw(st.booleans()) and draw(st.booleans())
        value = draw(invalid if bad else valid)
        if value is not None:
            data[name] = value
    return data


EXAMPLES = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


class HostileInputTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.agency = Agency.objects.create(
            name="Springfield PD", slug="springfield-pd", agency_type="municipal",
            sworn_officers="100-249", state="IL", population_served="100k-249k",
        )  # fmt: skip
        cls.user = User.objects.create_user(
            "alice@springfield.example", "alice-password-123", full_name="Alice",
            agency=cls.agency, is_agency_owner=True,
        )  # fmt: skip
        cls.assessment = q.Assessment.objects.create(
            agency=cls.agency, created_by=cls.user, plan_created_at=timezone.now()
        )
        cls.items = list(Item.objects.filter(domain__slug="buy-in", is_active=True))
        for item in cls.items[:2]:
            q.Response.objects.create(assessment=cls.assessment, item=item, value="partly")
        cls.action = plans.ActionItem.objects.create(
            assessment=cls.assessment, title="Brief the council", order=1
        )

    def setUp(self):
        self.client = Client()
        self.client.force_login(self.user)

    def state(self) -> tuple:
        """Everything a form could change."""
        return tuple(
            list(model.objects.order_by("pk").values())
            for model in (Agency, User, q.Assessment, q.Response, plans.ActionItem,
                          plans.InformationSharingWorksheet, perspectives.Invitation,
                          perspectives.PerspectiveResponse, perspectives.PersonalInvitation)
        )  # fmt: skip

    def assert_refused(self, url: str, data: dict, client: Client | None = None) -> None:
        before = self.state()
        response = (client or self.client).post(url, data)
        assert response.status_code == 200, (response.status_code, data)
        assert b"Please correct the following" in response.content, data
        assert self.state() == before, data

    def url(self, name: str) -> str:
        return f"/assessments/{self.assessment.pk}/{name}"


class TestHostileInput(HostileInputTestCase):
    @EXAMPLES
    @given(st.data())
    def test_the_rated_items_of_a_section(self, data):
        fields = {}
        for item in self.items:
            fields[f"item-{item.pk}"] = (choice([*q.Answer.values, ""]), not_in(q.Answer.values))
            fields[f"note-{item.pk}"] = (valid_text(2000), too_long(2000))
        posted = data.draw(form_data(fields))
        posted["action"] = data.draw(st.one_of(choice(["continue", "later", "back"]), hostile))
        posted["loaded_at"] = data.draw(hostile)
        self.assert_refused(self.url("sections/buy-in/"), posted)

    @EXAMPLES
    @given(st.data())
    def test_the_agency_context(self, data):
        years = {str(y) for y in range(1950, timezone.localdate().year + 1)}
        fields = {
            "has_participated": (choice(["", "unsure"]), not_in(q.YesNoUnsure.values)),
            "participation_start_year": (st.just(""), not_in(years | {""})),
            "community_shares_responsibility": (
                choice([*q.YesNoUnsure.values, ""]), not_in(q.YesNoUnsure.values),
            ),
            "preferred_role": (
                choice([*q.PreferredRole.values, ""]), not_in(q.PreferredRole.values),
            ),
            "local_cvi_types": (choice(q.CviType.values), not_in(q.CviType.values)),
            **{
                name: (choice(choices.values), not_in(choices.values))
                for name, choices in q.LIST_CHOICES.items()
                if name != "local_cvi_types"
            },
        }  # fmt: skip
        self.assert_refused(self.url("context/"), data.draw(form_data(fields)))

    @EXAMPLES
    @given(st.data())
    def test_an_action(self, data):
        timeframes = plans.ActionItem.Timeframe.values
        fields = {
            "title": (valid_text(300, required=True), too_long(300)),
            "owner_name": (valid_text(200), too_long(200)),
            "partner": (valid_text(200), too_long(200)),
            "timeframe": (choice(["", *timeframes]), not_in(["", *timeframes])),
            "target_date": (st.just("2027-06-30"), invalid_date()),
            "status": (
                choice(plans.ActionItem.Status.values), not_in(plans.ActionItem.Status.values),
            ),
            "notes": (valid_text(2000), too_long(2000)),
        }  # fmt: skip
        self.assert_refused(
            self.url(f"plan/actions/{self.action.pk}/"), data.draw(form_data(fields))
        )

    @EXAMPLES
    @given(st.data())
    def test_a_new_action(self, data):
        fields = {
            "new-title": (valid_text(300, required=True), too_long(300)),
            "new-owner_name": (valid_text(200), too_long(200)),
            "new-target_date": (st.just(""), invalid_date()),
            "new-status": (
                choice(plans.ActionItem.Status.values), not_in(plans.ActionItem.Status.values)
            ),
            "new-notes": (valid_text(2000), too_long(2000)),
        }
        self.assert_refused(self.url("plan/add/"), data.draw(form_data(fields)))

    @EXAMPLES
    @given(st.data())
    def test_the_information_sharing_worksheet(self, data):
        flows = plans.InformationSharingWorksheet.Flow.values
        fields = {"flow": (choice(flows), not_in(flows))}
        for name in ("information_kinds", "recipients", "protections", "sign_off"):
            fields[name] = (valid_text(2000), too_long(2000))
        self.assert_refused(self.url("plan/worksheet/"), data.draw(form_data(fields)))

    @EXAMPLES
    @given(hostile)
    def test_starting_from_a_copy_of_an_unknown_assessment(self, copy_from):
        self.assert_refused("/assessments/", {"copy_from": copy_from or str(uuid.uuid4())})

    @EXAMPLES
    @given(st.data())
    def test_signing_up(self, data):
        fields = {
            "person-full_name": (valid_text(150, required=True), too_long(150)),
            "person-email": (
                st.uuids().map(lambda u: f"{u.hex}@example.gov"),
                hostile.filter(lambda v: "@" not in v),
            ),
            "agency-name": (valid_text(200, required=True), too_long(200)),
            "agency-agency_type": (choice(Agency.Type.values), not_in(Agency.Type.values)),
            "agency-sworn_officers": (choice(Agency.Size.values), not_in(Agency.Size.values)),
            "agency-state": (choice(["IL", "TX", "PR"]), not_in({"IL", "TX", "PR", "CA"})),
            "agency-population_served": (
                choice(Agency.Population.values), not_in(Agency.Population.values),
            ),
        }  # fmt: skip
        emails = len(mail.outbox)
        self.assert_refused("/accounts/signup/", data.draw(form_data(fields)), client=Client())
        assert len(mail.outbox) == emails


class TestHostileInputToInvitations(HostileInputTestCase):
    @EXAMPLES
    @given(st.data())
    def test_creating_an_invitation(self, data):
        fields = {
            "open-perspective": (choice(Perspective.values), not_in(Perspective.values)),
            "open-language": (choice(["en", "es"]), not_in({"en", "es"})),
            "open-label": (valid_text(120), too_long(120)),
            "open-expires_on": (
                st.just((timezone.localdate() + datetime.timedelta(days=5)).isoformat()),
                invalid_date(),
            ),
            "open-max_responses": (st.integers(5, 1000).map(str),
                                   not_in({str(n) for n in range(5, 1001)})),
        }  # fmt: skip
        posted = data.draw(form_data(fields))
        posted["create"] = "open"
        self.assert_refused(self.url("invitations/"), posted)

    @EXAMPLES
    @given(st.data())
    def test_sending_personal_invitations(self, data):
        fields = {
            "personal-perspective": (choice(Perspective.values), not_in(Perspective.values)),
            "personal-emails": (
                st.uuids().map(lambda u: f"{u.hex[:12]}@partners.example"),
                hostile.filter(lambda v: "@" not in v),
            ),
            "personal-language": (choice(["en", "es"]), not_in({"en", "es"})),
            "personal-expires_on": (
                st.just((timezone.localdate() + datetime.timedelta(days=5)).isoformat()),
                invalid_date(),
            ),
            "personal-message": (valid_text(1000), too_long(1000)),
            "personal-label": (valid_text(120), too_long(120)),
        }  # fmt: skip
        posted = data.draw(form_data(fields))
        posted["create"] = "personal"
        self.assert_refused(self.url("invitations/"), posted)

    @EXAMPLES
    @given(st.data())
    def test_answering_through_an_invitation(self, data):
        invitation = perspectives.Invitation.objects.create(
            assessment=self.assessment, perspective="line_officers"
        )
        fields = {}
        for item in Item.objects.filter(is_active=True, domain__slug="buy-in"):
            fields[f"item-{item.pk}"] = (choice(q.Answer.values), not_in(q.Answer.values))
            fields[f"note-{item.pk}"] = (st.just(""), too_long(2000))
        posted = data.draw(form_data(fields))
        posted["share_notes"] = data.draw(st.sampled_from(["on", "", "yes", "<script>"]))
        self.assert_refused(f"/respond/{invitation.token}/", posted, client=Client())


class TestFreeTextIsKeptAndEscaped(HostileInputTestCase):
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(valid_text(2000).filter(lambda t: t.strip()))
    def test_any_note_is_stored_as_typed_and_shown_escaped(self, note):
        item = self.items[0]
        response = self.client.post(
            self.url("sections/buy-in/"),
            {f"item-{item.pk}": "planned", f"note-{item.pk}": note, "action": "continue"},
        )
        assert response.status_code == 302
        stored = q.Response.objects.get(assessment=self.assessment, item=item).note
        assert stored == note.strip().replace("\r\n", "\n")
        page = self.client.get(self.url("results/")).content.decode()
        assert "<script>alert(1)</script>" not in page
