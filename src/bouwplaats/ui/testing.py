"""Helpers for the test suite that more than one app uses."""

from django.conf import settings


def in_english(client):
    """A test client whose pages come in English (the language cookie, as the language switch sets)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
