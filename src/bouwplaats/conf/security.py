# SPDX-License-Identifier: EUPL-1.2
"""Start-up checks for production settings."""

from django.core.exceptions import ImproperlyConfigured

UNSAFE_KEY_MARKERS = ("django-insecure", "changeme", "secret", "development", "test")


def check_secret_key(key: str) -> None:
    """Raise unless the key is long, varied and not one of the shipped development keys."""
    if len(key) < 50 or len(set(key)) < 5:
        raise ImproperlyConfigured("SECRET_KEY must be set to a random string of at least 50 characters.")
    lowered = key.lower()
    if any(marker in lowered for marker in UNSAFE_KEY_MARKERS):
        raise ImproperlyConfigured("SECRET_KEY looks like a development key; generate a new random one.")


def check_broker_url(url: str) -> None:
    """Raise unless tasks go to a real broker: in-memory, the worker and beat would never see them."""
    if not url or url.startswith("memory://"):
        raise ImproperlyConfigured(
            "CELERY_BROKER_URL must name a real broker in production, e.g. redis://redis:6379/0: with the "
            "in-memory broker (memory://) no worker receives the tasks, so scheduled e-mails are never sent."
        )
