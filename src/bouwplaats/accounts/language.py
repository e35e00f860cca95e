# SPDX-License-Identifier: EUPL-1.2
"""The language cookie that a login sets to the user's preferred language."""

from django.conf import settings


def remember_language(response, language: str):
    """Remember the user's language in the cookie that LocaleMiddleware reads."""
    if not language:
        return response
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
