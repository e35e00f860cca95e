# SPDX-License-Identifier: EUPL-1.2
"""Small values of the signed-in user that every page's header shows, kept in the cache per user.

Reading them on each page would add queries to every page a member opens; they change only through
a few writes, so they are cached per user and forgotten by those writes: at once (the writer's own
next page reads them anew) and again after their commit (another page that read before the commit
may have stored the old value meanwhile). The short timeout bounds what could still slip between
the two. Used for the number of unread notifications and for whether a user has a "My municipality".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

TIMEOUT = 60

T = TypeVar("T")


def key(name: str, user_id: int) -> str:
    return f"{name}:{user_id}"


def cached(name: str, user_id: int, compute: Callable[[], T]) -> T:
    """The cached value ``name`` of ``user_id``, or ``compute()`` worked out now and stored."""
    value = cache.get(key(name, user_id))
    if value is None:
        value = compute()
        cache.set(key(name, user_id), value, TIMEOUT)
    return value


def forget(name: str, user_ids: Iterable[int]) -> None:
    """Drop the cached values ``name`` of ``user_ids`` now and when the current transaction commits."""
    keys = [key(name, user_id) for user_id in set(user_ids)]
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys), robust=True)
