# SPDX-License-Identifier: EUPL-1.2
"""Production: DEBUG off, secure cookies, HSTS and CSP. Refuses to start with an unsafe secret key
or without a real task broker."""

from bouwplaats.core.logs import logging_config

from .base import *  # noqa: F403
from .base import CELERY_BROKER_URL, DATABASES, LOG_LEVEL, SECRET_KEY, env
from .security import check_broker_url, check_secret_key

check_secret_key(SECRET_KEY)
check_broker_url(CELERY_BROKER_URL)

DEBUG = False
LOG_FORMAT = env.str("LOG_FORMAT", default="json")
LOGGING = logging_config(LOG_FORMAT, LOG_LEVEL)
# Tasks go to the broker and run in the worker (`bin/entrypoint worker`), never inside a web request.
CELERY_TASK_ALWAYS_EAGER = False
# Each process keeps its database connection for CONN_MAX_AGE seconds (a value in DATABASE_URL's
# ?conn_max_age= wins), checked before reuse so that a restarted database costs no failed request.
if "CONN_MAX_AGE" in env or "CONN_MAX_AGE" not in DATABASES["default"]:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
FRAGMENTS_RENDER_BEHIND = env.bool("FRAGMENTS_RENDER_BEHIND", default=True)
if CACHES["default"]["BACKEND"].endswith("LocMemCache"):  # noqa: F405
    # Each worker process has its own local-memory cache: a session ended in one (logging out)
    # would stay valid in another's copy. Sessions are read from the cache only when it is shared.
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Every cookie over HTTPS only, and not sent along with requests from other sites' pages (Lax).
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Health probes of a container platform or load balancer ask over plain HTTP, inside the network.
SECURE_REDIRECT_EXEMPT = [r"^health/"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preloading is hard to undo (browsers ship the list): only on when the domain is submitted to it.
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False
TEMPLATES[0]["OPTIONS"]["loaders"] = [  # noqa: F405
    ("django.template.loaders.cached.Loader", ["django.template.loaders.app_directories.Loader"])
]
TEMPLATES[0]["APP_DIRS"] = False  # noqa: F405
