# SPDX-License-Identifier: EUPL-1.2
"""Test set-up shared by the whole suite.

The real reference data (municipalities, the Operatie NUP catalogue) is loaded once per test
session into the test database; each test runs in a transaction that is rolled back, so tests
see the same data. Avoid ``transactional_db`` where you can: it empties the tables afterwards.
"""

import pytest
from django.core.management import call_command, get_commands
from django.test import Client
from django.utils import translation
from rest_framework.test import APIClient

from bouwplaats.core.testing import in_english


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        if "load_reference_data" in get_commands():
            call_command("load_reference_data", verbosity=0)


@pytest.fixture(autouse=True)
def _dutch_by_default(settings):
    """Pages render in Dutch by default, as for a new visitor."""
    settings.LANGUAGE_CODE = "nl"


@pytest.fixture(autouse=True)
def _private_files_apart(settings, tmp_path_factory):
    """Private files (evidence, imports, a job's files) written by a test go to a folder of its own."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path_factory.mktemp("private-media")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache.

    Cached page parts are keyed by the newest audit entry (ADR 6); tests also create objects with
    factories, which record no audit entry, so a part cached by one test could be served to the next.
    """
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def english_messages():
    """For tests that assert the English source strings, whatever the translations say."""
    with translation.override("en"):
        yield


@pytest.fixture
def english_client():
    return in_english(Client())


@pytest.fixture
def english_api_client():
    return in_english(APIClient())


def pytest_collection_modifyitems(config, items):
    """Tests marked ``postgres`` need PostgreSQL's locking; `.ci/run` runs the suite on it as well."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    reason = "needs PostgreSQL (run with DATABASE_URL=postgres://...; .ci/run does)"
    for item in items:
        if item.get_closest_marker("postgres"):
            item.add_marker(pytest.mark.skip(reason=reason))
