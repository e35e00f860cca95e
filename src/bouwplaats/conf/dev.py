"""Local development: `make run`. Only defaults differ from base."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECRET_KEY", "django-insecure-development-only-key-do-not-use-in-production")

from .base import *  # noqa: F403
