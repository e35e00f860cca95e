# SPDX-License-Identifier: EUPL-1.2
"""Sending notification e-mail (Celery; runs in-process unless a broker is configured)."""

from celery import shared_task

from . import delivery


@shared_task(name="notifications.send_notification_emails")
def send_notification_emails(notification_ids: list[int], base_url: str | None = None) -> int:
    return delivery.notification_emails_send(notification_ids=notification_ids, base_url=base_url)


@shared_task(name="notifications.send_notification_digest")
def send_notification_digest(base_url: str | None = None) -> dict:
    return delivery.notification_digest_send(base_url=base_url)
