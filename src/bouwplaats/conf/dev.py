# SPDX-License-Identifier: EUPL-1.2
"""Local development: `make run`. Only defaults differ from base."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECRET_KEY", "django-insecure-development-only-key-do-not-use-in-production")
# The demo accounts that `make run` prints sign in with their password alone (docs/admin/sign-in.md).
os.environ.setdefault("TWO_FACTOR_REQUIRED_FOR_STAFF", "false")

from .base import *  # noqa: F403
