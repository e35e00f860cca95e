# SPDX-License-Identifier: EUPL-1.2
"""In-site notifications, what people follow, and how they want to be told.

A notification is written in its recipient's language when it is created (``services.notification_send``),
so the list and the e-mails never depend on the reader's current language. ``emailed_at`` and
``digested_at`` record delivery, so that no notification is ever e-mailed twice.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    ANSWER = "answer", _("answer to a question")
    QUESTION_STATUS = "question_status", _("status of a question")
    REPLY = "reply", _("reply to your comment")
    COMMENT = "comment", _("comment on something you follow")
    IDEA_STATUS = "idea_status", _("status of an idea")
    CONSULTATION_OPENED = "consultation_opened", _("consultation opened")
    CONSULTATION_CLOSED = "consultation_closed", _("consultation closed")
    REPRESENTATION = "representation", _("representing a supplier")


KIND_LABELS = dict(NotificationKind.choices)


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("E-mail me straight away")
    DAILY = "daily", _("One e-mail a day with everything new")
    OFF = "off", _("No e-mail, only on the site")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=NotificationKind.choices)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500)
    # What the notification is about, for grouping; kept loose so any app's object can be the target.
    target_type = models.ForeignKey(
        ContentType, verbose_name=_("about type"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.CharField(_("about id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    digested_at = models.DateTimeField(_("sent in a daily e-mail at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_recipient_new"),
            models.Index(fields=["recipient", "read_at"], name="notification_recipient_read"),
            models.Index(fields=["target_type", "target_id"], name="notification_target"),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))


class Follow(models.Model):
    """A user follows an object (a question, an idea, ...) of a type registered as followable."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="follows"
    )
    target_type = models.ForeignKey(ContentType, verbose_name=_("type"), on_delete=models.CASCADE, related_name="+")
    target_id = models.CharField(_("id"), max_length=64)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "target_type", "target_id"], name="follow_once_per_target"),
        ]
        indexes = [models.Index(fields=["target_type", "target_id"], name="follow_target")]

    def __str__(self) -> str:
        return f"{self.user} → {self.target_type.model} {self.target_id}"


class NotificationPreference(models.Model):
    """How a user wants to hear about notifications; a user without a row gets the defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    frequency = models.CharField(_("e-mail"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE)
    # Kinds never e-mailed (they still appear on the site).
    muted_kinds = models.JSONField(_("kinds without e-mail"), default=list, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user}: {self.get_frequency_display()}"
