# SPDX-License-Identifier: EUPL-1.2
"""Comments on anything registered as commentable (articles here, ideas in co-creation).

A comment points at its subject by content type and id, so one moderation process serves every
app. Replies go one level deep: a reply's parent is always a top-level comment. Hidden comments
stay in the table (the thread keeps its shape and the moderation log its object).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bouwplaats.accounts.models import user_reference

MAX_COMMENT_LENGTH = 5000
MAX_REASON_LENGTH = 1000


class Comment(models.Model):
    subject_type = models.ForeignKey(
        ContentType, verbose_name=_("subject type"), on_delete=models.PROTECT, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(_("subject id"))
    subject = GenericForeignKey("subject_type", "subject_id")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField(
        _("comment"), max_length=MAX_COMMENT_LENGTH, validators=[MaxLengthValidator(MAX_COMMENT_LENGTH)]
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("reply to"), null=True, blank=True, on_delete=models.PROTECT, related_name="replies"
    )
    created_at = models.DateTimeField(_("posted at"), default=timezone.now, db_index=True)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_by = user_reference(_("hidden by"))
    hidden_reason = models.CharField(_("reason for hiding"), max_length=MAX_REASON_LENGTH, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id", "created_at"], name="comment_subject_idx"),
            models.Index(fields=["author", "created_at"], name="comment_author_idx"),
        ]

    def __str__(self) -> str:
        return _("Comment %(id)s") % {"id": self.pk}

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class CommentReport(models.Model):
    """A member's report that a comment breaks the rules; staff resolve it by hiding or dismissing."""

    comment = models.ForeignKey(Comment, verbose_name=_("comment"), on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(
        _("reason"), max_length=MAX_REASON_LENGTH, validators=[MaxLengthValidator(MAX_REASON_LENGTH)]
    )
    created_at = models.DateTimeField(_("reported at"), default=timezone.now)
    resolved = models.BooleanField(_("resolved"), default=False)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("comment report")
        verbose_name_plural = _("comment reports")
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["comment", "reporter"], name="comment_report_once_per_reporter")]

    def __str__(self) -> str:
        return _("Report on comment %(id)s") % {"id": self.comment_id}
