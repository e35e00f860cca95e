"""The number of unread notifications shown in every signed-in page's header, kept in the cache.

Counting on each page would add a query to every page a member opens; the count changes only when
a notification is created or read, so it is cached per user and forgotten by those writes: at
once (the writer's own next page sees the new number) and again after their commit (another page
that counted before the commit may have stored the old number meanwhile). The short timeout bounds
what could still slip between the two.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction

TIMEOUT = 60


def _key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def cached_count(user_id: int, count) -> int:
    """The cached count of ``user_id``, or ``count()`` computed now and stored."""
    key = _key(user_id)
    value = cache.get(key)
    if value is None:
        value = count()
        cache.set(key, value, TIMEOUT)
    return value


def forget(user_ids: Iterable[int]) -> None:
    """Drop the cached counts of ``user_ids`` now and when the current transaction commits."""
    keys = [_key(user_id) for user_id in set(user_ids)]
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys), robust=True)
