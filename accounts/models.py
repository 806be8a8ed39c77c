"""People and the agencies they belong to. Knows nothing of assessments or guidance."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.text import slugify

from accounts.email_address import canonical_email
from accounts.states import CENSUS_REGIONS, US_STATES


class Agency(models.Model):
    class Verification(models.TextChoices):
        NONE = "", "Not verified"
        ADMIN = "admin", "Approved by an administrator"
        DOMAIN = "domain", "Owner's address on an allowed domain"

    class Type(models.TextChoices):
        MUNICIPAL = "municipal", "Municipal police department"
        SHERIFF = "sheriff", "Sheriff's office"
        STATE = "state", "State police or highway patrol"
        CAMPUS = "campus", "Campus police"
        TRIBAL = "tribal", "Tribal police"
        OTHER = "other", "Other law enforcement agency"

    class Size(models.TextChoices):
        UNDER_25 = "1-24", "Fewer than 25"
        UNDER_100 = "25-99", "25 to 99"
        UNDER_250 = "100-249", "100 to 249"
        UNDER_500 = "250-499", "250 to 499"
        UNDER_1000 = "500-999", "500 to 999"
        OVER_1000 = "1000+", "1,000 or more"

    # Size bands by sworn officers, as peer benchmarks group agencies: (key, label, sizes).
    SIZE_BANDS = [
        ("1-24", "1 to 24 sworn officers", [Size.UNDER_25]),
        ("25-99", "25 to 99 sworn officers", [Size.UNDER_100]),
        ("100-499", "100 to 499 sworn officers", [Size.UNDER_250, Size.UNDER_500]),
        ("500+", "500 or more sworn officers", [Size.UNDER_1000, Size.OVER_1000]),
    ]

    class Population(models.TextChoices):
        UNDER_25K = "<25k", "Fewer than 25,000"
        UNDER_100K = "25k-99k", "25,000 to 99,999"
        UNDER_250K = "100k-249k", "100,000 to 249,999"
        UNDER_500K = "250k-499k", "250,000 to 499,999"
        UNDER_1M = "500k-999k", "500,000 to 999,999"
        OVER_1M = "1m+", "1 million or more"

    name = models.CharField(
        "agency name", max_length=200, help_text="e.g. “Springfield Police Department”."
    )
    slug = models.SlugField(
        "short name",
        max_length=80,
        unique=True,
        help_text="Used in file names of downloads, e.g. “springfield-pd”.",
    )
    agency_type = models.CharField("type of agency", max_length=20, choices=Type.choices)
    sworn_officers = models.CharField(
        "number of sworn officers", max_length=10, choices=Size.choices
    )
    state = models.CharField("state or territory", max_length=2, choices=US_STATES)
    population_served = models.CharField(
        "population served", max_length=10, choices=Population.choices
    )
    created_at = models.DateTimeField("created", default=timezone.now, editable=False)
    # Off until the owner chooses: an agency's results leave it only with its owner's consent.
    shares_in_peer_benchmarks = models.BooleanField(
        "counts in peer benchmarks",
        default=False,
        help_text="Set by the agency's owner on the account page. When on, the scores and answers "
        "of its submitted assessments count, without its name, in the peer figures other "
        "agencies see and in the program view, e.g. in the median of municipal departments.",
    )
    peer_sharing_chosen_at = models.DateTimeField(
        "peer-benchmark choice made",
        null=True,
        blank=True,
        help_text="When the owner last chose, e.g. March 3, 2026, 10:15; empty if never.",
    )
    # The agency's size band and census region, kept by the database itself from its size and
    # state: peer figures group agencies by them in plain SQL, and no write can leave them out
    # of step.
    size_band = models.GeneratedField(
        expression=models.Case(
            *(models.When(sworn_officers__in=sizes, then=models.Value(key))
              for key, _, sizes in SIZE_BANDS),
            default=models.Value(""),
        ),
        output_field=models.CharField(max_length=10),
        db_persist=True,
        verbose_name="size band",
    )  # fmt: skip
    census_region = models.GeneratedField(
        expression=models.Case(
            *(models.When(state__in=states, then=models.Value(key))
              for key, _, states in CENSUS_REGIONS),
            default=models.Value(""),
        ),
        output_field=models.CharField(max_length=12),
        db_persist=True,
        verbose_name="census region",
    )  # fmt: skip
    # Peer figures and the program view count an agency only once it is verified (anyone can
    # sign up an agency; ten made-up ones could otherwise set a group's medians): an
    # administrator approves it, or its owner's address is on a domain an administrator allowed.
    verified_at = models.DateTimeField(
        "verified",
        null=True,
        blank=True,
        help_text="When the agency was verified, e.g. March 3, 2026, 10:15; empty if it is not.",
    )
    verification = models.CharField(
        "how it was verified",
        max_length=10,
        choices=Verification.choices,
        blank=True,
        default=Verification.NONE,
        help_text="Approved by an administrator, or its owner's address is on an allowed domain "
        "(e.g. springfield.gov).",
    )
    is_demo = models.BooleanField(
        "demo agency",
        default=False,
        help_text="Synthetic data made by `manage.py seed_demo`, e.g. “Demo agency 0042”; "
        "`seed_demo --remove` deletes every demo agency and its assessments.",
    )

    class Meta:
        verbose_name = "agency"
        verbose_name_plural = "agencies"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(verified_at__isnull=True, verification="")
                | models.Q(verified_at__isnull=False, verification__in=["admin", "domain"]),
                name="agency_verified_with_a_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def owners(self):
        return self.members.filter(is_agency_owner=True).order_by("full_name", "email")

    @property
    def counts_in_peers(self) -> bool:
        """Whether this agency is one of ``counted_in_peers()`` (below), without a query."""
        if not self.shares_in_peer_benchmarks:
            return False
        if settings.DEMO_MODE:
            return self.is_demo
        return self.verified_at is not None and not self.is_demo

    @staticmethod
    def unique_slug(name: str) -> str:
        base = slugify(name)[:70] or "agency"
        slug, n = base, 2
        while Agency.objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug


def counted_in_peers(path: str = "") -> models.Q:
    """Agencies that count in peer figures and the program view (``path``: the way to the
    agency, e.g. "agency__"): sharing, and verified; demo agencies instead, and only, in demo
    mode (DEMO_MODE), so that seed_demo's public values never mix with real agencies'."""
    sharing = models.Q(**{f"{path}shares_in_peer_benchmarks": True})
    if settings.DEMO_MODE:
        return sharing & models.Q(**{f"{path}is_demo": True})
    return sharing & models.Q(**{f"{path}verified_at__isnull": False, f"{path}is_demo": False})


class AllowedDomain(models.Model):
    """A domain whose addresses belong to real agencies, e.g. a city's: an agency whose owner
    has an address on it is verified when it signs up, or when the domain is added."""

    domain = models.CharField(
        "domain",
        max_length=253,
        unique=True,
        help_text="Lower case, without “@”, e.g. “springfield.gov”; only addresses on exactly "
        "this domain count (not its subdomains).",
    )
    note = models.CharField(
        "note", max_length=200, blank=True, help_text="e.g. “City of Springfield, by phone”."
    )
    created_at = models.DateTimeField("added", default=timezone.now, editable=False)

    class Meta:
        verbose_name = "allowed domain"
        ordering = ["domain"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(domain__contains="@"), name="allowed_domain_without_at"
            ),
        ]

    def __str__(self) -> str:
        return self.domain

    def clean(self) -> None:
        self.domain = self.domain.strip().lower().lstrip("@")
        if "." not in self.domain or not all(
            part and (part.isalnum() or set(part) <= set("abcdefghijklmnopqrstuvwxyz0123456789-"))
            for part in self.domain.split(".")
        ):
            raise ValidationError({"domain": "Enter a domain such as “springfield.gov”."})


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username: str):
        """The person whose stored (canonical) address is exactly the one typed, once made
        canonical; DoesNotExist for an address that has no canonical form."""
        try:
            email = canonical_email(username)
        except ValidationError:
            raise self.model.DoesNotExist("No person has this address.") from None
        return self.get(email=email)

    def create_user(self, email: str, password: str | None = None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=canonical_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person: logs in with an email address and belongs to at most one agency."""

    email = models.EmailField(
        "email address",
        unique=True,
        help_text="Stored in one form, without spaces and in lower case, and compared exactly; "
        "plain ASCII only, e.g. “alice.chief@springfield.gov”.",
    )
    full_name = models.CharField("full name", max_length=150)
    agency = models.ForeignKey(
        Agency,
        verbose_name="agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        help_text="The agency whose assessments this person can see. Staff who only edit "
        "guidance have none.",
    )
    is_agency_owner = models.BooleanField(
        "agency owner",
        default=False,
        help_text="Owners manage the agency's members and invitations; an agency can have "
        "several, e.g. the chief and a deputy chief.",
    )
    plan_reminders = models.BooleanField(
        "email me about my actions",
        default=True,
        help_text="A short email about the actions you own, 30 days, 7 days and on the day "
        "before each is due, and once a week while one is overdue.",
    )
    plan_digest = models.BooleanField(
        "email me the weekly digest of the plan",
        default=True,
        help_text="For the agency's owners, on Mondays: what moved in the plan, what is "
        "overdue, and who has nothing assigned.",
    )
    is_staff = models.BooleanField(
        "staff status", default=False, help_text="Can log in to the admin site."
    )
    is_active = models.BooleanField("active", default=True)
    date_joined = models.DateTimeField("date joined", default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = "person"
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.email

    def clean(self) -> None:
        # Before Django's own clean(), which would NFKC-normalize the address (a fullwidth ａ
        # into a): a look-alike is refused, not turned into someone else's address.
        try:
            self.email = canonical_email(self.email)
        except ValidationError as error:
            raise ValidationError({"email": error}) from None
        super().clean()
        if self.agency_id and self._joins_agency():
            members = User.objects.filter(agency_id=self.agency_id).count()
            if members >= settings.AGENCY_MEMBERS_MAX:
                raise ValidationError(
                    {
                        "agency": f"{self.agency} already has {members} members, the most an "
                        "agency can have."
                    }
                )

    def _joins_agency(self) -> bool:
        """True unless the person is already a member of the agency they are saved with."""
        return not User.objects.filter(pk=self.pk, agency_id=self.agency_id).exists()

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class MemberInvitationQuerySet(models.QuerySet):
    def pending(self) -> "MemberInvitationQuerySet":
        """Neither accepted nor withdrawn (expired ones included: they can be sent again)."""
        return self.filter(accepted_at=None, withdrawn_at=None)


class MemberInvitation(models.Model):
    """An email inviting a colleague to join an agency, through a link that works once.

    Only a fingerprint (SHA-256) of the link's secret is stored; the secret itself is only in
    the email, so nobody reading the database can use a pending invitation.
    """

    class State(models.TextChoices):
        PENDING = "pending", "Waiting for an answer"
        EXPIRED = "expired", "Expired"
        ACCEPTED = "accepted", "Accepted"
        WITHDRAWN = "withdrawn", "Withdrawn"

    agency = models.ForeignKey(
        Agency,
        verbose_name="agency",
        on_delete=models.CASCADE,
        related_name="member_invitations",
        help_text="The agency the colleague is invited to, e.g. “Springfield Police Department”.",
    )
    email = models.EmailField(
        "email address",
        help_text="Only a person logged in with this address can accept, e.g. "
        "“deputy.ortiz@springfield.example”.",
    )
    token_hash = models.CharField(
        "link fingerprint",
        max_length=64,
        unique=True,
        editable=False,
        help_text="SHA-256 of the link's secret, e.g. “9f86d081…”; the secret is only in the "
        "email.",
    )
    invited_by = models.ForeignKey(
        User,
        verbose_name="invited by",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The owner who sent the invitation, e.g. the chief.",
    )
    sent_at = models.DateTimeField(
        "sent",
        default=timezone.now,
        help_text="When the latest email went out, e.g. March 3, 2027, 9:15 a.m.",
    )
    expires_at = models.DateTimeField(
        "expires",
        help_text="After this the link no longer works, e.g. March 10, 2027, 9:15 a.m. "
        "(MEMBER_INVITATION_DAYS after sending).",
    )
    accepted_at = models.DateTimeField(
        "accepted", null=True, blank=True, help_text="When the colleague joined, if they did."
    )
    withdrawn_at = models.DateTimeField(
        "withdrawn",
        null=True,
        blank=True,
        help_text="When an owner withdrew the invitation, if one did.",
    )

    objects = MemberInvitationQuerySet.as_manager()

    class Meta:
        verbose_name = "member invitation"
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "email"],
                condition=models.Q(accepted_at=None, withdrawn_at=None),
                name="one_pending_member_invitation_per_address",
            ),
            models.CheckConstraint(
                condition=models.Q(accepted_at=None) | models.Q(withdrawn_at=None),
                name="member_invitation_accepted_or_withdrawn_not_both",
            ),
        ]

    def __str__(self) -> str:
        return f"Invitation of {self.email} to {self.agency}"

    def clean(self) -> None:
        try:
            self.email = canonical_email(self.email)
        except ValidationError as error:
            raise ValidationError({"email": error}) from None

    @property
    def state(self) -> str:
        if self.accepted_at is not None:
            return self.State.ACCEPTED
        if self.withdrawn_at is not None:
            return self.State.WITHDRAWN
        if self.expires_at <= timezone.now():
            return self.State.EXPIRED
        return self.State.PENDING


