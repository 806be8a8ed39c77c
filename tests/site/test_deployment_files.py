"""The files an operator deploys with: docker-compose.yml, .env.example and the Dockerfile."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = (ROOT / "docker-compose.yml").read_text()
ENV_EXAMPLE = (ROOT / ".env.example").read_text()


def service(name: str) -> str:
    """The text of one service of docker-compose.yml, up to the next service."""
    block = re.search(rf"^  {name}:\n(.*?)(?=^  \S|^\S|\Z)", COMPOSE, re.MULTILINE | re.DOTALL)
    assert block, f"no service {name} in docker-compose.yml"
    return block.group(1)


def required(variable: str) -> str:
    """Compose's form for a variable it refuses to start without."""
    return "${" + variable + ":?"


class TestRedis:
    """Django's Redis cache unpickles what it reads: whoever can write to Redis can run code in
    the app, so Redis requires a password and stays private to the app."""

    def test_the_cache_requires_the_password_from_env(self):
        command = re.search(r"command: \[(.*?)\]", service("cache"), re.DOTALL).group(1)
        assert re.search(rf'"--requirepass",\s*"\{required("REDIS_PASSWORD")}', command)

    def test_the_cache_health_check_authenticates_and_waits_for_pong(self):
        cache = service("cache")
        assert f"REDISCLI_AUTH: {required('REDIS_PASSWORD')}" in cache
        assert "redis-cli ping | grep -q PONG" in cache

    def test_the_cache_publishes_no_port(self):
        assert "ports:" not in service("cache")

    def test_the_app_reaches_the_cache_with_the_password(self):
        found = re.search(r"^x-cache-url: &cache-url\n\s+(.+)$", COMPOSE, re.MULTILINE)
        address = found.group(1)
        assert address.startswith("${CACHE_URL:-redis://:" + required("REDIS_PASSWORD")), address
        assert address.endswith("@cache:6379/0}")
        for name in ["web", "reminders"]:
            assert "CACHE_URL: *cache-url" in service(name), name

    def test_the_example_settings_set_a_password_to_change(self):
        assert re.search(r"^REDIS_PASSWORD=CHANGE-ME\S*$", ENV_EXAMPLE, re.MULTILINE)


DIGEST = r"@sha256:[0-9a-f]{64}"


class TestPinnedBaseImages:
    """Base images are pinned by digest, so a build gets exactly the bytes that were tested."""

    def test_every_compose_image_is_pinned_by_digest_under_its_tag(self):
        images = re.findall(r"^\s+image: (\S+)$", COMPOSE, re.MULTILINE)
        assert sorted(image.split("@")[0] for image in images) == ["postgres:16", "redis:7"]
        for image in images:
            assert re.fullmatch(rf"[a-z0-9./-]+:[\w.-]+{DIGEST}", image), image

    def test_the_dockerfile_base_image_is_pinned_by_digest_with_its_tag_in_a_comment(self):
        dockerfile = (ROOT / "Dockerfile").read_text()
        assert re.search(rf"^ARG BASE_IMAGE=debian:bookworm-slim{DIGEST}$", dockerfile, re.M)
        assert "bookworm-20260918-slim" in dockerfile  # the dated tag the digest stands for
        assert re.findall(r"^FROM (\S+)", dockerfile, re.M) == ["${BASE_IMAGE}", "${BASE_IMAGE}"]

    def test_ci_still_builds_on_its_own_base_image(self):
        container = (ROOT / ".ci" / "container").read_text()
        assert "BASE=localhost/debian:bookworm-slim" in container
        assert '--build-arg "BASE_IMAGE=$BASE"' in container
