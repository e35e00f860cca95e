"""Reads for notifications, follows and preferences."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from bouwplaats.accounts.permissions import is_authenticated

from . import unread
from .models import Follow, Frequency, Notification, NotificationPreference


def _target_key(target) -> tuple[ContentType, str]:
    return ContentType.objects.get_for_model(target), str(target.pk)


def followers(target) -> QuerySet:
    """Active users following ``target``."""
    target_type, target_id = _target_key(target)
    following = Follow.objects.filter(target_type=target_type, target_id=target_id).values("user_id")
    return get_user_model().objects.filter(is_active=True, pk__in=following)


def is_following(user, target) -> bool:
    if not is_authenticated(user):
        return False
    target_type, target_id = _target_key(target)
    return Follow.objects.filter(user=user, target_type=target_type, target_id=target_id).exists()


def unread_count(user) -> int:
    if not is_authenticated(user):
        return 0
    return unread.cached_count(
        user.pk, lambda: Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    )


def notifications_of(user, *, unread_only: bool = False) -> QuerySet:
    """The user's own notifications, newest first (nobody else's, whoever asks)."""
    queryset = Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")
    if unread_only:
        queryset = queryset.filter(read_at__isnull=True)
    return queryset


def preference_of(user) -> NotificationPreference:
    """The user's stored preference, or an unsaved one with the defaults."""
    found = NotificationPreference.objects.filter(user=user).first()
    return found or NotificationPreference(user=user, frequency=Frequency.IMMEDIATE, muted_kinds=[])


def digest_recipients() -> QuerySet:
    """Active users who asked for one e-mail a day."""
    return get_user_model().objects.filter(is_active=True, notification_preference__frequency=Frequency.DAILY)
