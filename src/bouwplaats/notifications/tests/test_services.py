# SPDX-License-Identifier: EUPL-1.2
import datetime
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import resolve, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from bouwplaats.accounts.tests.factories import UserFactory
from bouwplaats.audit.models import AuditEntry
from bouwplaats.notifications import delivery, selectors, services
from bouwplaats.notifications.models import Follow, Frequency, Notification, NotificationKind, NotificationPreference
from bouwplaats.notifications.tokens import make_unsubscribe_token

pytestmark = pytest.mark.django_db

QUESTION = reverse("knowledge:question-detail", args=[1])


def _notify(recipients, *, actor=None, kind=NotificationKind.ANSWER, **extra):
    arguments = {
        "recipients": recipients,
        "kind": kind,
        "subject": "Your question was answered",
        "body": "Someone answered.",
        "url": QUESTION,
        "actor": actor,
    }
    return services.notification_send(**{**arguments, **extra})


class TestNotify:
    def test_creates_one_notification_per_recipient(self, alice, bram, run_on_commit):
        with run_on_commit():
            created = _notify([alice, bram])
        assert created == 2
        assert set(Notification.objects.values_list("recipient__email", flat=True)) == {alice.email, bram.email}
        notification = Notification.objects.get(recipient=alice)
        assert (notification.kind, notification.url, notification.read_at) == ("answer", QUESTION, None)

    def test_skips_the_actor_duplicates_and_inactive_users(self, alice, bram, run_on_commit):
        gone = UserFactory(is_active=False)
        with run_on_commit():
            created = _notify([alice, alice, bram, gone, None], actor=bram)
        assert created == 1
        assert list(Notification.objects.values_list("recipient", flat=True)) == [alice.pk]

    def test_accepts_a_queryset_and_returns_zero_for_nobody(self, alice, run_on_commit):
        from django.contrib.auth import get_user_model

        with run_on_commit():
            assert _notify(get_user_model().objects.filter(pk=alice.pk), actor=alice) == 0
        assert not Notification.objects.exists()
        assert mail.outbox == []

    def test_keeps_the_target_for_grouping(self, alice, followable_municipality, run_on_commit):
        with run_on_commit():
            _notify([alice], target=followable_municipality)
        notification = Notification.objects.get()
        assert notification.target_type.model == "municipality"
        assert notification.target_id == str(followable_municipality.pk)

    def test_refuses_an_unknown_kind_and_an_external_url(self, alice):
        with pytest.raises(ValidationError) as error:
            _notify([alice], kind="gossip")
        assert "kind" in error.value.error_dict
        for url in ("https://elsewhere.example/", "//elsewhere.example/", "kennis/"):
            with pytest.raises(ValidationError) as error:
                _notify([alice], url=url)
            assert "url" in error.value.error_dict
        assert not Notification.objects.exists()

    def test_renders_lazy_texts_in_each_recipients_language(self, alice, bram, run_on_commit):
        with run_on_commit():
            _notify([alice, bram], subject=gettext_lazy("Dutch"), body=gettext_lazy("English"))
        assert Notification.objects.get(recipient=alice).subject == "Dutch"
        assert Notification.objects.get(recipient=bram).subject == "Nederlands"
        assert Notification.objects.get(recipient=bram).body == "Engels"

    def test_emails_only_those_who_want_it_immediately(self, alice, bram, staff, run_on_commit, settings):
        settings.SITE_BASE_URL = "https://bouwplaats.example"
        NotificationPreference.objects.create(user=bram, frequency=Frequency.DAILY)
        NotificationPreference.objects.create(user=staff, frequency=Frequency.OFF)
        with run_on_commit():
            _notify([alice, bram, staff])
        assert [message.to for message in mail.outbox] == [[alice.email]]
        message = mail.outbox[0]
        assert "Your question was answered" in message.subject
        assert f"https://bouwplaats.example{QUESTION}" in message.body
        unsubscribe = message.extra_headers["List-Unsubscribe"]
        assert unsubscribe.startswith("<")
        assert resolve(urlsplit(unsubscribe.strip("<>")).path).view_name == "notifications:unsubscribe"
        assert Notification.objects.get(recipient=alice).emailed_at is not None
        assert Notification.objects.get(recipient=bram).emailed_at is None

    def test_no_email_before_the_commit(self, alice, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            _notify([alice])
        assert mail.outbox == []
        assert len(callbacks) == 2  # the e-mail, and forgetting the cached unread count again
        for callback in callbacks:
            callback()
        assert len(mail.outbox) == 1

    def test_honours_muted_kinds(self, alice, run_on_commit):
        NotificationPreference.objects.create(user=alice, muted_kinds=[NotificationKind.COMMENT])
        with run_on_commit():
            _notify([alice], kind=NotificationKind.COMMENT)
            _notify([alice], kind=NotificationKind.REPLY)
        assert Notification.objects.filter(recipient=alice).count() == 2  # muted kinds stay on the site
        assert len(mail.outbox) == 1
        assert Notification.objects.get(kind=NotificationKind.REPLY).emailed_at is not None

    def test_email_is_in_the_recipients_language(self, bram, run_on_commit):
        with run_on_commit():
            _notify([bram], subject=gettext_lazy("English"), body=gettext_lazy("Dutch"))
        (message,) = mail.outbox
        assert message.subject == "[Bouwplaats] Engels"
        assert "Nederlands" in message.body

    def test_an_email_is_never_sent_twice(self, alice, run_on_commit):
        with run_on_commit():
            _notify([alice])
        pk = Notification.objects.get().pk
        assert delivery.notification_emails_send(notification_ids=[pk]) == 0
        assert len(mail.outbox) == 1

    def test_records_no_audit_entry_of_its_own(self, alice, run_on_commit):
        before = AuditEntry.objects.count()
        with run_on_commit():
            _notify([alice])
        assert AuditEntry.objects.count() == before


class TestFollow:
    def test_follow_and_unfollow_are_idempotent(self, alice, followable_municipality):
        services.follow_create(user=alice, target=followable_municipality)
        services.follow_create(user=alice, target=followable_municipality)
        assert Follow.objects.count() == 1
        assert selectors.is_following(alice, followable_municipality)
        assert list(selectors.followers(followable_municipality)) == [alice]
        assert AuditEntry.objects.filter(action="notifications.follow").count() == 1

        services.follow_delete(user=alice, target=followable_municipality)
        services.follow_delete(user=alice, target=followable_municipality)
        assert not selectors.is_following(alice, followable_municipality)
        assert AuditEntry.objects.filter(action="notifications.unfollow").count() == 1

    def test_followers_are_active_users_only(self, alice, bram, followable_municipality):
        services.follow_create(user=alice, target=followable_municipality)
        services.follow_create(user=bram, target=followable_municipality)
        bram.is_active = False
        bram.save()
        assert list(selectors.followers(followable_municipality)) == [alice]

    def test_only_registered_models_can_be_followed(self, alice, bram):
        with pytest.raises(ValidationError) as error:
            services.follow_create(user=alice, target=bram)
        assert "target" in error.value.error_dict
        assert not Follow.objects.exists()

    def test_the_registering_app_can_refuse(self, alice, followable_municipality):
        from bouwplaats.notifications import registry
        from bouwplaats.organisations.models import Municipality

        registry.register_followable(Municipality, can_follow=lambda user, obj: False)
        with pytest.raises(PermissionDenied):
            services.follow_create(user=alice, target=followable_municipality)

    def test_anonymous_cannot_follow(self, followable_municipality):
        from django.contrib.auth.models import AnonymousUser

        with pytest.raises(PermissionDenied):
            services.follow_create(user=AnonymousUser(), target=followable_municipality)
        assert not selectors.is_following(AnonymousUser(), followable_municipality)


class TestMarkRead:
    @pytest.fixture
    def notifications(self, alice, bram, run_on_commit):
        with run_on_commit():
            _notify([alice, bram])
            _notify([alice])
        return Notification.objects.filter(recipient=alice), Notification.objects.get(recipient=bram)

    def test_marks_the_given_ones_or_all(self, alice, notifications):
        own, _other = notifications
        first, second = own.order_by("pk")
        assert selectors.unread_count(alice) == 2
        assert services.notification_mark_read(user=alice, notification_ids=[first.pk]) == 1
        assert selectors.unread_count(alice) == 1
        assert services.notification_mark_read(user=alice) == 1
        assert services.notification_mark_read(user=alice) == 0
        assert selectors.unread_count(alice) == 0

    def test_another_users_notification_is_refused(self, alice, bram, notifications):
        own, other = notifications
        with pytest.raises(PermissionDenied):
            services.notification_mark_read(user=alice, notification_ids=[own.first().pk, other.pk])
        with pytest.raises(PermissionDenied):
            services.notification_mark_read(user=alice, notification_ids=[999999])
        assert selectors.unread_count(alice) == 2
        assert selectors.unread_count(bram) == 1

    def test_ids_must_be_numbers(self, alice, notifications):
        with pytest.raises(ValidationError) as error:
            services.notification_mark_read(user=alice, notification_ids=["x"])
        assert "notification_ids" in error.value.error_dict


class TestPreferences:
    def test_update_and_audit(self, alice):
        services.notification_preferences_update(user=alice, frequency="daily", muted_kinds=["comment", "comment"])
        preference = NotificationPreference.objects.get(user=alice)
        assert (preference.frequency, preference.muted_kinds) == ("daily", ["comment"])
        entry = AuditEntry.objects.get(action="notifications.preferences")
        assert entry.changes["frequency"] == ["immediate", "daily"]
        services.notification_preferences_update(user=alice, frequency="daily", muted_kinds=["comment"])
        assert AuditEntry.objects.filter(action="notifications.preferences").count() == 1

    def test_validation(self, alice):
        with pytest.raises(ValidationError) as error:
            services.notification_preferences_update(user=alice, frequency="hourly", muted_kinds=[])
        assert "frequency" in error.value.error_dict
        with pytest.raises(ValidationError) as error:
            services.notification_preferences_update(user=alice, frequency="off", muted_kinds=["gossip"])
        assert "muted_kinds" in error.value.error_dict
        assert not NotificationPreference.objects.exists()

    def test_default_is_immediate(self, alice):
        preference = selectors.preference_of(alice)
        assert preference.pk is None and preference.frequency == Frequency.IMMEDIATE


class TestUnsubscribe:
    def test_a_token_for_one_kind_mutes_that_kind(self, alice):
        services.email_unsubscribe(token=make_unsubscribe_token(alice, "comment"))
        preference = NotificationPreference.objects.get(user=alice)
        assert (preference.frequency, preference.muted_kinds) == ("immediate", ["comment"])

    def test_everything_turns_email_off(self, alice):
        services.email_unsubscribe(token=make_unsubscribe_token(alice, "comment"), everything=True)
        assert NotificationPreference.objects.get(user=alice).frequency == Frequency.OFF

    def test_a_tampered_token_is_refused(self, alice, bram):
        token = make_unsubscribe_token(alice, "comment")
        for bad in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), "nonsense", token + "x"):
            with pytest.raises(PermissionDenied):
                services.email_unsubscribe(token=bad)
        assert not NotificationPreference.objects.exists()


