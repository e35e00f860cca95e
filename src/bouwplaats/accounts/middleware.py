"""Sends a session that still owes its second factor to the code page (or the set-up page)."""

from functools import cache
from urllib.parse import urlencode

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
        if request.user.is_authenticated and request.path not in _open_paths() and two_factor.is_due(request):
            page = "accounts:two-factor-verify"
            if not selectors.has_second_factor(request.user):
                page = "accounts:two-factor-setup"
            return redirect(f"{reverse(page)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
