# Two commands: `make run` serves the app on http://127.0.0.1:8000 (PORT overrides the port),
# `make test` runs the test suite. Both create .venv and install what they need first, from the
# lock files: requirements-pip.txt (the installer) then requirements-dev.txt (exact versions,
# with hashes). `make lock` rewrites the lock files from the ranges in pyproject.toml.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTEST_ARGS ?=

# The lock tool, uv, lives in a venv of its own: only `make lock` needs it.
LOCK_VENV := .venv-lock
UV := $(LOCK_VENV)/bin/uv
# --universal: one lock for every platform and Python from 3.11 up (the Docker image, Debian,
# macOS), with the hash of every file PyPI has for each pinned version. --no-config: uv reads
# no uv.toml or UV_ settings of the machine, so every developer gets the same result.
LOCK_FLAGS := --universal --python-version 3.11 --generate-hashes --no-config --quiet \
	--custom-compile-command "make lock"
# `make lock` keeps the versions already pinned and only adds or drops what pyproject.toml
# changed; LOCK_ARGS=--upgrade takes the newest versions the ranges allow, and
# LOCK_ARGS="--upgrade-package django" one package.
LOCK_ARGS ?=

# The Spanish catalog of the invitee pages, compiled from the committed .po file
# (needs GNU gettext's msgfmt: `apt-get install gettext`).
CATALOGS := locale/es/LC_MESSAGES/django.mo
MESSAGE_IGNORES := --ignore .venv --ignore staticfiles --ignore test-artifacts --ignore bench \
	--ignore tests

.PHONY: run test lint lock superuser clean messages

# The venv's own pip is whatever the Python brings (23.0.1 on Debian bookworm), too old for this
# lock file; so pip itself is installed first, from its own lock file, with its hash.
$(VENV)/.installed: requirements-pip.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (found $$($(PYTHON) --version))."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || \
		{ rm -rf $(VENV); echo "Could not create $(VENV): on Debian/Ubuntu, install python3-venv."; \
		exit 1; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes \
		-r requirements-pip.txt
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.txt
	@touch $@

%.mo: %.po $(VENV)/.installed
	$(BIN)/python manage.py compilemessages --locale es $(MESSAGE_IGNORES) -v0

# The worker (`db_worker`) sends the emails that pages enqueue (cvi_assess/mail.py); it runs
# beside the server and stops with it (Ctrl-C, or a signal to make's process group).
run: $(VENV)/.installed $(CATALOGS)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_guidance
	$(BIN)/python manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# One worker per core (pytest-xdist): about 4 minutes on 2 cores.
test: $(VENV)/.installed $(CATALOGS)
	$(BIN)/python -m pytest -n auto $(PYTEST_ARGS)

# After changing text on the invitee pages: update the catalog, translate what is new
# (an empty msgstr), then `make test` checks that nothing is left untranslated.
messages: $(VENV)/.installed
	$(BIN)/python manage.py makemessages --locale es --add-location file $(MESSAGE_IGNORES)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/python .ci/check_lock.py
	$(BIN)/python manage.py makemigrations --check --dry-run

# requirements-pip.txt: the installer (pip), installed first everywhere. requirements.txt: what
# production runs (the Dockerfile installs it). requirements-dev.txt: the same versions plus the
# dev extra (make, CI). Commit all three with the pyproject.toml change.
lock:
	@test -x $(UV) || { $(PYTHON) -m venv $(LOCK_VENV) \
		&& $(LOCK_VENV)/bin/python -m pip install --quiet "uv>=0.9,<1"; }
	$(UV) pip compile --group pyproject.toml:installer $(LOCK_FLAGS) $(LOCK_ARGS) \
		-o requirements-pip.txt
	$(UV) pip compile pyproject.toml $(LOCK_FLAGS) $(LOCK_ARGS) -o requirements.txt
	$(UV) pip compile pyproject.toml --extra dev --constraint requirements.txt \
		$(LOCK_FLAGS) $(LOCK_ARGS) -o requirements-dev.txt

# Asks for the email, name and password; or, with DJANGO_SUPERUSER_EMAIL,
# DJANGO_SUPERUSER_FULL_NAME and DJANGO_SUPERUSER_PASSWORD set, asks nothing.
superuser: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput -v0
	@if [ -n "$$DJANGO_SUPERUSER_EMAIL" ]; then \
		$(BIN)/python manage.py createsuperuser --noinput; \
	else $(BIN)/python manage.py createsuperuser; fi

clean:
	rm -rf $(VENV) $(LOCK_VENV) staticfiles .pytest_cache .ruff_cache .hypothesis $(CATALOGS)
