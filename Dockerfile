# The CVI Readiness Self-Assessment: gunicorn serving Django, static files from whitenoise.
# Build: docker compose build (or docker build -t cvi-assess .). See docs/deployment.md.
#
# Debian's own Python 3.11 on Debian bookworm-slim, in two stages: the first makes a virtual
# environment in /opt/venv from the lock file; the second copies it beside the run-time
# libraries only (no pip, no compiler, no package lists or caches).
#
# BASE_IMAGE is the public image that a normal build pulls, pinned by digest so that a build
# uses exactly the bytes that were tested: debian:bookworm-slim as tagged bookworm-20260918-slim
# (the multi-platform index digest). To take Debian's later security updates, replace the digest
# with the current one of the same tag (`docker buildx imagetools inspect debian:bookworm-slim`).
# CI, which reaches no image registry, builds this same file with BASE_IMAGE set to a Debian
# bookworm file system made by debootstrap (.ci/container); nothing else differs.
ARG BASE_IMAGE=debian:bookworm-slim@sha256:3783cc01769c7b2b1b83a5c5ad96c815348e28ed7da68e2e3687004faa906251

FROM ${BASE_IMAGE} AS builder

RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 python3-venv gettext \
    && rm -rf /var/lib/apt/lists/*

# The Spanish catalog of the invitee pages, compiled here so that gettext stays out of the
# final image (as `manage.py compilemessages` does it).
COPY locale /tmp/locale
RUN msgfmt --check-format -o /tmp/locale/es/LC_MESSAGES/django.mo \
    /tmp/locale/es/LC_MESSAGES/django.po

# Exact versions and their SHA-256 hashes from requirements.txt (`make lock`); wheels only, so
# nothing is compiled. Two optional build secrets, for a machine whose PyPI is reached through
# an intercepting proxy or a mirror: pip_cert (a CA bundle) and pip_conf (a pip.conf, e.g. with
# index-url). They are mounted for this RUN only and never stored in a layer; a normal build
# passes neither.
# Debian's venv brings pip 23.0.1, which cannot install this lock file (it does not match
# weasyprint's fonttools[woff] to the pinned fonttools under --require-hashes), so the locked
# pip of requirements-pip.txt is installed first, checked against its hash like the rest.
COPY requirements-pip.txt requirements.txt /tmp/
RUN --mount=type=secret,id=pip_cert --mount=type=secret,id=pip_conf \
    if [ -s /run/secrets/pip_cert ]; then export PIP_CERT=/run/secrets/pip_cert; fi \
    && if [ -s /run/secrets/pip_conf ]; then export PIP_CONFIG_FILE=/run/secrets/pip_conf; fi \
    && python3 -m venv /opt/venv \
    && /opt/venv/bin/pip install --no-cache-dir --disable-pip-version-check \
        --require-hashes --only-binary=:all: -r /tmp/requirements-pip.txt \
    && /opt/venv/bin/pip install --no-cache-dir --disable-pip-version-check \
        --require-hashes --only-binary=:all: -r /tmp/requirements.txt \
    && /opt/venv/bin/pip uninstall --quiet --yes pip setuptools


FROM ${BASE_IMAGE}

ENV LANG=C.UTF-8 \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH

# Debian's python3 (the interpreter /opt/venv points to). WeasyPrint (the plan PDF) loads
# Pango, HarfBuzz and fontconfig at run time and needs fonts; libharfbuzz-subset0 lets it
# subset fonts natively instead of through fontTools. ca-certificates: TLS to an SMTP server or
# to PostgreSQL with sslmode=verify-full.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        python3 ca-certificates \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
        fonts-dejavu-core fonts-liberation \
    && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /var/log/apt /var/log/dpkg.log

RUN useradd --system --user-group --create-home --home-dir /home/app --uid 10001 app

COPY --from=builder /opt/venv /opt/venv

WORKDIR /app
COPY . .
COPY --from=builder /tmp/locale/es/LC_MESSAGES/django.mo locale/es/LC_MESSAGES/django.mo

# Static files are collected into the image (STATIC_ROOT=/app/staticfiles) and served by
# whitenoise. The settings refuse DEBUG=0 without SECRET_KEY and ALLOWED_HOSTS, so this step
# gets throwaway values that exist only for this RUN; the real ones come from .env at run time.
RUN DEBUG=0 SECRET_KEY=collectstatic-only-not-a-secret ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput -v0 \
    && chmod +x docker/entrypoint.sh \
    && mkdir -p /app/media && chown app:app /app/media

USER app

EXPOSE 8000

# The entrypoint applies migrations and syncs the guidance, then runs the command.
# Workers: WEB_CONCURRENCY (default 3); other settings in gunicorn.conf.py, which gunicorn reads
# from the working directory: access log to stdout, errors to stderr.
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["gunicorn", "cvi_assess.wsgi:application", "--bind", "0.0.0.0:8000"]
