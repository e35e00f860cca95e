# SPDX-License-Identifier: EUPL-1.2
"""Writes for notifications: notifying, following, reading, preferences, unsubscribing.

Other apps call ``notification_send`` from inside their own services, after their own permission check and
audit entry: a notification is a consequence of that audited write, so ``notification_send`` records no
entry of its own (ADR 11). The writes a user makes here (follow, read, preferences,
unsubscribe) each check permission and record one audit entry in the same transaction. Sending
the e-mail is in ``delivery`` (run by the tasks of ``tasks``).
"""

import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from bouwplaats.audit import services as audit
from bouwplaats.core import per_user

from . import registry, tasks
from .delivery import wants_immediate
from .models import Follow, Frequency, Notification, NotificationKind, NotificationPreference
from .permissions import require_notification_owner, require_signed_in
from .selectors import UNREAD
from .tokens import ALL_KINDS, InvalidToken, read_unsubscribe_token

logger = logging.getLogger(__name__)

KINDS = set(NotificationKind.values)
FREQUENCIES = set(Frequency.values)


def _clean_url(url: str) -> str:
    url = str(url or "")
    if not url.startswith("/") or url.startswith("//"):
        raise ValidationError({"url": _("The link must be a path on this site, starting with one /.")})
    return url[:500]


def _recipient_users(recipients, actor) -> list:
    """Active users, each once, without the one who caused the notification."""
    actor_pk = getattr(actor, "pk", None)
    seen, users = set(), []
    for user in recipients or []:
        if user is None or not user.is_active or user.pk == actor_pk or user.pk in seen:
            continue
        seen.add(user.pk)
        users.append(user)
    return users


def _text_in(language: str, text) -> str:
    with translation.override(language):
        return str(text)


# --- notifying ------------------------------------------------------------------------------


def in_recipient_language(message: str, **values):
    """A text that is translated when each notification is written, in its recipient's language:
    ``message`` marked with ``gettext_noop``, its ``%(name)s`` placeholders filled with ``values``."""

    def render() -> str:
        return gettext(message) % {key: str(value) for key, value in values.items()}

    return lazy(render, str)()


def notification_send(*, recipients, kind: str, subject, body, url: str, actor=None, target=None) -> int:
    """Create one notification per active recipient (not ``actor``, no duplicates), written in
    each recipient's language; e-mail those who want it straight away after the commit.
    Returns the number of notifications created."""
    if kind not in KINDS:
        raise ValidationError({"kind": _("Unknown kind of notification: %(kind)s.") % {"kind": kind}})
    url = _clean_url(url)
    target_type = ContentType.objects.get_for_model(target) if target is not None else None
    target_id = str(target.pk) if target is not None else ""

    with transaction.atomic():
        users = _recipient_users(recipients, actor)
        if not users:
            return 0
        preferences = {p.user_id: p for p in NotificationPreference.objects.filter(user__in=[u.pk for u in users])}
        texts: dict[str, tuple[str, str]] = {}
        notifications = []
        for user in users:
            language = user.preferred_language or settings.LANGUAGE_CODE
            if language not in texts:
                texts[language] = (_text_in(language, subject)[:255], _text_in(language, body))
            notifications.append(
                Notification(
                    recipient=user,
                    kind=kind,
                    subject=texts[language][0],
                    body=texts[language][1],
                    url=url,
                    target_type=target_type,
                    target_id=target_id,
                )
            )
        created = Notification.objects.bulk_create(notifications)
        per_user.forget(UNREAD, (user.pk for user in users))
        to_email = [
            n.pk for n in created if wants_immediate(preferences.get(n.recipient_id), kind) and n.pk is not None
        ]
        if to_email:
            transaction.on_commit(lambda: tasks.send_notification_emails.delay(to_email), robust=True)
    return len(created)


# --- following ------------------------------------------------------------------------------


def _followable_target(user, target):
    require_signed_in(user)
    if target is None or target.pk is None or not registry.is_followable(type(target)):
        raise ValidationError({"target": _("This cannot be followed.")})
    if not registry.may_follow(user, target):
        raise PermissionDenied(_("You cannot follow this."))
    return ContentType.objects.get_for_model(target), str(target.pk)