class TestDigest:
    def test_collects_unsent_notifications_once(self, alice, bram, run_on_commit):
        services.notification_preferences_update(user=alice, frequency="daily", muted_kinds=["reply"])
        with run_on_commit():
            _notify([alice, bram], subject="First")
            _notify([alice], subject="Second", kind=NotificationKind.COMMENT)
            _notify([alice], subject="Muted", kind=NotificationKind.REPLY)
        assert [m.to for m in mail.outbox] == [[bram.email]]  # bram wants it immediately
        mail.outbox.clear()

        result = delivery.notification_digest_send(base_url="https://bouwplaats.example")
        assert result == {"emails": 1, "notifications": 2}
        (message,) = mail.outbox
        assert message.to == [alice.email]
        assert "2 new notifications" in message.subject
        assert "First" in message.body and "Second" in message.body and "Muted" not in message.body
        assert "https://bouwplaats.example/kennis/vragen/1/" in message.body
        assert "https://bouwplaats.example/meldingen/afmelden/" in message.extra_headers["List-Unsubscribe"]

        assert delivery.notification_digest_send() == {"emails": 0, "notifications": 0}
        assert len(mail.outbox) == 1
        assert AuditEntry.objects.filter(action="notifications.digest").count() == 1

    def test_leaves_out_old_notifications(self, alice, run_on_commit):
        services.notification_preferences_update(user=alice, frequency="daily", muted_kinds=[])
        with run_on_commit():
            _notify([alice])
        Notification.objects.update(created_at=timezone.now() - datetime.timedelta(days=30))
        assert delivery.notification_digest_send() == {"emails": 0, "notifications": 0}
