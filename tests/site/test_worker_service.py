"""The worker that sends email runs as its own Compose service and beside `make run`."""

from pathlib import Path

from tests.site.test_deployment_files import service

ROOT = Path(__file__).resolve().parents[2]


def test_compose_runs_the_worker_from_the_web_image_with_the_same_settings():
    worker = service("worker")
    assert 'command: ["python", "manage.py", "db_worker"]' in worker
    assert "build: ." in worker and "env_file: .env" in worker
    assert 'MIGRATE_ON_START: "0"' in worker and "CACHE_URL: *cache-url" in worker


def test_make_run_starts_the_worker_beside_the_server_and_stops_it_with_it():
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile.split("\nrun:")[1].split("\n\n")[0]
    assert "manage.py db_worker &" in recipe and "trap 'kill $$worker" in recipe
    assert "manage.py runserver" in recipe