def follow_create(*, user, target) -> None:
    """Follow ``target``; following twice changes nothing."""
    target_type, target_id = _followable_target(user, target)
    with transaction.atomic():
        _follow, created = Follow.objects.get_or_create(user=user, target_type=target_type, target_id=target_id)
        if created:
            audit.record(actor=user, action="notifications.follow", target=target)


def follow_delete(*, user, target) -> None:
    """Stop following ``target``; works whether or not the user follows it."""
    require_signed_in(user)
    if target is None or target.pk is None:
        raise ValidationError({"target": _("This cannot be followed.")})
    target_type = ContentType.objects.get_for_model(target)
    with transaction.atomic():
        deleted, _rows = Follow.objects.filter(user=user, target_type=target_type, target_id=str(target.pk)).delete()
        if deleted:
            audit.record(actor=user, action="notifications.unfollow", target=target)


# --- reading --------------------------------------------------------------------------------


def _clean_ids(notification_ids) -> set[int]:
    try:
        return {int(pk) for pk in notification_ids}
    except (TypeError, ValueError) as error:
        raise ValidationError({"notification_ids": _("Give the numbers of notifications.")}) from error


def notification_mark_read(*, user, notification_ids=None) -> int:
    """Mark the user's notifications read: the given ones, or all when ``notification_ids`` is None.
    Any id that is not one of the user's own notifications refuses the whole request."""
    require_signed_in(user)
    own = Notification.objects.filter(recipient=user)
    with transaction.atomic():
        if notification_ids is not None:
            ids = _clean_ids(notification_ids)
            found = own.filter(pk__in=ids).count()
            require_notification_owner(user, notifications_of_others=len(ids) - found)
            own = own.filter(pk__in=ids)
        count = own.filter(read_at__isnull=True).update(read_at=timezone.now())
        if count:
            per_user.forget(UNREAD, [user.pk])
            audit.record(
                actor=user,
                action="notifications.mark_read",
                target=user,
                changes={"count": count, "ids": sorted(ids) if notification_ids is not None else "all"},
            )
    return count


# --- preferences and unsubscribing ----------------------------------------------------------


def notification_preferences_update(*, user, frequency: str, muted_kinds: list[str]) -> NotificationPreference:
    require_signed_in(user)
    if frequency not in FREQUENCIES:
        raise ValidationError({"frequency": _("Choose how often you want e-mail.")})
    unknown = [kind for kind in (muted_kinds or []) if kind not in KINDS]
    if unknown:
        raise ValidationError({"muted_kinds": _("Unknown kind of notification: %(kind)s.") % {"kind": unknown[0]}})
    muted = sorted(set(muted_kinds or []))
    with transaction.atomic():
        preference = NotificationPreference.objects.select_for_update().filter(user=user).first()
        before = {"frequency": Frequency.IMMEDIATE.value, "muted_kinds": []}
        if preference is None:
            preference = NotificationPreference(user=user)
        else:
            before = {"frequency": preference.frequency, "muted_kinds": preference.muted_kinds}
        after = {"frequency": frequency, "muted_kinds": muted}
        changes = audit.diff(before, after)
        if not changes:
            return preference
        preference.frequency, preference.muted_kinds = frequency, muted
        preference.save()
        audit.record(actor=user, action="notifications.preferences", target=user, changes=changes)
    return preference


def email_unsubscribe(*, token: str, everything: bool = False) -> tuple:
    """Stop e-mail for the kind in the signed ``token`` (or all e-mail); no login needed: the
    signature is the permission. Returns (user, kind) where kind is "" for all e-mail."""
    try:
        user, kind = read_unsubscribe_token(token)
    except InvalidToken as error:
        raise PermissionDenied(_("This unsubscribe link is not valid.")) from error
    with transaction.atomic():
        preference, _created = NotificationPreference.objects.select_for_update().get_or_create(user=user)
        before = {"frequency": preference.frequency, "muted_kinds": list(preference.muted_kinds)}
        if everything or kind == ALL_KINDS or kind not in KINDS:
            preference.frequency = Frequency.OFF
            kind = ALL_KINDS
        else:
            preference.muted_kinds = sorted(set(preference.muted_kinds) | {kind})
        preference.save()
        audit.record(
            actor=user,
            action="notifications.unsubscribe",
            target=user,
            changes=audit.diff(before, {"frequency": preference.frequency, "muted_kinds": preference.muted_kinds}),
        )
    return user, kind
