# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from bouwplaats.audit.models import AuditEntry
from bouwplaats.notifications import registry, selectors, services
from bouwplaats.notifications.models import Follow, Frequency, Notification, NotificationKind, NotificationPreference
from bouwplaats.notifications.tokens import make_unsubscribe_token
from bouwplaats.organisations.models import Municipality

pytestmark = pytest.mark.django_db

LIST = reverse("notifications:list")
MARK_READ = reverse("notifications:mark-read")
PREFERENCES = reverse("notifications:preferences")
FOLLOW = reverse("notifications:follow")
QUESTION = reverse("knowledge:question-detail", args=[1])


def _notify(recipients, subject="Your question was answered", url=QUESTION, **extra):
    return services.notification_send(
        recipients=recipients, kind=NotificationKind.ANSWER, subject=subject, body="Body", url=url, **extra
    )


@pytest.fixture
def client(english_client):
    return english_client


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


class TestLoginRequired:
    @pytest.mark.parametrize("url", [LIST, PREFERENCES])
    def test_pages_need_a_login(self, client, url):
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]

    @pytest.mark.parametrize("url", [MARK_READ, FOLLOW])
    def test_posts_need_a_login(self, client, url):
        response = client.post(url, {})
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


class TestList:
    def test_shows_only_my_notifications_newest_first(self, alice_client, alice, bram):
        _notify([alice], subject="Older")
        _notify([alice], subject="Newer")
        _notify([bram], subject="For Bram only")
        response = alice_client.get(LIST)
        content = response.content.decode()
        assert response.status_code == 200
        assert content.index("Newer") < content.index("Older")
        assert "For Bram only" not in content
        assert "You have 2 unread notifications." in content
        assert f'href="{QUESTION}"' in content

    def test_unread_filter_and_pagination(self, alice_client, alice):
        for number in range(25):
            _notify([alice], subject=f"Notification {number}")
        services.notification_mark_read(user=alice, notification_ids=[Notification.objects.order_by("pk").first().pk])
        first_page = alice_client.get(LIST).content.decode()
        assert "Notification 24" in first_page and "Notification 4" not in first_page
        assert "Showing 1 to 20 of 25" in first_page
        assert "Notification 0" in alice_client.get(LIST, {"page": 2}).content.decode()
        unread = alice_client.get(LIST, {"ongelezen": "1"}).content.decode()
        assert "Showing 1 to 20 of 24" in unread

    def test_query_count_does_not_grow_with_the_list(self, alice_client, alice, django_assert_num_queries):
        # User, unread count (once: the header's badge reuses the page's count), total, page (the
        # session comes from the cache); the first page also asks for the header's approved membership.
        _notify([alice])
        with django_assert_num_queries(5):
            alice_client.get(LIST)
        for _number in range(30):
            _notify([alice])
        with django_assert_num_queries(4):
            response = alice_client.get(LIST)
        assert len(response.context["notifications"]) == 20

    def test_header_badge_and_lead_show_the_same_unread_count(self, alice_client, alice):
        _notify([alice])
        _notify([alice])
        page = alice_client.get(LIST).content.decode()
        assert '<span class="badge">2<span class="visually-hidden">' in page
        assert "2 unread notifications" in page


