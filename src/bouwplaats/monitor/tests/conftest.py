# SPDX-License-Identifier: EUPL-1.2
import datetime

import pytest

from bouwplaats.core.testing import api_client, client, english_tests  # noqa: F401 (fixtures)

from .factories import (
    ApprovedMembershipFactory,
    BuildingBlockFactory,
    MunicipalityFactory,
    ProgrammeFactory,
    StaffFactory,
    UserFactory,
    ladder,
)


@pytest.fixture
def programme(db):
    """A current programme of its own with the division of 1 January 2022; details not public."""
    from bouwplaats.catalogue.models import Programme

    Programme.objects.update(is_current=False)
    return ProgrammeFactory(is_current=True, reference_date=datetime.date(2022, 1, 1))


@pytest.fixture
def levels(programme):
    return ladder(programme, names=("niet gestart", "oriëntatie", "implementatie", "in gebruik"))


@pytest.fixture
def blocks(programme, levels):
    """A, B (depends on A), C."""
    a = BuildingBlockFactory(programme=programme, code="AAA", name="Alfa")
    b = BuildingBlockFactory(programme=programme, code="BBB", name="Bravo", depends_on=[a])
    c = BuildingBlockFactory(programme=programme, code="CCC", name="Charlie")
    return a, b, c


@pytest.fixture
def town_a(db):
    return MunicipalityFactory(code="GM9901", name="Aadorp")


@pytest.fixture
def town_b(db):
    return MunicipalityFactory(code="GM9902", name="Beedorp")


@pytest.fixture
def staff(db):
    return StaffFactory()


@pytest.fixture
def member(db):
    return UserFactory()


@pytest.fixture
def coordinator_a(town_a):
    return ApprovedMembershipFactory(municipality=town_a).user


@pytest.fixture
def other_coordinator_a(town_a):
    return ApprovedMembershipFactory(municipality=town_a).user
