import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory

from bouwplaats.accounts.tests.factories import AdminFactory
from bouwplaats.notifications import registry, services
from bouwplaats.notifications.context_processors import unread
from bouwplaats.notifications.models import Follow, NotificationKind, NotificationPreference
from bouwplaats.notifications.tokens import make_unsubscribe_token
from bouwplaats.organisations.models import Municipality

pytestmark = pytest.mark.django_db


def test_unread_count_for_the_header_is_counted_only_when_shown(alice, django_assert_num_queries):
    services.notification_send(recipients=[alice], kind=NotificationKind.ANSWER, subject="A", body="", url="/")
    request = RequestFactory().get("/")
    request.user = alice
    with django_assert_num_queries(0):
        context = unread(request)
    with django_assert_num_queries(1):
        assert Template("[{{ unread_notifications }}]").render(Context(context)) == "[1]"


def test_one_click_unsubscribe_needs_no_csrf_token(alice):
    client = Client(enforce_csrf_checks=True)
    token = make_unsubscribe_token(alice, NotificationKind.COMMENT)
    response = client.post(f"/meldingen/afmelden/{token}/", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert NotificationPreference.objects.get(user=alice).muted_kinds == ["comment"]


def test_follow_page_refuses_what_the_owning_app_refuses(english_client, alice, followable_municipality):
    registry.register_followable(Municipality, can_follow=lambda user, obj: False)
    english_client.force_login(alice)
    data = {"target_type": "organisations.municipality", "target_id": followable_municipality.pk, "action": "follow"}
    assert english_client.post("/meldingen/volgen/", data).status_code == 403
    assert not Follow.objects.exists()


def test_admin_lists_are_read_only(english_client, alice):
    services.notification_send(
        recipients=[alice], kind=NotificationKind.ANSWER, subject="Visible in admin", body="", url="/"
    )
    english_client.force_login(AdminFactory())
    response = english_client.get("/admin/notifications/notification/")
    assert response.status_code == 200 and "Visible in admin" in response.content.decode()
    assert english_client.get("/admin/notifications/notification/add/").status_code == 403
    assert english_client.get("/admin/notifications/follow/").status_code == 200
    assert english_client.get("/admin/notifications/notificationpreference/").status_code == 200
