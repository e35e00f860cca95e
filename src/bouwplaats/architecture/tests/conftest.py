# SPDX-License-Identifier: EUPL-1.2
import pytest

from bouwplaats.accounts.tests.factories import StaffFactory, UserFactory
from bouwplaats.core.testing import api_client, client, english_tests  # noqa: F401 (fixtures)


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


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Uploaded model files are stored with their import job."""
    settings.MEDIA_ROOT = tmp_path