class AgencyEvent(models.Model):
    """A change to an agency's membership: who did what, and when. Shown to its owners."""

    class Action(models.TextChoices):
        INVITED = "invited", "Invited a colleague"
        INVITATION_RESENT = "invitation_resent", "Sent an invitation again"
        INVITATION_WITHDRAWN = "invitation_withdrawn", "Withdrew an invitation"
        JOINED = "joined", "Joined the agency"
        REMOVED = "removed", "Removed a member"
        LEFT = "left", "Left the agency"
        # Before an agency could have several owners, ownership was handed over.
        OWNERSHIP_HANDED = "ownership_handed", "Handed ownership to"
        EMAILS_REFUSED = "emails_refused", "Invitation emails refused"
        MADE_OWNER = "made_owner", "Made an owner"
        OWNER_MADE_MEMBER = "owner_made_member", "No longer an owner"

    agency = models.ForeignKey(
        Agency,
        verbose_name="agency",
        on_delete=models.CASCADE,
        related_name="events",
        help_text="The agency whose membership changed, e.g. “Springfield Police Department”.",
    )
    actor = models.ForeignKey(
        User,
        verbose_name="person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who made the change, e.g. the chief.",
    )
    actor_name = models.CharField(
        "by",
        max_length=410,
        help_text="Their name and address when they made the change, kept even if the account "
        "goes, e.g. “Alice Chief (alice@springfield.example)”.",
    )
    action = models.CharField("change", max_length=30, choices=Action.choices)
    subject = models.CharField(
        "concerning",
        max_length=410,
        blank=True,
        help_text="The person or address the change was about, e.g. "
        "“deputy.ortiz@springfield.example”.",
    )
    created_at = models.DateTimeField("when", default=timezone.now, editable=False)

    class Meta:
        verbose_name = "membership change"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    action__in=[
                        "invited",
                        "invitation_resent",
                        "invitation_withdrawn",
                        "joined",
                        "removed",
                        "left",
                        "ownership_handed",
                        "emails_refused",
                        "made_owner",
                        "owner_made_member",
                    ]
                ),  # fmt: skip
                name="agency_event_action_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor_name}: {self.get_action_display()} {self.subject}".strip()
