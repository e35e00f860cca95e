# SPDX-License-Identifier: EUPL-1.2
import pytest

from .factories import AdminFactory, StaffFactory, UserFactory, municipality


@pytest.fixture
def member(db):
    return UserFactory(full_name="Mia Member", email="member@example.org")


@pytest.fixture
def staff(db):
    return StaffFactory(full_name="Sam Staff", email="staff@example.org")


@pytest.fixture
def admin_user(db):
    return AdminFactory(full_name="Ada Admin", email="admin@example.org")


@pytest.fixture
def amsterdam(db):
    return municipality("GM0363", "Amsterdam")


@pytest.fixture
def utrecht(db):
    return municipality("GM0344", "Utrecht")


@pytest.fixture
def mail_on_commit(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (our e-mails are sent after the commit) inside tests."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def client(client, settings):
    """A browser that asks for English, so that assertions on texts survive the Dutch translation."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
