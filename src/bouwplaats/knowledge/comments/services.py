# SPDX-License-Identifier: EUPL-1.2
"""Writes for comments: posting, reporting, hiding and restoring (moderation).

Every write is audited; the audit entries of comments form the moderation log that staff see.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bouwplaats.audit import services as audit
from bouwplaats.core.errors import clean_text
from bouwplaats.core.ratelimit import check_posting_rate
from bouwplaats.notifications import selectors as notification_selectors
from bouwplaats.notifications import services as notifications

from ..models.comments import MAX_COMMENT_LENGTH, MAX_REASON_LENGTH, Comment, CommentReport
from .permissions import require_comment_poster, require_comment_reporter, require_moderator
from .registry import commentable_for, content_type_of, subject_url

PREVIEW_LENGTH = 200


def _check_parent(parent: Comment | None, subject) -> None:
    if parent is None:
        return
    if parent.subject_type_id != content_type_of(subject).pk or parent.subject_id != subject.pk:
        raise ValidationError({"parent": _("You can only reply to a comment in the same discussion.")})
    if parent.parent_id is not None:
        raise ValidationError({"parent": _("Replies go one level deep: reply to the first comment instead.")})
    if parent.is_hidden:
        raise ValidationError({"parent": _("This comment was hidden; it cannot be replied to.")})


@transaction.atomic
def comment_post(*, author, subject, body: str, parent: Comment | None = None) -> Comment:
    """Post a comment (or a reply to a top-level comment) on a registered subject."""
    commentable = commentable_for(subject)
    if commentable is None:
        raise ValidationError(_("Comments are not possible here."))
    require_comment_poster(author, subject)
    if not commentable.is_open(subject):
        raise ValidationError(_("Comments are closed here."))
    text = clean_text(body, field="body", max_length=MAX_COMMENT_LENGTH, required=_("Write a comment."))
    _check_parent(parent, subject)
    check_posting_rate(Comment.objects.filter(author=author), error_field="body")
    comment = Comment.objects.create(
        subject_type=content_type_of(subject), subject_id=subject.pk, author=author, body=text, parent=parent
    )
    audit.record(
        actor=author,
        action="comment.post",
        target=comment,
        changes={"subject": f"{subject._meta.label_lower}:{subject.pk}", "parent": parent.pk if parent else None},
    )
    _notify_about(comment, subject)
    return comment


def _notify_about(comment: Comment, subject) -> None:
    url = f"{subject_url(subject)}#comment-{comment.pk}"
    preview = comment.body[:PREVIEW_LENGTH]
    replied_to = set()
    if comment.parent is not None and comment.parent.author_id != comment.author_id:
        replied_to.add(comment.parent.author_id)
        notifications.notification_send(
            recipients=[comment.parent.author],
            kind="reply",
            subject=gettext_lazy("New reply to your comment"),
            body=preview,
            url=url,
            actor=comment.author,
            target=subject,
        )
    followers = notification_selectors.followers(subject).exclude(pk__in=replied_to)
    notifications.notification_send(
        recipients=followers,
        kind="comment",
        subject=gettext_lazy("New comment on something you follow"),
        body=preview,
        url=url,
        actor=comment.author,
        target=subject,
    )


@transaction.atomic
def comment_report(*, reporter, comment: Comment, reason: str) -> CommentReport:
    require_comment_reporter(reporter, comment)
    if comment.author_id == reporter.pk:
        raise ValidationError({"reason": _("You cannot report your own comment.")})
    text = clean_text(
        reason,
        field="reason",
        max_length=MAX_REASON_LENGTH,
        required=_("Say what is wrong with the comment."),
    )
    if CommentReport.objects.filter(comment=comment, reporter=reporter).exists():
        raise ValidationError({"reason": _("You have already reported this comment.")})
    check_posting_rate(CommentReport.objects.filter(reporter=reporter), error_field="reason")
    report = CommentReport.objects.create(comment=comment, reporter=reporter, reason=text)
    audit.record(actor=reporter, action="comment.report", target=comment, changes={"reason": text})
    return report


def _resolve_reports(comment: Comment) -> int:
    return comment.reports.filter(resolved=False).update(resolved=True, resolved_at=timezone.now())


@transaction.atomic
def comment_hide(*, actor, comment: Comment, reason: str) -> Comment:
    require_moderator(actor)
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.is_hidden:
        raise ValidationError(_("This comment is already hidden."))
    text = clean_text(
        reason,
        field="reason",
        max_length=MAX_REASON_LENGTH,
        required=_("Give the reason for hiding; the author and the log will show it."),
    )
    comment.hidden_at = timezone.now()
    comment.hidden_by = actor
    comment.hidden_reason = text
    comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    resolved = _resolve_reports(comment)
    audit.record(actor=actor, action="comment.hide", target=comment, changes={"reason": text, "reports": resolved})
    return comment


@transaction.atomic
def comment_restore(*, actor, comment: Comment) -> Comment:
    require_moderator(actor)
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if not comment.is_hidden:
        raise ValidationError(_("This comment is not hidden."))
    before = comment.hidden_reason
    comment.hidden_at = None
    comment.hidden_by = None
    comment.hidden_reason = ""
    comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    audit.record(actor=actor, action="comment.restore", target=comment, changes={"previous_reason": before})
    return comment


@transaction.atomic
def comment_reports_dismiss(*, actor, comment: Comment) -> int:
    """Close the open reports on a comment that stays visible."""
    require_moderator(actor)
    resolved = _resolve_reports(comment)
    if not resolved:
        raise ValidationError(_("There are no open reports on this comment."))
    audit.record(actor=actor, action="comment.dismiss_reports", target=comment, changes={"reports": resolved})
    return resolved
