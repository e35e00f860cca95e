# SPDX-License-Identifier: EUPL-1.2
"""The models that people may follow. Apps register theirs in ``AppConfig.ready``::

    from bouwplaats.notifications.registry import register_followable
    register_followable(Question, can_follow=permissions.can_view_question)

Only registered models can be followed, so the follow form cannot be pointed at arbitrary
data (users, tokens). ``can_follow(user, obj)`` lets an app keep non-public objects out.
"""

from collections.abc import Callable

from django.db import models

_followable: dict[str, Callable | None] = {}


def register_followable(model: type[models.Model], *, can_follow: Callable | None = None) -> None:
    _followable[model._meta.label_lower] = can_follow


def unregister_followable(model: type[models.Model]) -> None:
    _followable.pop(model._meta.label_lower, None)


def is_followable(model: type[models.Model]) -> bool:
    return model._meta.label_lower in _followable


def may_follow(user, target: models.Model) -> bool:
    check = _followable.get(target._meta.label_lower)
    return check is None or bool(check(user, target))
