"""Settings for the CVI readiness self-assessment.

Everything comes from environment variables with safe local defaults (see the README's
"Configuration" table). With nothing set the app runs on a SQLite file with DEBUG on;
production sets DEBUG=0 and must then provide SECRET_KEY and ALLOWED_HOSTS.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    value = env_str(name)
    if not value:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1/0, true/false, yes/no or on/off; got {value!r}.")


def env_int(name: str, default: int) -> int:
    value = env_str(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {value!r}.") from None


def env_list(name: str) -> list[str]:
    return [part.strip() for part in env_str(name).split(",") if part.strip()]


# Debug mode only: a fixed key that says what it is, so that development sessions survive a
# restart and importing settings writes nothing. Production refuses to start without its own.
DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-never-use-this-key-in-production"  # noqa: S105

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

if not DEBUG:
    missing = [name for name in ("SECRET_KEY", "ALLOWED_HOSTS") if not env_str(name)]
    if missing:
        raise ImproperlyConfigured(
            f"DEBUG is off, so {' and '.join(missing)} must be set in the environment "
            "(see the README's Configuration section)."
        )
elif not SECRET_KEY:
    SECRET_KEY = DEVELOPMENT_SECRET_KEY

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The address people open the app at, for links in emails sent outside a request (the daily
# plan reminders), e.g. https://cvi.example.gov.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "accounts",
    "guidance",
    "questionnaire",
    "workshops",
    "perspectives",
    "plans",
    "partners",
    "benchmarks",
    "reports",
    "program",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Cache-Control: no-store on every response to someone logged in and on pages reached
    # through a secret link; public pages and static files stay cacheable.
    "cvi_assess.middleware.NoStoreForPrivatePages",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # A lost database connection in a view answers 503 "temporarily unavailable".
    "cvi_assess.middleware.DatabaseUnavailableMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into the locked-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cvi_assess.urls"
WSGI_APPLICATION = "cvi_assess.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cvi_assess.context_processors.report",
                "guidance.context_processors.report_address_lazily",
            ],
        },
    },
]

# Database: SQLite by default; DATABASE_URL=postgres://user:pass@host:5432/name for PostgreSQL.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH") or BASE_DIR / "db.sqlite3",
            "OPTIONS": {
                # Wait for a concurrent writer instead of failing with "database is locked".
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds rate-limit counters, PDF render slots, rendered PDFs (keyed by a hash of their
# HTML) and, with Redis, sessions. Nothing in it can go stale: no page is cached. CACHE_URL
# (redis://host:6379/0, rediss:// for TLS) shares it through Redis between every process and
# machine, so that limits count across them; needed for more than one server. Without it, each
# process keeps its own in memory: fine for `make run`, the tests and one small server.
CACHE_URL = env_str("CACHE_URL")
if CACHE_URL:
    if not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            "CACHE_URL must be a Redis address: redis://host:6379/0, rediss:// or unix://."
        )
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX") or "cvi",
            # A Redis that does not answer fails the request within a few seconds (a 503
            # page) instead of holding a worker.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "cvi-assess",
            # Counters and PDFs share it: at most 1,000 entries (a few hundred megabytes if all
            # were PDFs), the least recently used dropped first.
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    }
# With Redis, sessions are read from it and written through to the database (a lost cache logs
# nobody out); without it, from the database, which every process shares (a per-process cache
# would let a log-out in one worker linger in another).
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if CACHE_URL
    else "django.contrib.sessions.backends.db"
)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "after_login"
LOGOUT_REDIRECT_URL = "home"

# Login throttling: after AXES_FAILURE_LIMIT failed logins for one email address from one
# IP address, that pair is locked out for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
# One count per address whatever its case or surrounding spaces (see accounts/login.py).
AXES_USERNAME_CALLABLE = "accounts.login.axes_username"
# Behind a TLS proxy the client address is in X-Forwarded-For; PROXY_COUNT says how many
# proxies we trust (see cvi_assess/network.py).
PROXY_COUNT = env_int("PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "cvi_assess.network.client_ip"
# Sign-up and password reset, per hour: requests from one client address, and emails to one
# email address (sign-up links and password-reset links together). Past the first limit the
# form says so; past the second the page answers as usual and sends nothing.
SIGNUP_RATE_LIMIT = env_int("SIGNUP_RATE_LIMIT", 10)
PASSWORD_RESET_RATE_LIMIT = env_int("PASSWORD_RESET_RATE_LIMIT", 10)
ACCOUNT_EMAILS_PER_ADDRESS = env_int("ACCOUNT_EMAILS_PER_ADDRESS", 5)

LANGUAGE_CODE = "en-us"
# Spanish is offered on the pages invitees answer on (perspectives/views.py activates it per
# request) and on a partner's page (partners/access.py); every other page, and the PDFs and
# Word drafts, stay in English.
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Production serves hashed, compressed copies listed in a manifest (`collectstatic`); a template
# naming a file that is not in it fails there, so tests/test_production_static.py renders every
# page with this storage too.
PRODUCTION_STATIC_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"
# Uploaded files (evidence attached to the plan): a folder on disk by default, MEDIA_ROOT, which
# Compose keeps in a volume of its own; an S3-compatible bucket when STORAGE_S3_BUCKET is set.
# Nothing is served from either directly: files come back only through a view that checks the
# agency (plans/evidence_views.py). MEDIA_URL stays unset: no URL serves MEDIA_ROOT.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
STORAGE_S3_BUCKET = env_str("STORAGE_S3_BUCKET")
if STORAGE_S3_BUCKET:
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": STORAGE_S3_BUCKET,
            # e.g. https://s3.us-gov-west-1.amazonaws.com, or a MinIO or other compatible store.
            "endpoint_url": env_str("STORAGE_S3_ENDPOINT_URL") or None,
            "region_name": env_str("STORAGE_S3_REGION") or None,
            # Empty: boto3 finds credentials itself (an instance role, AWS_* variables).
            "access_key": env_str("STORAGE_S3_ACCESS_KEY_ID") or None,
            "secret_key": env_str("STORAGE_S3_SECRET_ACCESS_KEY") or None,
            "location": env_str("STORAGE_S3_PREFIX"),
            # Private objects, never overwritten, and never a public address.
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    DEFAULT_STORAGE = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": MEDIA_ROOT,
            "file_permissions_mode": 0o640,
            "directory_permissions_mode": 0o750,
        },
    }
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else PRODUCTION_STATIC_STORAGE
    },
}


# In development whitenoise serves straight from the source folders (no collectstatic).
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG


CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Email: the console by default (password-reset links appear in the server log);
# SMTP when EMAIL_HOST is set.
if env_str("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env_str("EMAIL_HOST")
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "cvi-assessment@localhost")
# Email is sent outside the request, by a worker (`manage.py db_worker`: `make run` starts one
# beside the web server, Docker Compose runs the `worker` service), from tasks kept in the
# database (cvi_assess/mail.py). A send that fails is tried again, MAIL_ATTEMPTS times in all.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
MAIL_ATTEMPTS = env_int("MAIL_ATTEMPTS", 3)
# Invitation emails (colleagues', personal invitations and their reminders, "Send again"), per
# day: to one address, and from one agency. Past either, nothing is sent, the page says so and
# the refusal is recorded in the agency's recent changes and the log.
INVITATION_EMAILS_PER_ADDRESS_DAILY = env_int("INVITATION_EMAILS_PER_ADDRESS_DAILY", 3)
INVITATION_EMAILS_PER_AGENCY_DAILY = env_int("INVITATION_EMAILS_PER_AGENCY_DAILY", 300)

# Security. The Content-Security-Policy allows no inline script or style on any page.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "cvi_assess.views.csrf_failure"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 12)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # Preloading commits the whole registrable domain (often the city's) to HTTPS in browser
    # lists; that is the city's decision to take with SECURE_HSTS_PRELOAD=1, not ours.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
_proxy_header = env_list("SECURE_PROXY_SSL_HEADER")
if _proxy_header:
    if len(_proxy_header) != 2:
        raise ImproperlyConfigured(
            "SECURE_PROXY_SSL_HEADER must be a header and a value, "
            "e.g. HTTP_X_FORWARDED_PROTO,https"
        )
    SECURE_PROXY_SSL_HEADER = tuple(_proxy_header)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # Every record goes through this one handler, which masks every link that carries a secret
    # (invitations, password resets, sign-up links: cvi_assess/secret_links.py).
    "filters": {"secret_links": {"()": "cvi_assess.log_privacy.MaskSecretLinks"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["secret_links"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's default logging gives these loggers handlers of their own, which would write
        # records unmasked (and, in debug mode, twice); here they go through the handler above.
        "django": {"handlers": []},
        "django.server": {"handlers": ["console"], "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# The guidance comes from the PERF report. The brief we work from does not print the full
# report's page count; it cites pages 8 to 23 and an appendix after them. Page references
# entered in the admin must lie between 1 and this bound, which an operator can raise.
GUIDANCE_REPORT_LAST_PAGE = env_int("GUIDANCE_REPORT_LAST_PAGE", 60)

# Invited perspectives (officers, community partners). Their answers reach the agency only
# through differential privacy (docs/privacy.md): each person's answers, per perspective and
# assessment, are protected by a budget of PERSPECTIVE_PRIVACY_RHO (zero-concentrated DP; 0.5
# is 1-Gaussian DP: no test tells whether a given person answered with better than 69%
# accuracy on even odds). A larger budget gives finer figures and a weaker guarantee.
PERSPECTIVE_PRIVACY_RHO = float(env_str("PERSPECTIVE_PRIVACY_RHO") or 0.5)
if not 0 < PERSPECTIVE_PRIVACY_RHO <= 2:
    raise ImproperlyConfigured("PERSPECTIVE_PRIVACY_RHO must be above 0 and at most 2.")
# A perspective is shown once its released figures estimate about this many answers (below,
# counts read "fewer than 10"); an open link accepts at least this many.
PERSPECTIVE_ANSWERS_SHOWN_MIN = env_int("PERSPECTIVE_ANSWERS_SHOWN_MIN", 10)
# Statement by statement figures are released once a perspective's released invitations
# estimate about this many answers together: below it their noise would hide a perception gap.
PERSPECTIVE_STATEMENTS_MIN = env_int("PERSPECTIVE_STATEMENTS_MIN", 50)
# Most personal invitations (email addresses) per assessment.
PERSONAL_INVITATIONS_MAX = env_int("PERSONAL_INVITATIONS_MAX", 500)
# Perspectives whose scores for an item differ by at least this many points (out of 100; one
# step of the five-level scale is 25) are flagged as a perception gap.
PERCEPTION_GAP_THRESHOLD = env_int("PERCEPTION_GAP_THRESHOLD", 25)
# At most this many answers through one invitation link in ten minutes, counted in the cache
# (against scripted abuse; a roll call of 60 can answer at once). With CACHE_URL every server
# counts together.
INVITATION_RATE_LIMIT = env_int("INVITATION_RATE_LIMIT", 60)

# Limits on what one agency can create, so that no page, PDF or form grows without bound.
ACTIONS_PER_PLAN_MAX = env_int("ACTIONS_PER_PLAN_MAX", 100)
INVITATIONS_PER_ASSESSMENT_MAX = env_int("INVITATIONS_PER_ASSESSMENT_MAX", 50)
ASSESSMENTS_PER_AGENCY_MAX = env_int("ASSESSMENTS_PER_AGENCY_MAX", 100)
# An agency's team: members plus invitations not yet accepted or withdrawn.
AGENCY_MEMBERS_MAX = env_int("AGENCY_MEMBERS_MAX", 100)
# Most raters in one command-staff workshop: every page of a revealed workshop lists each
# rater's rating of every statement.
WORKSHOP_RATERS_MAX = env_int("WORKSHOP_RATERS_MAX", 20)
# Days a colleague's invitation link works before it must be sent again.
MEMBER_INVITATION_DAYS = env_int("MEMBER_INVITATION_DAYS", 7)
# The agency's partner organizations, and its promises to the community (the published list
# shows them all on one page).
PARTNERS_PER_AGENCY_MAX = env_int("PARTNERS_PER_AGENCY_MAX", 50)
PROMISES_PER_AGENCY_MAX = env_int("PROMISES_PER_AGENCY_MAX", 200)
# Days a partner's personal link works before an owner must send a new one.
PARTNER_LINK_DAYS = env_int("PARTNER_LINK_DAYS", 90)
# At most this many requests through one partner link in ten minutes (pages, saves, downloads),
# counted in the cache: far above a person's use, well below a script's.
PARTNER_LINK_RATE_LIMIT = env_int("PARTNER_LINK_RATE_LIMIT", 120)
# The plan page posts every action's fields at once (7 each today). Django refuses a form with
# more than DATA_UPLOAD_MAX_NUMBER_FIELDS fields: leave room for 10 per action of the largest
# plan, and for the page's other fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = max(1000, 10 * ACTIONS_PER_PLAN_MAX + 100)

# Evidence files: at most this many megabytes per file and per agency (all its files together),
# and this many files per action or statement.
EVIDENCE_FILE_MAX_MB = env_int("EVIDENCE_FILE_MAX_MB", 10)
EVIDENCE_AGENCY_MAX_MB = env_int("EVIDENCE_AGENCY_MAX_MB", 500)
EVIDENCE_FILES_MAX = env_int("EVIDENCE_FILES_MAX", 20)
# Plan emails (send_plan_reminders): at most this many in one run; the rest wait for the next
# run (nothing is lost: what was not sent is not recorded as sent). Keeps a mail relay's hourly
# quota from being spent at once by a large deployment.
PLAN_EMAILS_PER_RUN = env_int("PLAN_EMAILS_PER_RUN", 500)
# The weekly digest goes out on the first run on or after this weekday (0 Monday ... 6 Sunday).
PLAN_DIGEST_WEEKDAY = env_int("PLAN_DIGEST_WEEKDAY", 0)

# The plan PDF: a render is stopped after PDF_RENDER_TIMEOUT seconds (keep it below gunicorn's
# 30-second worker timeout), and at most PDF_RENDERS_MAX run at once on one server, counted in
# the shared cache, so that PDFs never take every worker. By default one worker stays free.
PDF_RENDER_TIMEOUT = env_int("PDF_RENDER_TIMEOUT", 20)
PDF_RENDERS_MAX = env_int("PDF_RENDERS_MAX", max(1, env_int("WEB_CONCURRENCY", 3) - 1))
# Peer benchmarks and the program view: a group of agencies, or a count of agencies, is shown
# only when it holds at least this many, so that no agency can be singled out (docs/peers.md).
# The content editors' agreement per statement (workshops/admin.py) uses the same minimum.
PEER_MIN_AGENCIES = env_int("PEER_MIN_AGENCIES", 10)
# Demo mode: peer figures and the program view count the demo agencies of `seed_demo` (and
# only them) instead of real, verified agencies. Off by default: demo values are public.
DEMO_MODE = env_bool("DEMO_MODE", False)
if PEER_MIN_AGENCIES < 2:
    raise ImproperlyConfigured("PEER_MIN_AGENCIES must be at least 2 (10 is recommended).")
