# SPDX-License-Identifier: EUPL-1.2
"""Caching the expensive, non-personal parts of pages and API answers.

A part is stored under its name and the values it depends on (the data version, the query string,
the date, the viewer's role class, ...) plus the active language. Nothing that holds a CSRF token,
messages or other per-user data may be cached: keep those outside the part.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.core.cache import cache
from django.utils import translation
from django.utils.translation import get_language

T = TypeVar("T")

logger = logging.getLogger(__name__)

# Parts go out of use by their key (a new data version or date gives a new key). The timeout bounds
# how long unused entries stay, and how long a part can lag in the one case the version misses:
# on PostgreSQL, two overlapping writes whose audit ids commit out of order (see ADR 6).
TIMEOUT = 5 * 60
# One process renders a missing part; the lock it holds meanwhile expires after this many seconds,
# so that a process that died while rendering holds up no one for longer.
LOCK_TIMEOUT = 30
# How the others wait for that render when there is no earlier version to serve: a few short polls,
# then they render it themselves (a slow render costs time, never an error).
WAIT_STEP = 0.01
# A stored ``None`` is a value too.
_MISSING = object()
WAIT_STEPS = 200

# Renders left for after the response of this request (see ``render_behind``), and whether this
# request's reader may be served a part's previous version meanwhile (a callable, asked on a miss).
_behind: ContextVar[list[Callable[[], None]] | None] = ContextVar("fragments_behind", default=None)
_may_lag: ContextVar[Callable[[], bool] | None] = ContextVar("fragments_may_lag", default=None)
_fresh_for: ContextVar[float] = ContextVar("fragments_fresh_for", default=0.0)


def render_behind(may_lag: Callable[[], bool], *, fresh_for: float = 0.0) -> None:
    """Let this request's reader get a part's previous version while the new one renders after the response.

    Called by ``core.middleware.RenderBehindMiddleware`` for pages read (GET, HEAD) when
    ``settings.FRAGMENTS_RENDER_BEHIND`` is on; ``may_lag`` says no for a reader who has just written,
    so that people always see their own change. The renders run when the response is finished
    (``run_renders_behind``, on Django's ``request_finished``). A previous version rendered less than
    ``fresh_for`` seconds ago is served without a new render: however often the data changes, a
    part is rendered for such readers at most once in that time.
    """
    _behind.set([])
    _may_lag.set(may_lag)
    _fresh_for.set(fresh_for)


def run_renders_behind(**_signal) -> None:
    """Run the renders this request left for after its response; a failure is logged, never raised."""
    pending = _behind.get()
    _behind.set(None)
    _may_lag.set(None)
    for job in pending or ():
        try:
            job()
        except Exception:
            logger.exception("fragment render after the response failed")


def _previous_to_serve(previous_key: str | None):
    """The previous version of a part (its version, text and render time) this reader may be served, or None."""
    may_lag = _may_lag.get()
    if previous_key is None or may_lag is None or _behind.get() is None or not may_lag():
        return None
    return cache.get(previous_key)


def _recently_rendered(previous) -> bool:
    return previous is not None and time.time() - previous[2] < _fresh_for.get()


def _after_response(render: Callable[[], Any], lock_key: str) -> Callable[[], None]:
    """``render`` as a job for after the response: in the request's language, releasing the lock."""
    language = get_language()

    def job() -> None:
        try:
            with translation.override(language):
                render()
        finally:
            cache.delete(lock_key)

    return job


def fragment_key(name: str, key_parts: Iterable[Any]) -> str:
    """The cache key of a part: its name, the active language and a digest of what it depends on."""
    digest = hashlib.sha256(repr(tuple(key_parts)).encode()).hexdigest()[:32]
    return f"fragment:{name}:{get_language()}:{digest}"


def cached_fragment(
    name: str, key_parts: Iterable[Any], render: Callable[[], T], *, timeout: int = TIMEOUT, version: Any = None
) -> T:
    """``render()``'s result from the cache, or computed now and stored.

    ``render`` must do all the expensive work (queries included), so that a hit does none of it.
    Its result must be picklable (text, SafeString, dicts and lists of them).

    After a write, many requests miss the same part at once; only one of them renders it (a short
    lock in the cache, ``cache.add``). The others serve the part's previous version when there is
    one, or wait for the render a short, bounded while. The previous version is kept only for parts
    that give their data version as ``version`` (rather than among ``key_parts``): the part is then
    also stored under its name and the other key parts alone, and while the new version is being
    rendered, readers see the previous one for the time of that one render. With render behind on
    (``render_behind``), the reader who misses first is served the previous version too, and the
    new one is rendered after that reader's response, or not at all while the previous version is
    younger than the request's ``fresh_for``.
    """
    key_parts = tuple(key_parts)
    key = fragment_key(name, key_parts if version is None else (version, *key_parts))
    value = cache.get(key, _MISSING)
    if value is not _MISSING:
        return value
    previous_key = None if version is None else fragment_key(f"{name}:previous", key_parts)
    previous = _previous_to_serve(previous_key)
    if _recently_rendered(previous):
        return previous[1]

    def render_and_store() -> T:
        rendered = render()
        logger.debug("fragment rendered: %s", name)
        entries = {key: rendered}
        if previous_key is not None:
            entries[previous_key] = (version, rendered, time.time())
        cache.set_many(entries, timeout)
        return rendered

    lock_key = f"{key}:rendering"
    if cache.add(lock_key, True, LOCK_TIMEOUT):
        if previous is not None:
            _behind.get().append(_after_response(render_and_store, lock_key))
            return previous[1]
        try:
            return render_and_store()
        finally:
            cache.delete(lock_key)
    # Someone else is rendering this part and version: serve the previous version, or wait briefly.
    if previous_key is not None:
        previous = previous or cache.get(previous_key)
        if previous is not None:
            return previous[1]
    for _step in range(WAIT_STEPS):
        time.sleep(WAIT_STEP)
        value = cache.get(key, _MISSING)
        if value is not _MISSING:
            return value
    logger.debug("fragment %s: waited for another render in vain", name)
    return render_and_store()
