# SPDX-License-Identifier: EUPL-1.2
"""Two-factor sign-in with an authenticator app (TOTP) and recovery codes, on django-otp (ADR 19).

Programme staff and administrators must use it (``TWO_FACTOR_REQUIRED_FOR_STAFF``); everyone else
may turn it on. A sign-in (password or OIDC) is complete once a code has been entered in the same
session: ``SecondFactorMiddleware`` sends an unverified session to the code page, or to the set-up
page when a staff member has no app yet. Whether a code is due is noted in the session at the
login, so that the pages of users without a second factor ask the database nothing more.
"""

import base64

import django_otp
import qrcode
import qrcode.image.svg
from django.contrib.auth.signals import user_logged_in
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import selectors
from .permissions import needs_second_factor

DUE_SESSION_KEY = "accounts.second_factor_due"
SETUP_KEY_SESSION_KEY = "accounts.second_factor_setup_key"
RECOVERY_CODES_SESSION_KEY = "accounts.recovery_codes"
RECOVERY_CODE_COUNT = 10
TOTP_DIGITS = 6


def note_due_at_login(sender, request, user, **kwargs) -> None:
    """``user_logged_in``: someone with an app must enter a code before anything else."""
    if request is not None and hasattr(request, "session") and selectors.has_second_factor(user):
        request.session[DUE_SESSION_KEY] = True


def connect_signals() -> None:
    user_logged_in.connect(note_due_at_login, dispatch_uid="accounts.two_factor.note_due_at_login")


def is_due(request) -> bool:
    """Whether this signed-in session must still enter a code (or set up an app)."""
    user = request.user
    return bool(request.session.get(DUE_SESSION_KEY) or needs_second_factor(user)) and not user.is_verified()


def totp_matches(key: str, token: str) -> bool:
    """Whether ``token`` is the current code (or one step either side) of the app holding ``key``."""
    token = (token or "").strip().replace(" ", "")
    if len(token) != TOTP_DIGITS or not token.isdigit():
        return False
    return TOTP(bytes.fromhex(key), digits=TOTP_DIGITS).verify(int(token), tolerance=1)


def _devices(user) -> list:
    return [
        *TOTPDevice.objects.filter(user=user, confirmed=True),
        *StaticDevice.objects.filter(user=user, confirmed=True),
    ]


def must_wait(user) -> bool:
    """Whether wrong codes in a row make the user wait (django-otp doubles the wait after each one)."""
    return any(not device.verify_is_allowed()[0] for device in _devices(user))


def matching_device(user, code: str):
    """The user's app or recovery codes that accept ``code``, or None. A recovery code is used up."""
    code = (code or "").strip().replace(" ", "").lower()
    if not code:
        return None
    for device in _devices(user):
        if device.verify_token(code):
            return device
    return None


def verified(request, device) -> None:
    """Mark the session as signed in with the second factor."""
    django_otp.login(request, device)
    request.session.pop(DUE_SESSION_KEY, None)


def setup_device(user, key: str) -> TOTPDevice:
    """The (unsaved) app of the set-up page, for its otpauth address."""
    return TOTPDevice(user=user, key=key, digits=TOTP_DIGITS, name="Authenticator app")


def manual_key(key: str) -> str:
    """The key as people type it into an app: base32 in groups of four."""
    text = base64.b32encode(bytes.fromhex(key)).decode("ascii").rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_code_svg(user, key: str) -> bytes:
    """The QR code of the otpauth address, as an SVG image."""
    image = qrcode.make(setup_device(user, key).config_url, image_factory=qrcode.image.svg.SvgPathImage)
    return image.to_string()
