# SPDX-License-Identifier: EUPL-1.2
"""Who may post, report and moderate comments."""

from django.utils.translation import gettext as _

from bouwplaats.accounts.permissions import is_authenticated, is_programme_staff, require

from .registry import commentable_for


def can_view_subject(user, subject) -> bool:
    commentable = commentable_for(subject)
    return commentable is not None and bool(commentable.can_view(user, subject))


def can_post_comment(user, subject) -> bool:
    return is_authenticated(user) and can_view_subject(user, subject)


def can_moderate_comments(user) -> bool:
    return is_programme_staff(user)


def require_comment_poster(user, subject) -> None:
    require(is_authenticated(user), _("Log in to post a comment."))
    require(can_view_subject(user, subject), _("You cannot comment on this."))


def require_comment_reporter(user, comment) -> None:
    require(is_authenticated(user), _("Log in to report a comment."))
    # The report page shows the comment: only someone who may read its subject may open it.
    subject = comment.subject
    require(subject is not None and can_view_subject(user, subject), _("You cannot see this comment."))


def require_moderator(user) -> None:
    require(can_moderate_comments(user), _("Only programme staff may moderate comments."))
