"""The files an operator deploys with: docker-compose.yml, .env.example and the Dockerfile."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
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
