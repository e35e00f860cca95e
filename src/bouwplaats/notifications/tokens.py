# SPDX-License-Identifier: EUPL-1.2
"""Signed unsubscribe links: they work without logging in, so they carry who and what, signed."""

from django.contrib.auth import get_user_model
from django.core import signing

SALT = "bouwplaats.notifications.unsubscribe"
ALL_KINDS = ""  # a token for every kind of e-mail (the daily e-mail)


class InvalidToken(Exception):
    pass


def make_unsubscribe_token(user, kind: str = ALL_KINDS) -> str:
    return signing.dumps({"u": user.pk, "k": kind}, salt=SALT, compress=True)


def read_unsubscribe_token(token: str):
    """The (user, kind) that ``token`` was made for; ``InvalidToken`` when tampered or unknown."""
    try:
        data = signing.loads(token, salt=SALT)
        user = get_user_model().objects.get(pk=data["u"], is_active=True)
        kind = str(data.get("k", ALL_KINDS))
    except (signing.BadSignature, KeyError, TypeError, ValueError, get_user_model().DoesNotExist) as error:
        raise InvalidToken from error
    return user, kind
