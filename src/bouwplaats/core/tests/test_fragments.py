# SPDX-License-Identifier: EUPL-1.2
"""One render per part and version, however many requests miss it at once (no cache stampede)."""

import threading
import time

import pytest
from django.core.cache import cache

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


def test_concurrent_misses_of_a_new_version_render_once_and_serve_the_previous_one_meanwhile():
    assert cached_fragment("test.part", ("x",), lambda: "part v1", version=1) == "part v1"
    render = SlowRender("part v2", seconds=1)

    outcomes = at_the_same_moment(*[lambda: cached_fragment("test.part", ("x",), render, version=2)] * READERS)

    assert render.count == 1
    # The one that rendered has the new version; the others did not wait for it.
    assert sorted(outcomes) == ["part v1"] * (READERS - 1) + ["part v2"]
    assert cached_fragment("test.part", ("x",), SlowRender("never"), version=2) == "part v2"


def test_the_previous_version_is_only_served_for_the_same_other_key_parts(monkeypatch):
    monkeypatch.setattr(fragments, "WAIT_STEPS", 3)
    cached_fragment("test.part", ("GM0363",), lambda: "Amsterdam v1", version=1)
    cache.add(fragment_key("test.part", (2, "GM0344")) + ":rendering", "someone", 30)

    # Utrecht's part has no previous version: it waits (bounded) rather than showing Amsterdam's.
    started = time.monotonic()
    value = cached_fragment("test.part", ("GM0344",), lambda: "Utrecht v2", version=2)

    assert value == "Utrecht v2"
    assert time.monotonic() - started >= fragments.WAIT_STEP * fragments.WAIT_STEPS


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
