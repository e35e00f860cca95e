# SPDX-License-Identifier: EUPL-1.2
"""Caching the expensive, non-personal parts of pages and API answers.

A part is stored under its name and the values it depends on (the data version, the query string,
the date, the viewer's role class, ...) plus the active language. Nothing that holds a CSRF token,
messages or other per-user data may be cached: keep those outside the part.

Two kinds of part:

- ``cached_fragment(name, key_parts, render)``: any callable; on a miss the request renders it
  (one request per part and key, the others wait briefly).
- ``versioned_part(render, version=..., **params)``: a part registered with ``@part(name)``, keyed
  by its data version and JSON parameters. It keeps its previous version, and because it can be
  rendered from its name and parameters alone, a Celery worker renders its new version after a
  write while readers are served the previous one (ADR 21, which amends ADR 17).
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from typing import Any, TypeVar

from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, QueryDict
from django.urls import get_script_prefix, set_script_prefix
from django.utils import translation
from django.utils.module_loading import import_string
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
# How the others wait for that render: a few short polls, then they render it themselves (a slow
# render costs time, never an error).
WAIT_STEP = 0.01
WAIT_STEPS = 200
# A stored ``None`` is a value too.
_MISSING = object()

# Whether this request's reader may be served a versioned part's previous version while a worker
# renders the new one (a callable, asked on a miss), and how young a previous version is served
# without asking for a render at all. Set per request by ``core.middleware.RenderBehindMiddleware``.
_may_lag: ContextVar[Callable[[], bool] | None] = ContextVar("fragments_may_lag", default=None)
_fresh_for: ContextVar[float] = ContextVar("fragments_fresh_for", default=0.0)


def render_behind(may_lag: Callable[[], bool], *, fresh_for: float = 0.0) -> Callable[[], None]:
    """Let this request's reader be served a versioned part's previous version while a worker renders the new one.

    Called by ``core.middleware.RenderBehindMiddleware`` for pages read (GET, HEAD) when
    ``settings.FRAGMENTS_RENDER_BEHIND`` is on; ``may_lag`` says no for a reader who has just written,
    so that people always see their own change. A previous version rendered less than ``fresh_for``
    seconds ago is served without asking for a new render: however often the data changes, a part
    is rendered at most once in that time. Returns the function that ends this at the end of the request.
    """
    lag_token, fresh_token = _may_lag.set(may_lag), _fresh_for.set(fresh_for)

    def end() -> None:
        _may_lag.reset(lag_token)
        _fresh_for.reset(fresh_token)

    return end


def _reader_may_lag() -> bool:
    may_lag = _may_lag.get()
    return may_lag is not None and may_lag()


def fragment_key(name: str, key_parts: Iterable[Any]) -> str:
    """The cache key of a part: its name, the active language and a digest of what it depends on."""
    digest = hashlib.sha256(repr(tuple(key_parts)).encode()).hexdigest()[:32]
    return f"fragment:{name}:{get_language()}:{digest}"


def _render_once(key: str, render_and_store: Callable[[], T]) -> T:
    """Render a missing part in this process, once: whoever takes the lock renders; the others wait
    for that render a short, bounded while and then render it themselves."""
    lock_key = f"{key}:rendering"
    if cache.add(lock_key, time.time(), LOCK_TIMEOUT):
        try:
            return render_and_store()
        finally:
            cache.delete(lock_key)
    for _step in range(WAIT_STEPS):
        time.sleep(WAIT_STEP)
        value = cache.get(key, _MISSING)
        if value is not _MISSING:
            return value
    logger.debug("fragment %s: waited for another render in vain", key)
    return render_and_store()


def cached_fragment(name: str, key_parts: Iterable[Any], render: Callable[[], T], *, timeout: int = TIMEOUT) -> T:
    """``render()``'s result from the cache, or computed now and stored.

    ``render`` must do all the expensive work (queries included), so that a hit does none of it.
    Its result must be picklable (text, SafeString, dicts and lists of them).

    After a write, many requests miss the same part at once; only one of them renders it (a short
    lock in the cache, ``cache.add``). The others wait for that render a short, bounded while.
    """
    key = fragment_key(name, key_parts)
    value = cache.get(key, _MISSING)
    if value is not _MISSING:
        return value

    def render_and_store() -> T:
        rendered = render()
        logger.debug("fragment rendered: %s", name)
        cache.set(key, rendered, timeout)
        return rendered

    return _render_once(key, render_and_store)


# --- versioned parts, rendered by a worker after a write -------------------------------------


def part(name: str, *, with_version: bool = False) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Register a module-level function as a versioned part named ``name`` (see ``versioned_part``).

    The function takes keyword arguments that are JSON values (text, numbers, booleans, None, lists)
    and needs no request: a Celery worker calls it with the same arguments as the page did. With
    ``with_version`` it is also given the data version as ``version`` (to read other versioned parts
    at that version), which is not one of its parameters: the previous version is kept per parameters.
    """

    def register(render: Callable[..., T]) -> Callable[..., T]:
        render.fragment_part = name
        render.fragment_with_version = with_version
        return render

    return register


def _path(render: Callable) -> str:
    return f"{render.__module__}.{render.__qualname__}"


