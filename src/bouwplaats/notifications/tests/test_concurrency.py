# SPDX-License-Identifier: EUPL-1.2
"""Two daily-e-mail runs, or two follows of one object, at the same moment (PostgreSQL)."""

import pytest
from django.core import mail

from bouwplaats.core.testing import at_the_same_moment
from bouwplaats.notifications import delivery, services
from bouwplaats.notifications.models import Follow, Notification, NotificationKind


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_daily_runs_at_the_same_moment_send_each_notification_once(alice, bram):
    for user in (alice, bram):
        services.notification_preferences_update(user=user, frequency="daily", muted_kinds=[])
    for subject in ("One", "Two", "Three"):
        services.notification_send(
            recipients=[alice, bram], kind=NotificationKind.COMMENT, subject=subject, body="", url="/"
        )

    results = at_the_same_moment(delivery.notification_digest_send, delivery.notification_digest_send)
    assert sum(result["notifications"] for result in results) == 6
    assert sorted(message.to[0] for message in mail.outbox) == [alice.email, bram.email]
    assert not Notification.objects.filter(digested_at__isnull=True).exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_immediate_sends_of_one_notification_send_once(alice):
    services.notification_send(recipients=[alice], kind=NotificationKind.ANSWER, subject="Once", body="", url="/")
    mail.outbox.clear()
    Notification.objects.update(emailed_at=None)
    ids = list(Notification.objects.values_list("pk", flat=True))
    results = at_the_same_moment(
        lambda: delivery.notification_emails_send(notification_ids=ids),
        lambda: delivery.notification_emails_send(notification_ids=ids),
    )
    assert sorted(results) == [0, 1]
    assert len(mail.outbox) == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_follows_at_the_same_moment_make_one(alice, followable_municipality):
    at_the_same_moment(
        lambda: services.follow_create(user=alice, target=followable_municipality),
        lambda: services.follow_create(user=alice, target=followable_municipality),
    )
    assert Follow.objects.filter(user=alice).count() == 1