class TestMarkRead:
    def test_mark_all(self, alice_client, alice, bram):
        _notify([alice, bram])
        _notify([alice])
        response = alice_client.post(MARK_READ)
        assert response.status_code == 302 and response["Location"] == LIST
        assert selectors.unread_count(alice) == 0
        assert selectors.unread_count(bram) == 1

    def test_mark_one_and_return(self, alice_client, alice):
        _notify([alice])
        _notify([alice])
        first = Notification.objects.order_by("pk").first()
        response = alice_client.post(
            MARK_READ, {"notification": first.pk, "next": f"{reverse('notifications:list')}?page=1"}
        )
        assert response["Location"] == f"{reverse('notifications:list')}?page=1"
        assert Notification.objects.get(pk=first.pk).read_at is not None
        assert selectors.unread_count(alice) == 1

    def test_another_users_id_is_refused(self, alice_client, alice, bram):
        _notify([bram])
        other = Notification.objects.get(recipient=bram)
        response = alice_client.post(MARK_READ, {"notification": other.pk})
        assert response.status_code == 403
        assert Notification.objects.get(pk=other.pk).read_at is None

    def test_a_bad_id_is_not_found_and_next_stays_on_the_site(self, alice_client, alice):
        assert alice_client.post(MARK_READ, {"notification": "abc"}).status_code == 404
        _notify([alice])
        response = alice_client.post(MARK_READ, {"next": "https://evil.example/"})
        assert response["Location"] == LIST


class TestPreferences:
    def test_shows_the_defaults_and_saves(self, alice_client, alice):
        response = alice_client.get(PREFERENCES)
        assert response.status_code == 200
        assert response.context["form"].initial == {"frequency": "immediate", "muted_kinds": []}
        response = alice_client.post(PREFERENCES, {"frequency": "daily", "muted_kinds": ["comment", "reply"]})
        assert response.status_code == 302
        preference = NotificationPreference.objects.get(user=alice)
        assert (preference.frequency, preference.muted_kinds) == ("daily", ["comment", "reply"])
        assert alice_client.get(PREFERENCES).context["form"].initial["frequency"] == "daily"

    def test_invalid_input_shows_errors(self, alice_client):
        response = alice_client.post(PREFERENCES, {"frequency": "hourly"})
        assert response.status_code == 200
        assert "Please correct the following" in response.content.decode()
        assert not NotificationPreference.objects.exists()


class TestFollow:
    def _post(self, client, target, action="follow", **extra):
        data = {"target_type": target._meta.label_lower, "target_id": target.pk, "action": action, **extra}
        return client.post(FOLLOW, data)

    def test_follow_and_unfollow(self, alice_client, alice, followable_municipality):
        response = self._post(alice_client, followable_municipality, next=reverse("organisations:municipality-list"))
        assert response.status_code == 302 and response["Location"] == reverse("organisations:municipality-list")
        self._post(alice_client, followable_municipality)
        assert Follow.objects.filter(user=alice).count() == 1
        self._post(alice_client, followable_municipality, action="unfollow")
        assert not Follow.objects.exists()

    def test_unregistered_models_and_missing_objects_are_not_found(self, alice_client, bram, followable_municipality):
        assert self._post(alice_client, bram).status_code == 404  # accounts.user is not followable
        data = {"target_type": "organisations.municipality", "target_id": "999999999", "action": "follow"}
        assert alice_client.post(FOLLOW, data).status_code == 404
        data = {"target_type": "no.such", "target_id": "1", "action": "follow"}
        assert alice_client.post(FOLLOW, data).status_code == 404
        assert alice_client.post(FOLLOW, {"target_type": "x"}).status_code == 404
        assert not Follow.objects.exists()

    def test_the_button_include(self, rf, alice, followable_municipality):
        from django.template.loader import render_to_string

        page = reverse("organisations:municipality-detail", args=["GM0363"])
        request = rf.get(page)
        request.user = alice
        html = render_to_string(
            "notifications/_follow_button.html", {"target": followable_municipality}, request=request
        )
        assert 'value="follow"' in html and f'value="{page}"' in html
        services.follow_create(user=alice, target=followable_municipality)
        html = render_to_string(
            "notifications/_follow_button.html", {"target": followable_municipality}, request=request
        )
        assert 'value="unfollow"' in html

    def test_the_button_is_hidden_for_anonymous_visitors(self, rf, followable_municipality):
        from django.contrib.auth.models import AnonymousUser
        from django.template.loader import render_to_string

        request = rf.get("/")
        request.user = AnonymousUser()
        html = render_to_string(
            "notifications/_follow_button.html", {"target": followable_municipality}, request=request
        )
        assert "<form" not in html


