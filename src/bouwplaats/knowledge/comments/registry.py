# SPDX-License-Identifier: EUPL-1.2
"""The models that may be commented on, and per model: whether it is open and who may see it.

Only registered models can be the subject of a comment, so the comment form cannot be pointed at
arbitrary rows (users, tokens) by changing its hidden fields.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models


def _always(*args) -> bool:
    return True


@dataclass(frozen=True)
class Commentable:
    model: type[models.Model]
    # is_open(subject) -> bool: whether new comments are accepted (e.g. an article with comments closed).
    is_open: Callable[[models.Model], bool] = _always
    # can_view(user, subject) -> bool: whether the user may see the subject and so its comments.
    can_view: Callable[[object, models.Model], bool] = _always


_commentables: dict[str, Commentable] = {}


def register_commentable(
    model: type[models.Model],
    *,
    is_open: Callable[[models.Model], bool] = _always,
    can_view: Callable[[object, models.Model], bool] = _always,
) -> None:
    _commentables[model._meta.label_lower] = Commentable(model=model, is_open=is_open, can_view=can_view)


def unregister_commentable(model: type[models.Model]) -> None:
    _commentables.pop(model._meta.label_lower, None)


def commentable_for(model_or_label) -> Commentable | None:
    label = model_or_label if isinstance(model_or_label, str) else model_or_label._meta.label_lower
    return _commentables.get(label)


def subject_label(subject: models.Model) -> str:
    return subject._meta.label_lower


def subject_url(subject: models.Model) -> str:
    """Where the subject (and so its comments) is shown; the home page for a subject without a page."""
    return subject.get_absolute_url() if hasattr(subject, "get_absolute_url") else "/"


def find_subject(label: str, subject_id) -> models.Model | None:
    """The registered subject ``label`` / ``subject_id``, or None when not registered or not found."""
    commentable = _commentables.get(str(label).lower())
    if commentable is None:
        return None
    try:
        return commentable.model._default_manager.filter(pk=int(subject_id)).first()
    except (TypeError, ValueError):
        return None


def content_type_of(subject: models.Model) -> ContentType:
    return ContentType.objects.get_for_model(subject)
