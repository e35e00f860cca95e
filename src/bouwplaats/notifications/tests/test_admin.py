# SPDX-License-Identifier: EUPL-1.2
"""The notifications in Django's admin: lists to read, nothing to add."""

import pytest
from django.urls import reverse

from bouwplaats.accounts.tests.factories import AdminFactory
from bouwplaats.notifications import services
from bouwplaats.notifications.models import NotificationKind

pytestmark = pytest.mark.django_db


def test_admin_lists_are_read_only(english_client, alice):
    services.notification_send(
        recipients=[alice], kind=NotificationKind.ANSWER, subject="Visible in admin", body="", url="/"
    )
    english_client.force_login(AdminFactory())
    response = english_client.get(reverse("admin:notifications_notification_changelist"))
    assert response.status_code == 200 and "Visible in admin" in response.content.decode()
    assert english_client.get(reverse("admin:notifications_notification_add")).status_code == 403
    assert english_client.get(reverse("admin:notifications_follow_changelist")).status_code == 200
    assert english_client.get(reverse("admin:notifications_notificationpreference_changelist")).status_code == 200
