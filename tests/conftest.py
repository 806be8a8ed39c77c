"""The shared cast, as in every test here.

Alice owns the Springfield Police Department's account; Bob is her colleague there.
Charlie owns Shelbyville's and must never see Springfield's things. Eve edits guidance in the
admin and belongs to no agency. Root is a superuser. Safe Streets Springfield is Springfield's
partner organization, Dana Reyes its contact; through its personal link it must see nothing of
Springfield but what Springfield shares with it.
"""

import os

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client

from accounts.models import Agency, User
from plans.models import PartnerOrganization
from questionnaire.models import Assessment

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API in tests


def pytest_configure(config):
    from django.conf import settings

    # Test speed: a fast hasher (no security value in tests).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Tasks (emails) run at once, in the request; a test that checks what is enqueued uses the
    # dummy backend instead.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # Uploaded files go to a folder of this test process, never to the project's media/.
    import tempfile

    media = tempfile.mkdtemp(prefix="cvi-test-media-")
    settings.MEDIA_ROOT = media
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": media}},
    }


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The migrated test database with the guidance loaded, as `make run` and the container
    entrypoint do it: migrations create tables, `load_guidance` brings the content."""
    with django_db_blocker.unblock():
        call_command("load_guidance", verbosity=0)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (rate-limit counters, rendered PDFs)."""
    from django.core.cache import cache

    cache.clear()


def make_agency(name: str, slug: str) -> Agency:
    """A real agency, approved by an administrator (so it may count in peer figures)."""
    from django.utils import timezone

    return Agency.objects.create(
        name=name,
        slug=slug,
        agency_type=Agency.Type.MUNICIPAL,
        sworn_officers=Agency.Size.UNDER_250,
        state="IL",
        population_served=Agency.Population.UNDER_250K,
        verified_at=timezone.now(),
        verification=Agency.Verification.ADMIN,
    )


@pytest.fixture
def springfield(db) -> Agency:
    return make_agency("Springfield Police Department", "springfield-pd")


@pytest.fixture
def shelbyville(db) -> Agency:
    return make_agency("Shelbyville Police Department", "shelbyville-pd")


@pytest.fixture
def alice(springfield) -> User:
    return User.objects.create_user(
        "alice@springfield.example",
        "alice-password-123",
        full_name="Alice Chief",
        agency=springfield,
        is_agency_owner=True,
    )


@pytest.fixture
def bob(springfield) -> User:
    return User.objects.create_user(
        "bob@springfield.example", "bob-password-1234", full_name="Bob Deputy", agency=springfield
    )


@pytest.fixture
def charlie(shelbyville) -> User:
    return User.objects.create_user(
        "charlie@shelbyville.example",
        "charlie-password-1",
        full_name="Charlie Other",
        agency=shelbyville,
        is_agency_owner=True,
    )


@pytest.fixture
def eve(db) -> User:
    user = User.objects.create_user(
        "eve@guidance.example", "eve-password-1234", full_name="Eve Editor", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Guidance editors"))
    return user


@pytest.fixture
def root(db) -> User:
    return User.objects.create_superuser("root@example.org", "root-password-123", full_name="Root")


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def alice_client(alice) -> Client:
    return client_for(alice)


@pytest.fixture
def charlie_client(charlie) -> Client:
    return client_for(charlie)


@pytest.fixture
def draft(springfield, alice) -> Assessment:
    return Assessment.objects.create(agency=springfield, created_by=alice)


@pytest.fixture
def safe_streets(springfield) -> PartnerOrganization:
    return PartnerOrganization.objects.create(
        agency=springfield,
        name="Safe Streets Springfield",
        kind=PartnerOrganization.Kind.CVI,
        contact_name="Dana Reyes",
        contact_email="dana@safestreets.example",
    )


@pytest.fixture
def no_noise(monkeypatch):
    """Invitees' figures released without their noise (perspectives/releases.py): for tests of
    what pages show, never for tests of the privacy guarantee, which use the real noise."""
    monkeypatch.setattr("perspectives.releases.noisy", lambda vector, **kwargs: list(vector))


pytest_plugins = ["tests.browser"]