def _registered(path: str) -> Callable:
    render = import_string(path)
    if not getattr(render, "fragment_part", None):
        raise ValueError(f"{path} is not a registered part")
    return render


class _Keys:
    """The cache keys of a versioned part: this version's; and for the part whatever its version, the
    previous version and the time a worker was asked to render it (one render asked at a time)."""

    def __init__(self, name: str, version: int, params: dict[str, Any]):
        key_parts = (json.dumps(params, sort_keys=True, separators=(",", ":")),)
        self.current = fragment_key(name, (version, *key_parts))
        self.previous = fragment_key(f"{name}:previous", key_parts)
        self.asked = fragment_key(f"{name}:asked", key_parts)


def _render_and_store(render: Callable[..., T], version: int, params: dict[str, Any], keys: _Keys) -> T:
    # A part stored under a version is made of that version's data: the versioned parts it reads
    # (a report's page reads the cached report) are not served lagging while it renders.
    token = _may_lag.set(None)
    try:
        rendered = render(**params, **({"version": version} if render.fragment_with_version else {}))
    finally:
        _may_lag.reset(token)
    logger.debug("fragment rendered: %s", render.fragment_part)
    cache.set_many({keys.current: rendered, keys.previous: (version, rendered, time.time())}, TIMEOUT)
    return rendered


def versioned_part(render: Callable[..., T], *, version: int, **params) -> T:
    """The part ``render`` (registered with ``@part``) for these ``params`` at data ``version``.

    Stored under the version and the parameters, and also as the part's previous version under the
    parameters alone. On a miss:

    - a reader who may lag (``render_behind``: production's ``FRAGMENTS_RENDER_BEHIND``, and not
      someone who has just written) is served the previous version at once. Unless that version is
      younger than ``FRAGMENTS_FRESH_FOR_SECONDS``, the first such reader asks a Celery worker to
      render the new one (``render_fragment``, after the transaction commits); the readers after it
      get the previous version until the worker has stored the new one, and ask nothing more, even
      of versions written meanwhile (the worker renders the data as it then is). If the worker has
      not done so within ``FRAGMENTS_WORKER_WAIT_SECONDS``, one reader renders it itself: a part lags
      behind the data by at most the fresh time, that wait and one render.
    - anyone else, and a reader when there is no previous version, renders it in the request (once,
      as ``cached_fragment`` does).
    """
    name = render.fragment_part
    keys = _Keys(name, version, params)
    value = cache.get(keys.current, _MISSING)
    if value is not _MISSING:
        return value

    def render_and_store() -> T:
        return _render_and_store(render, version, params, keys)

    if _reader_may_lag():
        previous = cache.get(keys.previous)
        if previous is not None:
            if time.time() - previous[2] < _fresh_for.get():
                return previous[1]
            if not _late(keys):
                _ask_worker(render, version, params, keys)
                return previous[1]
            if not cache.add(f"{keys.asked}:late", True, LOCK_TIMEOUT):
                return previous[1]
            logger.warning("fragment %s: no worker rendered it in time; rendered in the request", name)
            return render_and_store()
    return _render_once(keys.current, render_and_store)


def _late(keys: _Keys) -> bool:
    """Whether a render of the part was asked of the worker longer ago than a worker may take."""
    asked = cache.get(keys.asked)
    return asked is not None and time.time() - asked > settings.FRAGMENTS_WORKER_WAIT_SECONDS


def _ask_worker(render: Callable, version: int, params: dict[str, Any], keys: _Keys) -> None:
    """Have a worker render this version, unless a render of the part has been asked for already."""
    if cache.add(keys.asked, time.time(), settings.FRAGMENTS_WORKER_WAIT_SECONDS + LOCK_TIMEOUT):
        path, language, prefix = _path(render), get_language(), get_script_prefix()
        transaction.on_commit(lambda: render_fragment.delay(path, version, params, language, prefix), robust=True)


@shared_task(name="core.render_fragment", ignore_result=True)
def render_fragment(path: str, version: int, params: dict[str, Any], language: str, prefix: str = "/") -> None:
    """Render and store a versioned part's new version (asked for by ``versioned_part``); then the
    part's readers may ask again.

    It renders in the reader's language and with the reader's script prefix (the site's addresses
    under a path of a proxy). Nothing is rendered when the version is stored already or a newer one
    has been (a request did it first). A failure is logged; the next reader asks again.
    """
    render = _registered(path)
    outer_prefix = get_script_prefix()
    set_script_prefix(prefix)
    try:
        _render_in_worker(render, version, params, language)
    finally:
        set_script_prefix(outer_prefix)


def _render_in_worker(render: Callable, version: int, params: dict[str, Any], language: str) -> None:
    with translation.override(language):
        keys = _Keys(render.fragment_part, version, params)
        try:
            if cache.get(keys.current, _MISSING) is not _MISSING:
                return
            previous = cache.get(keys.previous)
            if previous is not None and previous[0] > version:
                return
            _render_and_store(render, version, params, keys)
        except Exception:
            logger.exception("fragment %s: the render in the worker failed", render.fragment_part)
        finally:
            cache.delete(keys.asked)


def query_request(query: str) -> HttpRequest:
    """A request that holds only a query string, for a part rendered without one (by a worker) whose
    template builds links from ``request.GET``."""
    request = HttpRequest()
    request.GET = QueryDict(query)
    return request
