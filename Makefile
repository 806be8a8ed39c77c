# Two commands: `make run` serves the app on http://127.0.0.1:8000 (PORT overrides the port),
# `make test` runs the test suite. Both create .venv and install what they need first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTEST_ARGS ?=

# The Spanish catalog of the invitee pages, compiled from the committed .po file
# (needs GNU gettext's msgfmt: `apt-get install gettext`).
CATALOGS := locale/es/LC_MESSAGES/django.mo
MESSAGE_IGNORES := --ignore .venv --ignore staticfiles --ignore test-artifacts --ignore bench \
	--ignore tests

.PHONY: run test lint superuser clean messages

$(VENV)/.installed: pyproject.toml build-constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (found $$($(PYTHON) --version))."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || \
		{ echo "Could not create $(VENV): on Debian/Ubuntu, install python3-venv."; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.3"
	$(BIN)/python -m pip install --quiet --build-constraint build-constraints.txt -e ".[dev]"
	@touch $@

%.mo: %.po $(VENV)/.installed
	$(BIN)/python manage.py compilemessages --locale es $(MESSAGE_IGNORES) -v0

run: $(VENV)/.installed $(CATALOGS)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_guidance
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/.installed $(CATALOGS)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# After changing text on the invitee pages: update the catalog, translate what is new
# (an empty msgstr), then `make test` checks that nothing is left untranslated.
messages: $(VENV)/.installed
	$(BIN)/python manage.py makemessages --locale es --add-location file $(MESSAGE_IGNORES)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run

superuser: $(VENV)/.installed
	$(BIN)/python manage.py createsuperuser

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .hypothesis $(CATALOGS)
