#!/bin/sh
# Prepare the database, then run the command (gunicorn by default).
# MIGRATE_ON_START=0 skips the preparation, e.g. for a one-off `docker compose run`.
set -eu

if [ "${MIGRATE_ON_START:-1}" = "1" ]; then
    python manage.py migrate --noinput
    # Sync the guidance file shipped with this version: adds and updates what nobody edited
    # in the admin, keeps admin edits, deletes nothing (see the README).
    python manage.py load_guidance
    # The first administrator, when .env names one (DJANGO_SUPERUSER_EMAIL, _FULL_NAME and
    # _PASSWORD); an existing account is left as it is.
    python manage.py ensure_superuser
fi

exec "$@"
