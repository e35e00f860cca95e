# SPDX-License-Identifier: EUPL-1.2
"""Error reports to Sentry, without personal data.

``init_sentry`` is called by the settings only when ``SENTRY_DSN`` is set. The SDK is told not to
send personal data (``send_default_pii=False``: no user e-mail or address, no cookies, no SQL
parameters) nor the local variables of stack frames, and ``scrub_event`` removes from each event and
transaction what could still identify someone: e-mail addresses anywhere in the text, the user's
details except the id, names, cookies, the Authorization and Cookie headers, and the whole body of a
request to a login, registration, activation or password page.
"""

import re

import sentry_sdk
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration

FILTERED = "[Filtered]"
# An address ends in a top-level domain of letters; a release such as "bouwplaats@0.2.0" is not one.
EMAIL_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@(?:[\w-]+\.)+[A-Za-z]{2,}\b")
# Keys whose values are personal wherever they occur in an event.
PERSONAL_KEYS = frozenset(
    {
        "email",
        "e_mail",
        "email_address",
        "username",
        "first_name",
        "last_name",
        "full_name",
        "display_name",
        "cookies",
        "cookie",
        "authorization",
        "proxy-authorization",
        "x-csrftoken",
        "ip_address",
        "remote_addr",
        "x-forwarded-for",
        "x-real-ip",
        "sessionid",
        "csrftoken",
        "password",
        "new_password1",
        "new_password2",
        "old_password",
        "password1",
        "password2",
        "token",
    }
)
# The body of a request to one of these pages is never sent (login forms, registration, passwords).
_LOGIN_PATHS = re.compile(
    r"/(?:inloggen|login|registreren|register|activeren|opnieuw-activeren|wachtwoord[^/]*|password[^/]*|"
    r"oidc|two_factor|2fa|api-token|admin/login)(?:/|$)",
    re.IGNORECASE,
)


def _scrub(value):
    if isinstance(value, str):
        return EMAIL_ADDRESS.sub(FILTERED, value)
    if isinstance(value, dict):
        return {
            key: FILTERED if isinstance(key, str) and key.lower() in PERSONAL_KEYS else _scrub(item)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [_scrub(item) for item in value]
    return value


def _scrub_request(request: dict) -> dict:
    request = dict(request)
    request.pop("cookies", None)
    if isinstance(request.get("headers"), dict):
        request["headers"] = {
            name: value for name, value in request["headers"].items() if name.lower() not in PERSONAL_KEYS
        }
    if "data" in request and _LOGIN_PATHS.search(str(request.get("url") or "")):
        request["data"] = FILTERED
    request.pop("env", None)  # REMOTE_ADDR and the like
    return request


def scrub_event(event: dict, hint: dict | None = None) -> dict:
    """Sentry's ``before_send`` (and ``before_send_transaction``): the event without personal data."""
    event = dict(event)
    if isinstance(event.get("request"), dict):
        event["request"] = _scrub_request(event["request"])
    user = event.get("user")
    if isinstance(user, dict):
        event["user"] = {"id": user["id"]} if user.get("id") is not None else {}
    return _scrub(event)


def init_sentry(*, dsn: str, environment: str, release: str, traces_sample_rate: float = 0.0) -> None:
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="small",
        before_send=scrub_event,
        before_send_transaction=scrub_event,
        traces_sample_rate=traces_sample_rate,
    )
