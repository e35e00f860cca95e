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
