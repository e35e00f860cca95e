# SPDX-License-Identifier: EUPL-1.2
"""Helpers for the test suite that more than one app uses."""

import threading

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from . import fragments


def in_english(client):
    """A test client whose pages come in English (the language cookie, as the language switch sets)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def at_the_same_moment(*calls, errors_allowed: bool = False) -> list:
    """Run each call in its own thread, all released together, each on its own database connection.

    Returns what each call returned, or the exception it raised, in the order of ``calls``. Unless
    ``errors_allowed``, a raised exception fails the test. Needs ``django_db(transaction=True)``:
    the threads must see each other's commits.
    """
    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except Exception as error:  # handed to the test, which checks every outcome
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if not errors_allowed:
        errors = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
        assert not errors, errors
    return outcomes


# Fixtures for the apps whose tests read English: import them into the app's tests/conftest.py,
# ``from bouwplaats.core.testing import english_tests, api_client, client`` (marked as used for ruff, F401).


@pytest.fixture(autouse=True)
def english_tests(english_messages):
    """The assertions read the English source strings."""


@pytest.fixture
def client(english_client):
    return english_client


@pytest.fixture
def api_client(english_api_client):
    return english_api_client


def warmed_query_count(client, url: str) -> int:
    """The number of queries of ``url`` once the viewer's own cached parts (the header's unread
    count) are stored: the page is opened once before counting, as any second page would be."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def invalid_params(response) -> dict[str, list[str]]:
    """The messages of an API's 400 by field or parameter: its problem's ``invalidParams``."""
    assert response["Content-Type"] == "application/problem+json", response["Content-Type"]
    messages: dict[str, list[str]] = {}
    for param in response.json()["invalidParams"]:
        messages.setdefault(param["name"], []).append(param["reason"])
    return messages


class HeldRenders(list):
    """The renders of versioned parts asked of the Celery worker (``core.fragments.render_fragment``),
    held here until the test runs them with ``run``: the worker's part of a test."""

    def run(self) -> None:
        while self:
            fragments.render_fragment(*self.pop(0))


def hold_fragment_renders(monkeypatch) -> HeldRenders:
    """Hold the renders asked of the worker instead of running them (see ``HeldRenders``)."""
    held = HeldRenders()
    monkeypatch.setattr(fragments.render_fragment, "delay", lambda *args: held.append(args))
    return held
