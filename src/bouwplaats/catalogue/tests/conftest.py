# SPDX-License-Identifier: EUPL-1.2
import pytest

from bouwplaats.core.testing import api_client, client, english_tests  # noqa: F401 (fixtures)

from .factories import (
    BuildingBlockFactory,
    CoordinatorFactory,
    ProgrammeFactory,
    StaffFactory,
    SupplierFactory,
    ladder,
)


@pytest.fixture
def staff(db):
    return StaffFactory()


@pytest.fixture
def coordinator(db):
    return CoordinatorFactory()


@pytest.fixture
def supplier(db):
    return SupplierFactory()


@pytest.fixture
def programme(db):
    """A small programme of its own (slug ``testprogramma-…``), next to any seeded one."""
    return ProgrammeFactory()


@pytest.fixture
def levels(programme):
    return ladder(programme)


@pytest.fixture
def blocks(programme):
    """Three blocks: B depends on A; C stands alone."""
    a = BuildingBlockFactory(programme=programme, code="AAA", name="Alfa", cluster="Stelsel")
    b = BuildingBlockFactory(programme=programme, code="BBB", name="Bravo", cluster="Stelsel", depends_on=[a])
    c = BuildingBlockFactory(programme=programme, code="CCC", name="Charlie", cluster="Burgers", owner="EZ / KvK")
    return a, b, c


@pytest.fixture
def current_programme(programme):
    """Make the test programme the current one (also when the real catalogue is loaded)."""
    from bouwplaats.catalogue.models import Programme

    Programme.objects.exclude(pk=programme.pk).update(is_current=False)
    programme.is_current = True
    programme.save(update_fields=["is_current"])
    return programme
