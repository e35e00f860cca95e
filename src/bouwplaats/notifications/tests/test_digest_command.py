# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from bouwplaats.notifications import services
from bouwplaats.notifications.models import Notification, NotificationKind

pytestmark = pytest.mark.django_db

FAQ = reverse("knowledge:home")


def test_the_command_sends_each_notification_once(alice, bram, capsys):
    services.notification_preferences_update(user=alice, frequency="daily", muted_kinds=[])
    services.notification_preferences_update(user=bram, frequency="daily", muted_kinds=[])
    for subject in ("One", "Two"):
        services.notification_send(
            recipients=[alice, bram], kind=NotificationKind.COMMENT, subject=subject, body="", url=FAQ
        )

    call_command("send_notification_digest", base_url="https://bouwplaats.example")
    assert "Sent 2 daily e-mails with 4 notifications" in capsys.readouterr().out
    assert sorted(message.to[0] for message in mail.outbox) == [alice.email, bram.email]
    assert not Notification.objects.filter(digested_at__isnull=True).exists()

    call_command("send_notification_digest")
    assert "Sent 0 daily e-mails" in capsys.readouterr().out
    assert len(mail.outbox) == 2
