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
