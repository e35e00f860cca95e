# SPDX-License-Identifier: EUPL-1.2
"""Settings shared by every environment.

Every setting that differs between environments is read from an environment variable
through ``env`` below; each one is documented in ``docs/admin/configuration.md``.
``dev``, ``test`` and ``production`` only change defaults or add hardening.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from bouwplaats import __version__
from bouwplaats.core.logs import configure_structlog, logging_config
from bouwplaats.core.sentry import init_sentry

SRC_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = SRC_DIR.parent.parent  # the repository root

env = environ.Env()

DEFAULT_SQLITE_URL = f"sqlite:///{BASE_DIR / 'var' / 'bouwplaats.sqlite3'}"

SECRET_KEY = env.str("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # First, so that its templates override those of the libraries below (the API docs page).
    "bouwplaats.ui",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
    "health_check",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Project apps, lowest layer first (see docs/dev/architecture.md).
    "bouwplaats.audit",
    "bouwplaats.core",
    "bouwplaats.organisations",
    "bouwplaats.accounts",
    "bouwplaats.notifications",
    "bouwplaats.architecture",
    "bouwplaats.catalogue",
    "bouwplaats.monitor",
    "bouwplaats.suppliers",
    "bouwplaats.impact",
    "bouwplaats.knowledge",
    "bouwplaats.cocreation",
    "bouwplaats.reports",
    "bouwplaats.home",
]

MIDDLEWARE = [
    # First: a request's id is on every line logged while it is served, and in its response.
    "bouwplaats.core.middleware.RequestLogMiddleware",
    # Under /api/: the API-Version header on every answer (also 413 and 503), CORS for public reads.
    "bouwplaats.core.middleware.ApiHeadersMiddleware",
    # Then, before anything reads it, a body above MAX_REQUEST_BODY_BYTES is refused (413).
    "bouwplaats.core.middleware.RequestBodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "bouwplaats.ui.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Staff (and everyone who turned it on) enter a code from their app before any other page.
    "bouwplaats.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "bouwplaats.core.middleware.RenderBehindMiddleware",
    # A view that cannot reach the database answers 503 (core.failures); handler500 for the rest.
    "bouwplaats.core.middleware.DatabaseUnavailableMiddleware",
    # An API read's queries stop after API_STATEMENT_TIMEOUT_MS on PostgreSQL: 503 instead of a busy database.
    "bouwplaats.core.middleware.ApiStatementTimeoutMiddleware",
    # Axes must come last so that it sees the outcome of the authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "bouwplaats.urls"
WSGI_APPLICATION = "bouwplaats.wsgi.application"

# Request sizes (docs/admin/limits.md). A request whose Content-Length is above MAX_REQUEST_BODY_BYTES
# is refused with 413 before its body is read; the largest legitimate upload is an architecture
# model of 50 MB (architecture.importers.limits), plus the form around it. The proxy's
# client_max_body_size must be the same.
MAX_REQUEST_BODY_BYTES = env.int("MAX_REQUEST_BODY_BYTES", default=55 * 1024 * 1024)
# A body without its files (a form, JSON) is refused above this (Django answers 400) ...
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2621440)
# ... and an uploaded file larger than this is written to a temporary file instead of kept in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = env.int("FILE_UPLOAD_MAX_MEMORY_SIZE", default=2621440)

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "bouwplaats.ui.context_processors.site",
                "bouwplaats.accounts.context_processors.roles",
                "bouwplaats.notifications.context_processors.unread",
            ],
        },
    }
]

DATABASES = {"default": env.db("DATABASE_URL", default=DEFAULT_SQLITE_URL)}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer writes; the timeout rides out short locks.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
# A reader who misses a versioned part's new version gets the previous one while a Celery worker
# renders the new one (ADRs 17 and 21); someone who wrote in the last FRAGMENTS_OWN_WRITES_SECONDS
# always sees the new one.
FRAGMENTS_RENDER_BEHIND = env.bool("FRAGMENTS_RENDER_BEHIND", default=False)
FRAGMENTS_OWN_WRITES_SECONDS = 60
# ... and such a reader is served a previous version younger than this without a new render at all.
FRAGMENTS_FRESH_FOR_SECONDS = env.float("FRAGMENTS_FRESH_FOR_SECONDS", default=5.0)
# A render asked of the worker and not stored after this many seconds is done by the next reader.
FRAGMENTS_WORKER_WAIT_SECONDS = env.float("FRAGMENTS_WORKER_WAIT_SECONDS", default=30.0)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Signing in through the organisation (OpenID Connect); does nothing while OIDC_ENABLED is off.
    "bouwplaats.accounts.oidc.OrganisationAccountBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:account"
LOGOUT_REDIRECT_URL = "catalogue:home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3  # also the lifetime of an activation link

# Login throttling (django-axes): lock a username + address pair after repeated failures.
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
# Counted per e-mail address trimmed and case-folded, as the login finds the account.
AXES_USERNAME_CALLABLE = "bouwplaats.accounts.throttling.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

# Signing in through the organisation's OpenID Connect provider (docs/admin/sign-in.md, ADR 19).
# The provider's verified e-mail address must match an existing active account; no account or role
# is ever made from the provider's claims.
OIDC_ENABLED = env.bool("OIDC_ENABLED", default=False)
OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = "openid email"
OIDC_USE_PKCE = env.bool("OIDC_USE_PKCE", default=True)
OIDC_CREATE_USER = False
OIDC_TIMEOUT = env.float("OIDC_TIMEOUT_SECONDS", default=10.0)
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc-callback"

# Two-factor sign-in (TOTP with recovery codes, django-otp; ADR 19): required for programme staff and
# administrators unless this is off, optional for everyone else.
TWO_FACTOR_REQUIRED_FOR_STAFF = env.bool("TWO_FACTOR_REQUIRED_FOR_STAFF", default=True)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Bouwplaats")

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [SRC_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
FORMAT_MODULE_PATH = ["bouwplaats.conf.formats"]  # the short date forms per language
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "static")
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
# Files that only some may read (evidence, uploaded imports): outside MEDIA_ROOT, served by the view
# core.private_media.private_file after a permission check: by the process ("django") or, after the
# check, by the web server ("x-accel-redirect" for nginx, "x-sendfile"); docs/admin/limits.md.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "var" / "private-media")
PRIVATE_MEDIA_SERVE = env.str("PRIVATE_MEDIA_SERVE", default="django")
PRIVATE_MEDIA_ACCEL_PREFIX = env.str("PRIVATE_MEDIA_ACCEL_PREFIX", default="/private-media/")
if PRIVATE_MEDIA_SERVE not in ("django", "x-accel-redirect", "x-sendfile"):
    raise ImproperlyConfigured("PRIVATE_MEDIA_SERVE must be django, x-accel-redirect or x-sendfile.")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# E-mail: the console backend by default; set EMAIL_URL=smtp+tls://user:pass@host:587 in production.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
if env.str("EMAIL_FILE_PATH", default=""):  # EMAIL_URL=filemail:// writes each message to a file here
    EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Bouwplaats <noreply@bouwplaats.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: in-process ("eager") unless a broker such as redis://127.0.0.1:6379/0 is configured.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="memory://")
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=None)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=CELERY_BROKER_URL == "memory://")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
# Monitor imports of at least this many rows are applied by a background job (docs/dev/background-jobs.md).
MONITOR_IMPORT_BACKGROUND_ROWS = env.int("MONITOR_IMPORT_BACKGROUND_ROWS", default=1000)
# Finished background jobs (and their files) are kept this long; a job still queued or running after
# JOBS_STUCK_HOURS is marked failed by the same nightly clean-up.
JOBS_KEEP_DAYS = env.int("JOBS_KEEP_DAYS", default=30)
JOBS_STUCK_HOURS = env.int("JOBS_STUCK_HOURS", default=6)
CELERY_BEAT_SCHEDULE_FILENAME = env.str(
    "CELERY_BEAT_SCHEDULE_FILENAME", default=str(BASE_DIR / "var" / "celerybeat-schedule")
)
# `celery beat` runs the scheduled jobs (docs/admin/scheduled-jobs.md); each has a management command for
# cron as well. Every job is idempotent: a second run sends or deletes nothing more.
# SURVEY_REMINDERS_EVERY_SECONDS runs the reminders every so many seconds instead (the smoke test).
_reminders_every = env.int("SURVEY_REMINDERS_EVERY_SECONDS", default=0)
CELERY_BEAT_SCHEDULE = {
    "send-survey-reminders": {
        "task": "monitor.send_survey_reminders",
        "schedule": _reminders_every if _reminders_every > 0 else crontab(hour=7, minute=30),
    },
    "send-notification-digest": {
        "task": "notifications.send_notification_digest",
        "schedule": crontab(hour=7, minute=0),
    },
    "process-consultations": {"task": "cocreation.process_consultations", "schedule": crontab(minute="*/5")},
    "clear-sessions": {"task": "accounts.clear_sessions", "schedule": crontab(hour=3, minute=15)},
    "clean-jobs": {"task": "core.clean_jobs", "schedule": crontab(hour=4, minute=0)},
    "update-open-data-files": {"task": "core.update_open_data_files", "schedule": crontab(minute="*/10")},
    "clean-access-records": {"task": "accounts.clean_access_records", "schedule": crontab(hour=3, minute=45)},
}
# django-axes' records of sign-in attempts (successful and failed) older than this are deleted nightly.
ACCESS_RECORDS_KEEP_DAYS = env.int("ACCESS_RECORDS_KEEP_DAYS", default=30)

# /health/ warns when the disk that holds the uploaded files is fuller than this (per cent).
HEALTH_CHECK_DISK_USAGE_MAX = env.float("HEALTH_CHECK_DISK_USAGE_MAX", default=90.0)

# The reference data that `load_reference_data` reads; a copy in the project, never ../shared.
REFERENCE_DATA_DIR = env.path("REFERENCE_DATA_DIR", default=BASE_DIR / "data")

# The StUF conformance check parses the XML schemas in data/stuf/ once per process, at their first use
# (seconds to half a minute); with true, a serving process (wsgi.py) parses them in the background as it starts.
STUF_SCHEMAS_PRELOAD = env.bool("STUF_SCHEMAS_PRELOAD", default=False)

# Content Security Policy (django-csp 4): everything from our own origin, no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Sessions are read from the cache (Redis in production) and written through to the database:
# a signed-in page does not query the session table.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

REST_FRAMEWORK = {
    # Token first: its WWW-Authenticate header makes missing or wrong credentials a 401 (not a 403).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "bouwplaats.core.api.Pagination",
    "PAGE_SIZE": 50,
    # django-filter, with camelCase query parameters (core.api).
    "DEFAULT_FILTER_BACKENDS": ["bouwplaats.core.api.FilterBackend"],
    # drf-spectacular's, with the ETag, If-None-Match, 304, Link and X-Total-Count that a view sends.
    "DEFAULT_SCHEMA_CLASS": "bouwplaats.core.api_schema.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "EXCEPTION_HANDLER": "bouwplaats.core.api.exception_handler",
    # OPTIONS answers 405 (with Allow) rather than describing the view; CORS preflights are
    # answered before (core.middleware.ApiHeadersMiddleware).
    "DEFAULT_METADATA_CLASS": None,
    # 429 with Retry-After beyond these rates, counted in the default cache (core.throttling).
    "DEFAULT_THROTTLE_CLASSES": [
        "bouwplaats.core.throttling.AnonRateThrottle",
        "bouwplaats.core.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON_RATE", default="600/minute"),
        "user": env.str("API_THROTTLE_USER_RATE", default="1200/minute"),
    },
}
# On PostgreSQL an API read's queries are stopped after this many milliseconds and the request answers
# 503 (core.middleware.ApiStatementTimeoutMiddleware); 0 turns the limit off.
API_STATEMENT_TIMEOUT_MS = env.int("API_STATEMENT_TIMEOUT_MS", default=5000)
# The project behind the software: its public repository, its maintainers and where to write to them.
# Decided here once; pyproject.toml ([project.urls], [project].maintainers) and publiccode.yaml (url,
# maintenance.contacts) say the same, the API schema's info.contact is made of them, and
# tests/test_release.py fails when one disagrees (docs/admin/releases.md, "The project's address").
PROJECT_URL = "https://github.com/bouwplaats/bouwplaats"
PROJECT_MAINTAINERS = "The Bouwplaats maintainers"
# No public mailbox of the maintainers exists yet: a reserved example address stands in until one does.
PROJECT_CONTACT_EMAIL = "bouwplaats@example.org"
# The contact in the API schema a site serves (info.contact, which the NL API Design Rules require): the
# project's, unless the site names those who run its API. The committed schema has the project's.
API_CONTACT = {
    "name": env.str("API_CONTACT_NAME", default=PROJECT_MAINTAINERS),
    "url": env.str("API_CONTACT_URL", default=PROJECT_URL),
    "email": env.str("API_CONTACT_EMAIL", default=PROJECT_CONTACT_EMAIL),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Bouwplaats API",
    "DESCRIPTION": (
        "Programmes, building blocks, result agreements and municipalities; progress of every "
        "municipality; architecture models and impact analyses; questions and answers, guides, "
        "articles, ideas and member consultations; suppliers, their products, versions and readiness per "
        "building block and standard, and the supplier agreements with their delivery dates. "
        "Authenticate with a session or with "
        "`Authorization: Token <key>` (create a token on your account page).\n\n"
        "Open data, no key needed: the progress per month, province, building block and level as CSV "
        "([/api/v1/open-data/progress.csv](/api/v1/open-data/progress.csv)), and the number of "
        "municipalities per level per building block and per province "
        "([/api/v1/statistics/building-blocks](/api/v1/statistics/building-blocks), "
        "[/api/v1/statistics/provinces](/api/v1/statistics/provinces)). "
        "Each municipality's own progress (`/api/v1/statuses`) is public when the programme's "
        "`municipality_status_visibility` makes it so (`municipality_status_is_public`)."
    ),
    "VERSION": __version__,  # the project's version (bouwplaats.__version__)
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # The major version is in the server's URL, the paths are relative to it (NL API Design Rules).
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVERS": [{"url": "/api/v1", "description": "This site's API, version 1"}],
    "CONTACT": API_CONTACT,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        # The API-Version header and the problem responses on every operation (core.api_schema).
        "bouwplaats.core.api_schema.postprocess",
    ],
    # Several resources have a field called `status`; name their choice sets apart.
    "ENUM_NAME_OVERRIDES": {
        "IdeaStatusEnum": "bouwplaats.cocreation.models.IdeaStatus",
        "ImportStatusEnum": "bouwplaats.monitor.models.ImportStatus",
        "RagEnum": "bouwplaats.reports.review_models.Rag",
        "ReadinessStateEnum": "bouwplaats.suppliers.models.ReadinessState",
        "StateEnum": ["upcoming", "open", "closed"],  # a survey round's state
    },
}

# Logs go to standard error: one JSON object a line (production's default) or readable lines (see
# docs/admin/logging.md); every line of a request carries its request_id and user_id.
LOG_FORMAT = env.str("LOG_FORMAT", default="plain")
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = logging_config(LOG_FORMAT, LOG_LEVEL)
configure_structlog()

# Error reports go to Sentry only when SENTRY_DSN is set, without personal data (bouwplaats.core.sentry).
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    init_sentry(
        dsn=SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        release=f"bouwplaats@{__version__}",
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )

# Shown in the page footer and used in e-mails.
SITE_NAME = "Bouwplaats"
# The site's public address, for links in e-mails sent outside a request (scheduled reminders).
SITE_BASE_URL = env.str("SITE_BASE_URL", default="http://127.0.0.1:8000")

# Open data (the open-data page and its DCAT-AP-DONL catalogue): who publishes the datasets, and
# where reusers ask about them (an e-mail address; without one, the open-data page is the contact).
OPEN_DATA_PUBLISHER = env.str("OPEN_DATA_PUBLISHER", default=SITE_NAME)
OPEN_DATA_CONTACT_EMAIL = env.str("OPEN_DATA_CONTACT_EMAIL", default="")
# A download of a prepared open-data file (the spreadsheets of the large tables) whose data changed queues
# its rewriting only when it was written at least this many seconds ago; beat catches up every ten minutes.
OPEN_DATA_REWRITE_AFTER_SECONDS = env.int("OPEN_DATA_REWRITE_AFTER_SECONDS", default=300)
# The publisher's URI in data.overheid.nl's list of organisations (e.g.
# http://standaarden.overheid.nl/owms/terms/Vereniging_van_Nederlandse_Gemeenten), which a portal
# that harvests the catalogue matches on; without one the publisher is named only.
OPEN_DATA_PUBLISHER_URI = env.str("OPEN_DATA_PUBLISHER_URI", default="")
