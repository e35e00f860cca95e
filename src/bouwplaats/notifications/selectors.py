# SPDX-License-Identifier: EUPL-1.2
"""Reads for notifications, follows and preferences."""

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from bouwplaats.accounts.permissions import is_authenticated
from bouwplaats.core import per_user

from . import registry
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


# The header's number of unread notifications, cached per user (``core.per_user``) and forgotten by
# the writes that create or read notifications.
UNREAD = "notifications:unread"


def unread_count(user) -> int:
    if not is_authenticated(user):
        return 0
    return per_user.cached(
        UNREAD, user.pk, lambda: Notification.objects.filter(recipient=user, read_at__isnull=True).count()
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


@dataclass
class FollowedItem:
    follow: Follow
    target: object  # the followed object (a question, an idea, ...)

    @property
    def kind(self) -> str:
        return str(self.target._meta.verbose_name)

    @property
    def title(self) -> str:
        return str(self.target)

    @property
    def url(self) -> str:
        """The object's page; empty when its model has none."""
        page = getattr(self.target, "get_absolute_url", None)
        return page() if page else ""


def followed_items(user, *, limit: int | None = None) -> list[FollowedItem]:
    """What ``user`` follows, most recently followed first, with the objects themselves.

    One query for the follows and one per kind of object among them (at most the number of
    followable models). Objects that are gone, or that the user may no longer see, are left out.
    """
    if not is_authenticated(user):
        return []
    follows = list(Follow.objects.filter(user=user).select_related("target_type").order_by("-created_at", "-pk"))
    ids_by_type: dict[ContentType, list[str]] = defaultdict(list)
    for follow in follows:
        ids_by_type[follow.target_type].append(follow.target_id)
    targets: dict[tuple[int, str], object] = {}
    for target_type, ids in ids_by_type.items():
        model = target_type.model_class()
        if model is None or not registry.is_followable(model):
            continue
        for pk, target in model._default_manager.in_bulk(ids).items():
            targets[(target_type.pk, str(pk))] = target
    items = []
    for follow in follows:
        target = targets.get((follow.target_type_id, follow.target_id))
        if target is not None and registry.may_follow(user, target):
            items.append(FollowedItem(follow=follow, target=target))
    return items[:limit] if limit is not None else items
