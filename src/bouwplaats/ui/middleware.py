# SPDX-License-Identifier: EUPL-1.2
from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class DutchFirstLocaleMiddleware:
    """Dutch for every visitor until they choose English with the language switch.

    Django's LocaleMiddleware follows the browser's Accept-Language header; the platform's
    language is Dutch first, so only the language cookie (set by the switch and at login)
    changes it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response
