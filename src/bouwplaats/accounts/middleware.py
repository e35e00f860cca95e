# SPDX-License-Identifier: EUPL-1.2
"""Sends a session that still owes its second factor to the code page (or the set-up page)."""

from functools import cache
from urllib.parse import urlencode

from django.contrib.auth import SESSION_KEY
from django.shortcuts import redirect
from django.urls import reverse

from . import selectors, two_factor


@cache
def _open_paths() -> frozenset[str]:
    """The pages a session may open before its second factor: entering a code, setting up the app,
    logging out and choosing the language."""
    names = ["accounts:two-factor-verify", "accounts:two-factor-setup", "accounts:two-factor-qr", "accounts:logout"]
    return frozenset([*(reverse(name) for name in names), reverse("set_language")])


class SecondFactorMiddleware:
    """After ``OTPMiddleware``: until a code has been entered, no other page opens."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The session says whether anyone is signed in: a page that needs no user does not load it here.
        signed_in = SESSION_KEY in request.session
        if signed_in and two_factor.is_due(request) and request.path not in _open_paths():
            page = "accounts:two-factor-verify"
            if not selectors.has_second_factor(request.user):
                page = "accounts:two-factor-setup"
            return redirect(f"{reverse(page)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
