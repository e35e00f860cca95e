# SPDX-License-Identifier: EUPL-1.2
"""Settings of the test provider; everything it needs comes from the environment of its process."""

import json
import os
from pathlib import Path

HERE = Path(__file__).resolve().parent

SECRET_KEY = "provider-only-key-for-tests"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oauth2_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = "bouwplaats.accounts.tests.oidc_provider.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [HERE / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["PROVIDER_DATABASE"]}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "/login/"
USE_TZ = True

# The claims of each person, by user name: {"ann": {"email": ..., "email_verified": true, ...}}.
PROVIDER_CLAIMS = json.loads(Path(os.environ["PROVIDER_CLAIMS"]).read_text())
PROVIDER_REDIRECT_URI = os.environ["PROVIDER_REDIRECT_URI"]

OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": os.environ["PROVIDER_RSA_KEY"],
    "PKCE_REQUIRED": True,
    "SCOPES": {"openid": "OpenID Connect", "email": "E-mail address"},
    "OAUTH2_VALIDATOR_CLASS": "bouwplaats.accounts.tests.oidc_provider.validator.ClaimsValidator",
}
