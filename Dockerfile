# The CVI Readiness Self-Assessment: gunicorn serving Django, static files from whitenoise.
# Build: docker compose build (or docker build -t cvi-assess .). See docs/deployment.md.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore

# WeasyPrint (the plan PDF) loads Pango, HarfBuzz and fontconfig at run time and needs fonts.
# libharfbuzz-subset0 lets it subset fonts natively instead of through fontTools.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
        fonts-dejavu-core fonts-liberation \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --system --user-group --create-home --home-dir /home/app --uid 10001 app

WORKDIR /app

# Dependencies first, in a layer of their own, so that a change to the code does not reinstall
# them. The install is the Makefile's, without the dev extra: a recent pip, and setuptools<81 to
# build the XStatic-Bootstrap sdist (build-constraints.txt). The package folders are not copied
# yet, so this installs the dependencies and an empty "cvi-assess" distribution; the code runs
# from /app (the working directory comes first on sys.path), never from site-packages.
COPY pyproject.toml build-constraints.txt README.md ./
RUN pip install --upgrade "pip>=25.3" \
    && pip install --build-constraint build-constraints.txt . \
    && rm -rf build ./*.egg-info

COPY . .

# Static files are collected into the image (STATIC_ROOT=/app/staticfiles) and served by
# whitenoise. The settings refuse DEBUG=0 without SECRET_KEY and ALLOWED_HOSTS, so this step
# gets throwaway values that exist only for this RUN; the real ones come from .env at run time.
RUN DEBUG=0 SECRET_KEY=collectstatic-only-not-a-secret ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput -v0 \
    && chmod +x docker/entrypoint.sh

USER app

EXPOSE 8000

# The entrypoint applies migrations and syncs the guidance, then runs the command.
# Workers: WEB_CONCURRENCY (default 3); other settings in gunicorn.conf.py, which gunicorn reads
# from the working directory: access log to stdout, errors to stderr.
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["gunicorn", "cvi_assess.wsgi:application", "--bind", "0.0.0.0:8000"]
