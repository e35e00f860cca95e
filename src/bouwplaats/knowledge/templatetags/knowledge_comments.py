# SPDX-License-Identifier: EUPL-1.2
"""``{% comment_thread target as discussion %}``: what ``knowledge/_comments.html`` shows for a subject."""

from dataclasses import dataclass, field

from django import template

from ..comments import permissions, selectors
from ..comments.forms import CommentForm
from ..comments.registry import commentable_for, subject_label

register = template.Library()


@dataclass
class Discussion:
    subject: object
    label: str
    comments: list
    is_open: bool
    can_post: bool
    can_report: bool
    can_moderate: bool
    form: CommentForm | None = None
    count: int = field(default=0)


@register.simple_tag(takes_context=True)
def comment_thread(context, target) -> Discussion:
    request = context.get("request")
    user = getattr(request, "user", None)
    commentable = commentable_for(target)
    if commentable is None:
        raise template.TemplateSyntaxError(f"{target._meta.label} is not registered as commentable.")
    comments = list(selectors.thread(target))
    label = subject_label(target)
    is_open = bool(commentable.is_open(target))
    can_post = is_open and permissions.can_post_comment(user, target)
    form = None
    if can_post:
        form = CommentForm(
            initial={"subject": label, "subject_id": target.pk, "next": request.get_full_path() if request else ""},
            auto_id=f"id_comment_{label.replace('.', '_')}_%s",
        )
    visible = sum((0 if c.is_hidden else 1) + sum(0 if r.is_hidden else 1 for r in c.replies.all()) for c in comments)
    return Discussion(
        subject=target,
        label=label,
        comments=comments,
        is_open=is_open,
        can_post=can_post,
        can_report=bool(user and user.is_authenticated),
        can_moderate=permissions.can_moderate_comments(user),
        form=form,
        count=visible,
    )
