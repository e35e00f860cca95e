# SPDX-License-Identifier: EUPL-1.2
"""The test suite: `make test`. Fast password hashing, login throttling off unless a test enables it."""

import os

os.environ.setdefault("SECRET_KEY", "django-insecure-test-only-key")
os.environ.setdefault("AXES_ENABLED", "false")
# The API throttles run, at rates no test reaches; core/tests/test_throttling.py sets them low.
os.environ.setdefault("API_THROTTLE_ANON_RATE", "100000/minute")
os.environ.setdefault("API_THROTTLE_USER_RATE", "100000/minute")
# No time limit on API reads, so that query counts are the same on SQLite and PostgreSQL; the tests of the
# limit set it (monitor/tests/status/test_api_lists.py).
os.environ.setdefault("API_STATEMENT_TIMEOUT_MS", "0")
# Staff signed in by `force_login` reach their pages; the two-factor tests turn it on (docs/dev/testing.md).
os.environ.setdefault("TWO_FACTOR_REQUIRED_FOR_STAFF", "false")

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
LOGGING["root"]["level"] = "WARNING"  # noqa: F405

# `make test` runs the suite in several processes (pytest-xdist) and every test clears the cache
# (conftest.py); Django's Redis cache clears its whole database, so each process gets one of its own:
# the database of CACHE_URL for the first process, the ones below it for the others.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker and CACHES["default"]["BACKEND"].endswith("RedisCache"):  # noqa: F405
    from urllib.parse import urlsplit, urlunsplit

    from django.core.exceptions import ImproperlyConfigured

    _location = urlsplit(CACHES["default"]["LOCATION"])  # noqa: F405
    _database = int(_location.path.strip("/") or 0) - int(_worker.removeprefix("gw"))
    if _database < 0:
        raise ImproperlyConfigured(
            f"Test process {_worker} has no Redis database of its own below {_location.path!r}: "
            "run fewer processes (PYTEST_WORKERS=4) or point CACHE_URL at a higher database."
        )
    CACHES["default"]["LOCATION"] = urlunsplit(_location._replace(path=f"/{_database}"))  # noqa: F405
