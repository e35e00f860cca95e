"""Writes for notifications: notifying, following, reading, preferences, unsubscribing, e-mail.

Other apps call ``notify`` from inside their own services, after their own permission check and
audit entry: a notification is a consequence of that audited write, so ``notify`` records no
entry of its own (ADR 11). The writes a user makes here (follow, read, preferences,
unsubscribe) each check permission and record one audit entry in the same transaction.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bouwplaats.audit import services as audit

from . import emails, registry, selectors, unread
from .models import Follow, Frequency, Notification, NotificationKind, NotificationPreference
from .permissions import require_notification_owner, require_signed_in
from .tokens import ALL_KINDS, InvalidToken, read_unsubscribe_token

logger = logging.getLogger(__name__)

KINDS = set(NotificationKind.values)
FREQUENCIES = set(Frequency.values)
# The daily e-mail only collects what is this recent, so that switching to "daily" does not
# dig up months of notifications that were never meant to be e-mailed.
DIGEST_WINDOW = datetime.timedelta(days=7)


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


def notify(*, recipients, kind: str, subject, body, url: str, actor=None, target=None) -> int:
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
        unread.forget(user.pk for user in users)
        to_email = [
            n.pk for n in created if _wants_immediate(preferences.get(n.recipient_id), kind) and n.pk is not None
        ]
        if to_email:
            from . import tasks  # the task module imports this one

            transaction.on_commit(lambda: tasks.send_notification_emails.delay(to_email), robust=True)
    return len(created)


def _wants_immediate(preference, kind: str) -> bool:
    if preference is None:  # the default
        return True
    return preference.frequency == Frequency.IMMEDIATE and kind not in preference.muted_kinds


# --- following ------------------------------------------------------------------------------


def _followable_target(user, target):
    require_signed_in(user)
    if target is None or target.pk is None or not registry.is_followable(type(target)):
        raise ValidationError({"target": _("This cannot be followed.")})
    if not registry.may_follow(user, target):
        raise PermissionDenied(_("You cannot follow this."))
    return ContentType.objects.get_for_model(target), str(target.pk)


def follow(*, user, target) -> None:
    """Follow ``target``; following twice changes nothing."""
    target_type, target_id = _followable_target(user, target)
    with transaction.atomic():
        _follow, created = Follow.objects.get_or_create(user=user, target_type=target_type, target_id=target_id)
        if created:
            audit.record(actor=user, action="notifications.follow", target=target)


def unfollow(*, user, target) -> None:
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


def mark_read(*, user, notification_ids=None) -> int:
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
            unread.forget([user.pk])
            audit.record(
                actor=user,
                action="notifications.mark_read",
                target=user,
                changes={"count": count, "ids": sorted(ids) if notification_ids is not None else "all"},
            )
    return count


# --- preferences and unsubscribing ----------------------------------------------------------


def update_preferences(*, user, frequency: str, muted_kinds: list[str]) -> None:
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
            return
        preference.frequency, preference.muted_kinds = frequency, muted
        preference.save()
        audit.record(actor=user, action="notifications.preferences", target=user, changes=changes)


def unsubscribe(*, token: str, everything: bool = False) -> tuple:
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


# --- e-mail delivery ------------------------------------------------------------------------


def send_notification_emails(*, notification_ids, base_url: str | None = None) -> int:
    """E-mail the given notifications that have not been e-mailed yet, if their recipients still
    want them straight away. Delivery bookkeeping (``emailed_at``) is not audited: the write that
    caused the notification was. Returns the number of e-mails sent."""
    with transaction.atomic():
        pending = list(
            # Lock only the notifications: PostgreSQL cannot lock the optional preference row.
            Notification.objects.select_for_update(of=("self",))
            .filter(pk__in=list(notification_ids), emailed_at__isnull=True, digested_at__isnull=True)
            .select_related("recipient", "recipient__notification_preference")
        )
        due = [
            n
            for n in pending
            if n.recipient.is_active and _wants_immediate(getattr(n.recipient, "notification_preference", None), n.kind)
        ]
        if not due:
            return 0
        messages = [emails.immediate_message(n, base_url=base_url) for n in due]
        Notification.objects.filter(pk__in=[n.pk for n in due]).update(emailed_at=timezone.now())
        # Sent inside the transaction: if sending fails, nothing is marked as e-mailed.
        return get_connection().send_messages(messages) or 0


def send_daily_digest(*, now: datetime.datetime | None = None, base_url: str | None = None) -> dict:
    """One e-mail per user with frequency "daily" listing their notifications that were neither
    e-mailed nor in an earlier daily e-mail. Never includes a notification twice."""
    now = now or timezone.now()
    with transaction.atomic():
        users = {user.pk: user for user in selectors.digest_recipients().select_related("notification_preference")}
        pending = (
            Notification.objects.select_for_update()
            .filter(
                recipient_id__in=list(users),
                emailed_at__isnull=True,
                digested_at__isnull=True,
                created_at__lte=now,
                created_at__gt=now - DIGEST_WINDOW,
            )
            .order_by("recipient_id", "created_at", "pk")
        )
        per_user: dict[int, list] = {}
        for notification in pending:
            if notification.kind in users[notification.recipient_id].notification_preference.muted_kinds:
                continue
            per_user.setdefault(notification.recipient_id, []).append(notification)
        messages = [emails.digest_message(users[pk], items, base_url=base_url) for pk, items in per_user.items()]
        included = [n.pk for items in per_user.values() for n in items]
        Notification.objects.filter(pk__in=included).update(digested_at=now)
        result = {"emails": len(messages), "notifications": len(included)}
        if messages:
            audit.record(
                actor=None,
                action="notifications.digest",
                object_type="notifications.notification",
                changes={**result, "at": now},
            )
            get_connection().send_messages(messages)
    return result
