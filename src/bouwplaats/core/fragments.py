"""Caching the expensive, non-personal parts of pages and API answers.

A part is stored under its name and the values it depends on (the data version, the query string,
the date, the viewer's role class, ...) plus the active language. Nothing that holds a CSRF token,
messages or other per-user data may be cached: keep those outside the part.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.core.cache import cache
from django.utils.translation import get_language

T = TypeVar("T")

# Parts go out of use by their key (a new data version or date gives a new key). The timeout bounds
# how long unused entries stay, and how long a part can lag in the one case the version misses:
# on PostgreSQL, two overlapping writes whose audit ids commit out of order (see ADR 6).
TIMEOUT = 5 * 60


def fragment_key(name: str, key_parts: Iterable[Any]) -> str:
    """The cache key of a part: its name, the active language and a digest of what it depends on."""
    digest = hashlib.sha256(repr(tuple(key_parts)).encode()).hexdigest()[:32]
    return f"fragment:{name}:{get_language()}:{digest}"


def cached_fragment(name: str, key_parts: Iterable[Any], render: Callable[[], T], *, timeout: int = TIMEOUT) -> T:
    """``render()``'s result from the cache, or computed now and stored.

    ``render`` must do all the expensive work (queries included), so that a hit does none of it.
    Its result must be picklable (text, SafeString, dicts and lists of them).
    """
    key = fragment_key(name, key_parts)
    value = cache.get(key)
    if value is None:
        value = render()
        cache.set(key, value, timeout)
    return value
