import datetime

import pytest

from bouwplaats.core.testing import api_client, client, english_tests  # noqa: F401 (fixtures)
from bouwplaats.monitor import services
from bouwplaats.monitor.tests.factories import (
    ApprovedMembershipFactory,
    BuildingBlockFactory,
    MunicipalityFactory,
    ProgrammeFactory,
    StaffFactory,
    UserFactory,
    ladder,
)


def report(staff, municipality, block, level, on, **kwargs):
    return services.status_report(
        actor=staff, municipality=municipality, building_block=block, level=level, valid_from=on, **kwargs
    )


@pytest.fixture
def programme(db):
    """A current programme of its own: division of 1 January 2022, last day 31 December 2022."""
    from bouwplaats.catalogue.models import Programme

    Programme.objects.update(is_current=False)
    return ProgrammeFactory(is_current=True, reference_date=datetime.date(2022, 1, 1))


@pytest.fixture
def levels(programme):
    return ladder(programme, names=("niet gestart", "oriëntatie", "implementatie", "in gebruik"))


@pytest.fixture
def blocks(programme, levels):
    """Alfa, Bravo and Charlie, each due on 1 January 2023."""
    return (
        BuildingBlockFactory(programme=programme, code="AAA", name="Alfa"),
        BuildingBlockFactory(programme=programme, code="BBB", name="Bravo"),
        BuildingBlockFactory(programme=programme, code="CCC", name="Charlie"),
    )


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
def coordinator_b(town_b):
    return ApprovedMembershipFactory(municipality=town_b).user


@pytest.fixture
def progress(staff, town_a, town_b, blocks, levels):
    """Aadorp: Alfa stuck at "oriëntatie" since March 2020 with two blockers; Bravo planned after
    the deadline. Beedorp: Alfa stuck at "oriëntatie" with another blocker."""
    a, b, _c = blocks
    d = datetime.date
    report(staff, town_a, a, levels[1], d(2020, 3, 1), blockers=["capacity", "budget"])
    report(staff, town_a, b, levels[0], d(2021, 6, 1))
    report(staff, town_a, b, levels[2], d(2022, 5, 1), planned_date=d(2023, 6, 1))
    report(staff, town_b, a, levels[1], d(2020, 3, 1), blockers=["supplier_not_ready"])
    return blocks
