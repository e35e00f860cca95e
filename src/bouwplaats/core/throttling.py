# SPDX-License-Identifier: EUPL-1.2
"""API rate limits: DRF's anonymous and per-user throttles, counted in the default cache.

The rates are ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` (``anon``: per IP address, ``user``: per
account), set from ``API_THROTTLE_ANON_RATE`` and ``API_THROTTLE_USER_RATE``. DRF's own classes
copy the rates once, when they are imported; these read them on every request, so that a
changed setting (a test's override) takes effect. A refused request gets 429 with ``Retry-After``.
The counts live in the default cache: Redis in production, shared by every worker process.
"""

from rest_framework import throttling
from rest_framework.settings import api_settings


class _CurrentRates:
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonRateThrottle(_CurrentRates, throttling.AnonRateThrottle):
    """Requests without an account, per IP address."""


class UserRateThrottle(_CurrentRates, throttling.UserRateThrottle):
    """Requests of a signed-in user or token, per account (anonymous ones per IP address)."""
