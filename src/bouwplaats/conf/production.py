"""Production: DEBUG off, secure cookies, HSTS and CSP. Refuses to start with an unsafe secret key."""

from bouwplaats.core.logs import logging_config

from .base import *  # noqa: F403
from .base import LOG_LEVEL, SECRET_KEY, env
from .security import check_secret_key

check_secret_key(SECRET_KEY)

DEBUG = False
LOG_FORMAT = env.str("LOG_FORMAT", default="json")
LOGGING = logging_config(LOG_FORMAT, LOG_LEVEL)
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
