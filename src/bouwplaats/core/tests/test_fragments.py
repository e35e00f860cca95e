# SPDX-License-Identifier: EUPL-1.2
"""One render per part and version, however many requests miss it at once (no cache stampede); readers
who may lag get a versioned part's previous version and ask the worker for one render."""

import threading
import time

import pytest
from django.core.cache import cache
from django.utils import translation

from bouwplaats.core import fragments
from bouwplaats.core.fragments import cached_fragment, fragment_key
from bouwplaats.core.testing import at_the_same_moment

READERS = 8


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


class SlowRender:
    """A render that takes a while and counts how often it ran."""

    def __init__(self, text: str, seconds: float = 0.3):
        self.text, self.seconds, self.count = text, seconds, 0
        self._lock = threading.Lock()

    def __call__(self) -> str:
        with self._lock:
            self.count += 1
        time.sleep(self.seconds)
        return self.text


def test_concurrent_misses_render_once_and_all_get_the_part():
    render = SlowRender("part v1")

    outcomes = at_the_same_moment(*[lambda: cached_fragment("test.part", (1, "x"), render)] * READERS)

    assert render.count == 1
    assert outcomes == ["part v1"] * READERS
    assert cache.get(fragment_key("test.part", (1, "x"))) == "part v1"


SLOW = {"lock": threading.Lock(), "count": 0, "seconds": 0.0, "version": 1}


@fragments.part("test.slow")
def slow_part(*, town: str) -> str:
    """A versioned part that takes ``SLOW["seconds"]``; counts its renders in ``SLOW["count"]``."""
    with SLOW["lock"]:
        SLOW["count"] += 1
    time.sleep(SLOW["seconds"])
    return f"{town} v{SLOW['version']}"


@pytest.fixture
def slow():
    SLOW.update(count=0, seconds=0.0, version=1)
    return SLOW


def test_concurrent_misses_of_a_new_version_render_once_and_all_get_it(slow):
    assert fragments.versioned_part(slow_part, version=1, town="GM0363") == "GM0363 v1"
    slow.update(version=2, seconds=1, count=0)

    outcomes = at_the_same_moment(*[lambda: fragments.versioned_part(slow_part, version=2, town="GM0363")] * READERS)

    assert slow["count"] == 1
    assert outcomes == ["GM0363 v2"] * READERS


@pytest.mark.django_db  # the worker is asked after the commit (each thread has a connection of its own)
def test_concurrent_readers_who_may_lag_get_the_previous_version_and_ask_the_worker_once(slow, monkeypatch):
    asked = []
    monkeypatch.setattr(fragments.render_fragment, "delay", lambda *args: asked.append(args))
    assert fragments.versioned_part(slow_part, version=1, town="GM0363") == "GM0363 v1"
    slow.update(version=2, count=0)

    def reader():
        end = fragments.render_behind(lambda: True)
        try:
            return fragments.versioned_part(slow_part, version=2, town="GM0363")
        finally:
            end()

    outcomes = at_the_same_moment(*[reader] * READERS)

    assert outcomes == ["GM0363 v1"] * READERS
    assert slow["count"] == 0  # no reader rendered
    path = f"{__name__}.slow_part"
    assert asked == [(path, 2, {"town": "GM0363"}, translation.get_language(), "/")]


@pytest.mark.django_db
def test_the_previous_version_is_only_served_for_the_same_parameters(slow, monkeypatch):
    monkeypatch.setattr(fragments.render_fragment, "delay", lambda *args: None)
    fragments.versioned_part(slow_part, version=1, town="GM0363")
    slow.update(version=2)
    end = fragments.render_behind(lambda: True)
    try:
        # Utrecht's part has no previous version: it is rendered now rather than showing Amsterdam's.
        assert fragments.versioned_part(slow_part, version=2, town="GM0344") == "GM0344 v2"
        assert fragments.versioned_part(slow_part, version=2, town="GM0363") == "GM0363 v1"
    finally:
        end()


def test_a_render_that_is_never_finished_holds_others_up_only_briefly(monkeypatch):
    monkeypatch.setattr(fragments, "WAIT_STEPS", 3)
    # A process took the lock and died before storing anything.
    cache.add(fragment_key("test.part", (1,)) + ":rendering", "gone", 30)

    started = time.monotonic()
    assert cached_fragment("test.part", (1,), lambda: "rendered here") == "rendered here"
    assert time.monotonic() - started < 1
    assert cache.get(fragment_key("test.part", (1,))) == "rendered here"


def test_the_lock_is_released_when_the_render_fails():
    def failing():
        raise LookupError("no such thing")

    with pytest.raises(LookupError):
        cached_fragment("test.part", (1,), failing)

    assert cache.get(fragment_key("test.part", (1,)) + ":rendering") is None
    assert cached_fragment("test.part", (1,), lambda: "second try") == "second try"


def test_a_hit_does_not_render():
    cached_fragment("test.part", (1,), lambda: "first")
    render = SlowRender("second", seconds=0)

    assert cached_fragment("test.part", (1,), render) == "first"
    assert render.count == 0


def test_a_part_that_is_none_is_kept_too():
    renders = []

    def render():
        renders.append(1)

    assert cached_fragment("test.none", ("a",), render) is None
    assert cached_fragment("test.none", ("a",), render) is None
    assert len(renders) == 1


@fragments.part("test.outer")
def outer_part(*, town: str) -> str:
    """A part made of another versioned part, as a report's page is made of the cached report."""
    return f"page of {fragments.versioned_part(slow_part, version=SLOW['version'], town=town)}"


@pytest.mark.django_db
def test_a_part_rendered_now_reads_the_parts_it_is_made_of_at_its_own_version(slow, monkeypatch):
    monkeypatch.setattr(fragments.render_fragment, "delay", lambda *args: None)
    fragments.versioned_part(slow_part, version=1, town="GM0363")  # the inner part has a previous version
    slow.update(version=2)
    end = fragments.render_behind(lambda: True)
    try:
        # The outer part has none, so the reader renders it; the inner part is not served lagging then.
        assert fragments.versioned_part(outer_part, version=2, town="GM0363") == "page of GM0363 v2"
        assert fragments.versioned_part(slow_part, version=3, town="GM0363") == "GM0363 v2"  # but here it lags
    finally:
        end()


@pytest.mark.parametrize("path", ["bouwplaats.core.fragments.fragment_key", "os.system"])
def test_the_worker_renders_only_registered_parts(path, monkeypatch):
    """The task takes a dotted path from the queue: anything but a function registered with ``@part`` is
    refused before it is called."""
    called = []
    monkeypatch.setattr("os.system", lambda *args: called.append(args))
    with pytest.raises(ValueError, match="is not a registered part"):
        fragments.render_fragment(path, 1, {}, "nl")
    assert called == []
