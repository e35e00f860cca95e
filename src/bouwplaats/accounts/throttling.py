# SPDX-License-Identifier: EUPL-1.2
"""The key under which django-axes counts failed logins: the e-mail address as the login reads it.

Login finds the account by its e-mail address without regard to case (``UserManager.get_by_natural_key``),
so the lock-out must count ``COORD@example.org`` and ``coord@example.org`` as one address; otherwise
each variant in case would get five attempts of its own.
"""

from django.conf import settings


def normalised_login(value) -> str:
    """The e-mail address as typed, trimmed and case-folded (``None`` and non-text become "")."""
    return value.strip().casefold() if isinstance(value, str) else ""


def axes_username(request, credentials) -> str:
    """``AXES_USERNAME_CALLABLE``: the normalised e-mail address of the credentials or of the posted form."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        return normalised_login(credentials.get(field))
    data = getattr(request, "data", None) or getattr(request, "POST", {})
    return normalised_login(data.get(field))
