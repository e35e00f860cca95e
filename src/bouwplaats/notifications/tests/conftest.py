# SPDX-License-Identifier: EUPL-1.2
import pytest

from bouwplaats.accounts.tests.factories import StaffFactory, UserFactory, municipality
from bouwplaats.notifications import registry
from bouwplaats.organisations.models import Municipality


@pytest.fixture
def alice(db):
    return UserFactory(full_name="Alice Adviseur", email="alice@example.org", preferred_language="en")


@pytest.fixture
def bram(db):
    return UserFactory(full_name="Bram Beleid", email="bram@example.org", preferred_language="nl")


@pytest.fixture
def staff(db):
    return StaffFactory(full_name="Sam Staff", email="staff@example.org", preferred_language="en")


@pytest.fixture
def followable_municipality(db):
    """Municipalities stand in for a domain app's followable model (those apps sit above this one)."""
    registry.register_followable(Municipality)
    yield municipality("GM0363", "Amsterdam")
    registry.unregister_followable(Municipality)


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Our e-mails leave after the commit; run those callbacks inside the test's transaction."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run
