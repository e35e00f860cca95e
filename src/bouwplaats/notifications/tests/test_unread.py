# SPDX-License-Identifier: EUPL-1.2
"""The header's unread count is cached per user and forgotten by the writes that change it."""

import pytest
from django.core.cache import cache
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from bouwplaats.core import per_user
from bouwplaats.notifications import context_processors, selectors, services
from bouwplaats.notifications.models import Notification, NotificationKind

pytestmark = pytest.mark.django_db


def _notify(recipients):
    services.notification_send(
        recipients=recipients, kind=NotificationKind.ANSWER, subject="S", body="B", url=reverse("knowledge:home")
    )


def test_a_second_page_does_not_count_again(client, alice, django_assert_num_queries):
    _notify([alice])
    client.force_login(alice)
    client.get(reverse("accounts:account"))
    with django_assert_num_queries(0):
        assert selectors.unread_count(alice) == 1


def test_a_new_notification_and_reading_change_the_header(client, alice, bram):
    client.force_login(alice)
    _notify([alice])
    assert selectors.unread_count(alice) == 1  # now cached
    _notify([alice, bram])
    assert selectors.unread_count(alice) == 2
    services.notification_mark_read(
        user=alice, notification_ids=[Notification.objects.filter(recipient=alice).first().pk]
    )
    assert selectors.unread_count(alice) == 1
    services.notification_mark_read(user=alice)
    assert selectors.unread_count(alice) == 0
    assert selectors.unread_count(bram) == 1


def test_a_count_stored_before_the_commit_is_forgotten_after_it(alice, django_capture_on_commit_callbacks):
    # Another request counted (and cached) between the write and its commit.
    with django_capture_on_commit_callbacks(execute=True):
        _notify([alice])
        cache.set(per_user.key(selectors.UNREAD, alice.pk), 0)
    assert selectors.unread_count(alice) == 1


def test_users_count_apart(alice, bram):
    _notify([alice])
    assert (selectors.unread_count(alice), selectors.unread_count(bram)) == (1, 0)


def test_unread_count_for_the_header_is_counted_only_when_shown(alice, django_assert_num_queries):
    services.notification_send(recipients=[alice], kind=NotificationKind.ANSWER, subject="A", body="", url="/")
    request = RequestFactory().get("/")
    request.user = alice
    with django_assert_num_queries(0):
        context = context_processors.unread(request)
    with django_assert_num_queries(1):
        assert Template("[{{ unread_notifications }}]").render(Context(context)) == "[1]"
