# SPDX-License-Identifier: EUPL-1.2
"""The e-mails of notifications, rendered in the recipient's language.

Every message links to the site, to the settings page and to a signed unsubscribe page, and
carries ``List-Unsubscribe`` headers so that mail programs can offer one-click unsubscribing.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from bouwplaats.core.links import absolute

from .tokens import ALL_KINDS, make_unsubscribe_token


def _base_url(base_url: str | None) -> str:
    return getattr(settings, "SITE_BASE_URL", "") if base_url is None else base_url


def _message(*, user, template: str, context: dict, kind: str, base_url: str) -> EmailMessage:
    unsubscribe_link = absolute(
        base_url, reverse("notifications:unsubscribe", kwargs={"token": make_unsubscribe_token(user, kind)})
    )
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        full_context = {
            "site_name": settings.SITE_NAME,
            "recipient": user,
            "settings_link": absolute(base_url, reverse("notifications:preferences")),
            "list_link": absolute(base_url, reverse("notifications:list")),
            "unsubscribe_link": unsubscribe_link,
            "for_one_kind": kind != ALL_KINDS,
            **context,
        }
        subject = " ".join(render_to_string(f"notifications/email/{template}_subject.txt", full_context).split())
        body = render_to_string(f"notifications/email/{template}.txt", full_context)
    return EmailMessage(
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def immediate_message(notification, *, base_url: str | None = None) -> EmailMessage:
    base_url = _base_url(base_url)
    return _message(
        user=notification.recipient,
        template="notification",
        context={"notification": notification, "link": absolute(base_url, notification.url)},
        kind=notification.kind,
        base_url=base_url,
    )


def digest_message(user, notifications: list, *, base_url: str | None = None) -> EmailMessage:
    base_url = _base_url(base_url)
    items = [{"notification": n, "link": absolute(base_url, n.url)} for n in notifications]
    return _message(
        user=user,
        template="digest",
        context={"items": items, "count": len(items)},
        kind=ALL_KINDS,
        base_url=base_url,
    )
