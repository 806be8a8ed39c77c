"""The first administrator without a prompt: `make superuser` and the container read
DJANGO_SUPERUSER_EMAIL, DJANGO_SUPERUSER_FULL_NAME and DJANGO_SUPERUSER_PASSWORD."""

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User

ADMIN = {
    "DJANGO_SUPERUSER_EMAIL": "Pat.Admin@City.example.gov",
    "DJANGO_SUPERUSER_FULL_NAME": "Pat Admin",
    "DJANGO_SUPERUSER_PASSWORD": "a-long-admin-passphrase",
}


@pytest.fixture
def admin_env(monkeypatch):
    for name, value in ADMIN.items():
        monkeypatch.setenv(name, value)


@pytest.mark.django_db
def test_the_container_creates_the_administrator_named_in_the_environment(admin_env):
    call_command("ensure_superuser")
    admin = User.objects.get()
    assert admin.email == "pat.admin@city.example.gov"
    assert admin.full_name == "Pat Admin"
    assert admin.is_superuser and admin.is_staff
    assert admin.check_password(ADMIN["DJANGO_SUPERUSER_PASSWORD"])


@pytest.mark.django_db
def test_a_restart_leaves_the_administrator_and_their_password_as_they_are(
    admin_env, monkeypatch
):
    call_command("ensure_superuser")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "another-passphrase-entirely")
    call_command("ensure_superuser")
    admin = User.objects.get()
    assert admin.check_password(ADMIN["DJANGO_SUPERUSER_PASSWORD"])


@pytest.mark.django_db
def test_without_an_address_nothing_is_created(monkeypatch):
    monkeypatch.delenv("DJANGO_SUPERUSER_EMAIL", raising=False)
    call_command("ensure_superuser")
    assert not User.objects.exists()


@pytest.mark.django_db
def test_a_missing_full_name_is_refused_with_a_clear_message(admin_env, monkeypatch):
    monkeypatch.delenv("DJANGO_SUPERUSER_FULL_NAME")
    with pytest.raises(CommandError, match="full_name"):
        call_command("ensure_superuser")
    assert not User.objects.exists()


@pytest.mark.django_db
def test_a_look_alike_address_is_refused_with_a_clear_message(admin_env, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "pat.adm\u0131n@city.example.gov")
    with pytest.raises(CommandError, match="plain letters"):
        call_command("ensure_superuser")
    assert not User.objects.exists()
