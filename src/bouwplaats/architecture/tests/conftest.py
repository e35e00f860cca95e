import pytest

from bouwplaats.accounts.tests.factories import StaffFactory, UserFactory


@pytest.fixture(autouse=True)
def _english_messages(english_messages):
    """The assertions below read the English source strings."""


@pytest.fixture
def client(english_client):
    return english_client


@pytest.fixture
def api_client(english_api_client):
    return english_api_client


@pytest.fixture
def staff(db):
    return StaffFactory()


@pytest.fixture
def member(db):
    return UserFactory()


@pytest.fixture
def gemma(db):
    """The shipped GEMMA release, loaded for the whole session by load_reference_data."""
    from bouwplaats.architecture.selectors import current_model

    return current_model("GEMMA")