class TestUnsubscribe:
    def test_confirm_then_apply_without_login(self, client, alice):
        url = reverse("notifications:unsubscribe", kwargs={"token": make_unsubscribe_token(alice, "comment")})
        response = client.get(url)
        assert response.status_code == 200
        assert alice.email in response.content.decode()
        assert not NotificationPreference.objects.exists()  # a GET changes nothing
        response = client.post(url, {"scope": "kind"})
        assert response.status_code == 200
        assert "You have been unsubscribed" in response.content.decode()
        assert NotificationPreference.objects.get(user=alice).muted_kinds == ["comment"]
        assert AuditEntry.objects.filter(action="notifications.unsubscribe", actor=alice).count() == 1

    def test_all_email(self, client, alice):
        url = reverse("notifications:unsubscribe", kwargs={"token": make_unsubscribe_token(alice, "comment")})
        client.post(url, {"scope": "all"})
        assert NotificationPreference.objects.get(user=alice).frequency == Frequency.OFF

    def test_one_click_from_a_mail_program(self, client, alice):
        url = reverse("notifications:unsubscribe", kwargs={"token": make_unsubscribe_token(alice, "reply")})
        response = client.post(url, {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200
        assert NotificationPreference.objects.get(user=alice).muted_kinds == ["reply"]

    def test_the_link_in_an_email_works(self, client, alice, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            _notify([alice])
        header = mail.outbox[0].extra_headers["List-Unsubscribe"]
        path = header.strip("<>").split("127.0.0.1:8000", 1)[-1]
        client.post(path, {"scope": "kind"})
        assert NotificationPreference.objects.get(user=alice).muted_kinds == ["answer"]

    def test_a_tampered_token_is_refused(self, client, alice):
        token = make_unsubscribe_token(alice, "comment")
        tampered = token.replace(token[2], "x" if token[2] != "x" else "y", 1)
        for bad in (tampered, "abc"):
            url = reverse("notifications:unsubscribe", kwargs={"token": bad})
            assert client.get(url).status_code == 400
            response = client.post(url, {"scope": "all"})
            assert response.status_code == 400
            assert "This link does not work" in response.content.decode()
        assert not NotificationPreference.objects.exists()


def test_the_link_of_a_daily_email_stops_all_email(english_client, alice):
    url = reverse("notifications:unsubscribe", kwargs={"token": make_unsubscribe_token(alice)})
    page = english_client.get(url).content.decode()
    assert 'name="scope" value="all"' in page and 'value="kind"' not in page
    response = english_client.post(url, {"scope": "all"})
    assert "We no longer send notification e-mails to alice@example.org." in response.content.decode()
    assert NotificationPreference.objects.get(user=alice).frequency == Frequency.OFF


def test_the_header_shows_the_unread_count(alice_client, alice):
    _notify([alice])
    _notify([alice])
    html = alice_client.get(reverse("accounts:account")).content.decode()
    assert '<span class="badge">2<span class="visually-hidden"> unread</span></span>' in html
    alice_client.post(MARK_READ)
    assert '<span class="badge">' not in alice_client.get(reverse("accounts:account")).content.decode()


def test_one_click_unsubscribe_needs_no_csrf_token(alice):
    client = Client(enforce_csrf_checks=True)
    token = make_unsubscribe_token(alice, NotificationKind.COMMENT)
    response = client.post(reverse("notifications:unsubscribe", args=[token]), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert NotificationPreference.objects.get(user=alice).muted_kinds == ["comment"]


def test_follow_page_refuses_what_the_owning_app_refuses(english_client, alice, followable_municipality):
    registry.register_followable(Municipality, can_follow=lambda user, obj: False)
    english_client.force_login(alice)
    data = {"target_type": "organisations.municipality", "target_id": followable_municipality.pk, "action": "follow"}
    assert english_client.post(reverse("notifications:follow"), data).status_code == 403
    assert not Follow.objects.exists()
