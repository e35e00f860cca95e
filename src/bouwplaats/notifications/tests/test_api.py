# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.urls import reverse

from bouwplaats.core.testing import invalid_params
from bouwplaats.notifications import selectors, services
from bouwplaats.notifications.models import Notification, NotificationKind, NotificationPreference

pytestmark = pytest.mark.django_db

LIST = reverse("api-notification-list")
MARK_READ = reverse("api-notification-mark-read")
PREFERENCES = reverse("api-notification-preferences")


def _notify(recipients, subject="Answered"):
    services.notification_send(
        recipients=recipients, kind=NotificationKind.ANSWER, subject=subject, body="", url=reverse("knowledge:home")
    )


@pytest.fixture
def api(english_api_client, alice):
    english_api_client.force_authenticate(alice)
    return english_api_client


@pytest.mark.parametrize(
    ("method", "url"), [("get", LIST), ("post", MARK_READ), ("get", PREFERENCES), ("put", PREFERENCES)]
)
def test_anonymous_is_refused(english_api_client, method, url):
    response = getattr(english_api_client, method)(url, {}, format="json")
    assert response.status_code in (401, 403)


def test_lists_only_my_own_and_filters_unread(api, alice, bram, django_assert_num_queries):
    _notify([alice, bram], subject="First")
    _notify([alice], subject="Second")
    services.notification_mark_read(
        user=alice, notification_ids=[Notification.objects.get(recipient=alice, subject="First").pk]
    )
    with django_assert_num_queries(2):
        body = api.get(LIST).json()
    assert body["count"] == 2
    assert [item["subject"] for item in body["results"]] == ["Second", "First"]
    assert [item["is_read"] for item in body["results"]] == [False, True]
    unread = api.get(LIST, {"unread": "true"}).json()
    assert [item["subject"] for item in unread["results"]] == ["Second"]


def test_another_users_notification_is_not_found(api, bram):
    _notify([bram])
    other = Notification.objects.get(recipient=bram)
    assert api.get(reverse("api-notification-detail", args=[other.pk])).status_code == 404


def test_mark_read(api, alice, bram):
    _notify([alice, bram])
    _notify([alice])
    mine = list(Notification.objects.filter(recipient=alice).order_by("pk").values_list("pk", flat=True))
    response = api.post(MARK_READ, {"ids": [mine[0]]}, format="json")
    assert response.status_code == 200 and response.json() == {"marked": 1}
    assert api.post(MARK_READ, {}, format="json").json() == {"marked": 1}
    assert selectors.unread_count(alice) == 0
    assert selectors.unread_count(bram) == 1


def test_marking_another_users_notification_is_forbidden(api, alice, bram):
    _notify([alice, bram])
    other = Notification.objects.get(recipient=bram)
    mine = Notification.objects.get(recipient=alice)
    response = api.post(MARK_READ, {"ids": [mine.pk, other.pk]}, format="json")
    assert response.status_code == 403
    assert Notification.objects.filter(read_at__isnull=False).count() == 0


def test_mark_read_validation(api):
    assert api.post(MARK_READ, {"ids": ["x"]}, format="json").status_code == 400
    assert api.post(MARK_READ, {"ids": []}, format="json").status_code == 400


def test_preferences_get_and_put(api, alice):
    assert api.get(PREFERENCES).json() == {"frequency": "immediate", "muted_kinds": []}
    response = api.put(PREFERENCES, {"frequency": "off", "muted_kinds": ["reply"]}, format="json")
    assert response.status_code == 200
    assert response.json() == {"frequency": "off", "muted_kinds": ["reply"]}
    assert NotificationPreference.objects.get(user=alice).frequency == "off"


def test_preferences_validation(api):
    response = api.put(PREFERENCES, {"frequency": "hourly", "muted_kinds": ["gossip"]}, format="json")
    assert response.status_code == 400
    assert {name.split(".")[0] for name in invalid_params(response)} >= {"frequency", "muted_kinds"}
    assert not NotificationPreference.objects.exists()
