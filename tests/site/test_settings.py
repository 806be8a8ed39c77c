"""Configuration comes from the environment; production refuses to start half-configured."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def settings_value(expression: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "CACHE_URL"}
    }
    return subprocess.run(
        [
            sys.executable,
            "-c",
            f"from cvi_assess import settings as s; print(repr(({expression})))",
        ],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_with_nothing_set_it_runs_on_sqlite_with_debug_on():
    result = settings_value("s.DEBUG, s.DATABASES['default']['ENGINE']")
    assert result.stdout.strip() == "(True, 'django.db.backends.sqlite3')"


def test_database_url_switches_to_postgresql():
    result = settings_value(
        "s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME']",
        DATABASE_URL="postgres://cvi:secret@db.example:5432/cvi",
    )
    assert result.stdout.strip() == "('django.db.backends.postgresql', 'cvi')"


def test_production_without_secret_key_and_hosts_fails_with_a_clear_message():
    result = settings_value("s.DEBUG", DEBUG="0")
    assert result.returncode != 0
    assert "DEBUG is off, so SECRET_KEY and ALLOWED_HOSTS must be set" in result.stderr


def test_production_without_allowed_hosts_names_the_missing_variable():
    result = settings_value("s.DEBUG", DEBUG="0", SECRET_KEY="x" * 60)
    assert "so ALLOWED_HOSTS must be set" in result.stderr


def test_production_settings_turn_on_the_secure_defaults():
    result = settings_value(
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
        "s.SECURE_HSTS_SECONDS, s.STORAGES['staticfiles']['BACKEND']",
        DEBUG="0",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="cvi.example.gov",
    )
    assert result.stdout.strip() == (
        "(True, True, True, 31536000, 'whitenoise.storage.CompressedManifestStaticFilesStorage')"
    )


def test_a_malformed_boolean_is_refused_with_its_name():
    result = settings_value("s.DEBUG", DEBUG="maybe")
    assert "DEBUG must be 1/0" in result.stderr


def test_debug_mode_uses_the_named_development_key_and_importing_writes_no_file():
    before = {path.name for path in ROOT.iterdir()}
    result = settings_value("s.SECRET_KEY")
    assert result.stdout.strip() == repr(
        "django-insecure-development-only-never-use-this-key-in-production"
    )
    assert {path.name for path in ROOT.iterdir()} == before


def test_the_form_field_limit_leaves_room_for_the_largest_plan():
    result = settings_value("s.DATA_UPLOAD_MAX_NUMBER_FIELDS", ACTIONS_PER_PLAN_MAX="300")
    assert int(result.stdout) >= 300 * 10
    assert int(settings_value("s.DATA_UPLOAD_MAX_NUMBER_FIELDS").stdout) >= 100 * 10


def test_peer_benchmarks_need_at_least_ten_agencies_unless_told_and_never_fewer_than_two():
    assert settings_value("s.PEER_MIN_AGENCIES").stdout.strip() == "10"
    assert settings_value("s.PEER_MIN_AGENCIES", PEER_MIN_AGENCIES="25").stdout.strip() == "25"
    result = settings_value("s.PEER_MIN_AGENCIES", PEER_MIN_AGENCIES="1")
    assert result.returncode != 0
    assert "PEER_MIN_AGENCIES must be at least 2" in result.stderr


def gunicorn_config(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"CACHE_URL", "WEB_CONCURRENCY"}}
    return subprocess.run(
        [sys.executable, "-c", "exec(open('gunicorn.conf.py').read())"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_gunicorn_starts_several_workers_with_or_without_a_shared_cache():
    assert gunicorn_config(WEB_CONCURRENCY="3").returncode == 0
    assert gunicorn_config(WEB_CONCURRENCY="3", CACHE_URL="redis://cache:6379/0").returncode == 0


def test_cache_url_selects_redis_and_a_wrong_address_is_refused():
    result = settings_value(
        "s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION'], s.SESSION_ENGINE",
        CACHE_URL="redis://cache:6379/0",
    )
    assert result.stdout.strip() == (
        "('django.core.cache.backends.redis.RedisCache', 'redis://cache:6379/0', "
        "'django.contrib.sessions.backends.cached_db')"
    )
    assert (
        "CACHE_URL must be a Redis address"
        in settings_value("s.CACHES", CACHE_URL="memcached://cache:11211").stderr
    )
    assert settings_value("s.CACHES['default']['BACKEND'], s.SESSION_ENGINE").stdout.strip() == (
        "('django.core.cache.backends.locmem.LocMemCache', 'django.contrib.sessions.backends.db')"
    )
