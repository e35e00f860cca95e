# SPDX-License-Identifier: EUPL-1.2
"""Sending notification e-mail: straight away after a notification, or once a day in a digest.

Run by the Celery tasks of ``tasks`` (in-process unless a broker is configured). Delivery
bookkeeping (``emailed_at``, ``digested_at``) is not audited per notification: the write that
caused a notification was; the daily digest records one entry per run that sent anything.
"""

import datetime

from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from bouwplaats.audit import services as audit

from . import emails, selectors
from .models import Frequency, Notification

# The daily e-mail only collects what is this recent, so that switching to "daily" does not
# dig up months of notifications that were never meant to be e-mailed.
DIGEST_WINDOW = datetime.timedelta(days=7)


def wants_immediate(preference, kind: str) -> bool:
    """Whether a notification of this kind is e-mailed straight away under the user's preference."""
    if preference is None:  # the default
        return True
    return preference.frequency == Frequency.IMMEDIATE and kind not in preference.muted_kinds


# --- sending ------------------------------------------------------------------------


def notification_emails_send(*, notification_ids, base_url: str | None = None) -> int:
    """E-mail the given notifications that have not been e-mailed yet, if their recipients still
    want them straight away. Delivery bookkeeping (``emailed_at``) is not audited: the write that
    caused the notification was. Returns the number of e-mails sent."""
    with transaction.atomic():
        pending = list(
            # Lock only the notifications: PostgreSQL cannot lock the optional preference row.
            Notification.objects.select_for_update(of=("self",))
            .filter(pk__in=list(notification_ids), emailed_at__isnull=True, digested_at__isnull=True)
            .select_related("recipient", "recipient__notification_preference")
        )
        due = [
            n
            for n in pending
            if n.recipient.is_active and wants_immediate(getattr(n.recipient, "notification_preference", None), n.kind)
        ]
        if not due:
            return 0
        messages = [emails.immediate_message(n, base_url=base_url) for n in due]
        Notification.objects.filter(pk__in=[n.pk for n in due]).update(emailed_at=timezone.now())
        # Sent inside the transaction: if sending fails, nothing is marked as e-mailed.
        return get_connection().send_messages(messages) or 0


def notification_digest_send(*, now: datetime.datetime | None = None, base_url: str | None = None) -> dict:
    """One e-mail per user with frequency "daily" listing their notifications that were neither
    e-mailed nor in an earlier daily e-mail. Never includes a notification twice."""
    now = now or timezone.now()
    with transaction.atomic():
        users = {user.pk: user for user in selectors.digest_recipients().select_related("notification_preference")}
        pending = (
            Notification.objects.select_for_update()
            .filter(
                recipient_id__in=list(users),
                emailed_at__isnull=True,
                digested_at__isnull=True,
                created_at__lte=now,
                created_at__gt=now - DIGEST_WINDOW,
            )
            .order_by("recipient_id", "created_at", "pk")
        )
        per_user: dict[int, list] = {}
        for notification in pending:
            if notification.kind in users[notification.recipient_id].notification_preference.muted_kinds:
                continue
            per_user.setdefault(notification.recipient_id, []).append(notification)
        messages = [emails.digest_message(users[pk], items, base_url=base_url) for pk, items in per_user.items()]
        included = [n.pk for items in per_user.values() for n in items]
        Notification.objects.filter(pk__in=included).update(digested_at=now)
        result = {"emails": len(messages), "notifications": len(included)}
        if messages:
            audit.record(
                actor=None,
                action="notifications.digest",
                object_type="notifications.notification",
                changes={**result, "at": now},
            )
            get_connection().send_messages(messages)
    return result
